// A co-signing threshold in one plain sentence ("已有 12 人附议，还需 21 人即须召开村民会议"), from
// the counts topics/rules.ts computes; the arithmetic itself stays one tap away on the page.
import { m } from '$lib/paraglide/messages';
import type { CosignThreshold } from '$lib/server/topics/rules';

const WORDS = {
	tenth_of_adults: [m.cosign_plain_tenth_short, m.cosign_plain_tenth_met],
	third_of_reps: [m.cosign_plain_third_short, m.cosign_plain_third_met],
	fifth_of_reps: [m.cosign_plain_fifth_short, m.cosign_plain_fifth_met]
} as const;

export function cosignSentence(
	th: Pick<CosignThreshold, 'rule' | 'met' | 'count' | 'needed'>
): string {
	const [short, met] = WORDS[th.rule];
	return th.met ? met({ have: th.count }) : short({ have: th.count, short: th.needed - th.count });
}
