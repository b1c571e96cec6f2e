// The hall screen's plain sentences, from the numbers meetings/hall.ts reads off the rule
// (browser-safe: no server imports beyond types).
import { m } from '$lib/paraglide/messages';
import type { PassWords, QuorumWords, Share } from '$lib/server/meetings/hall';

/** 1/2 → 半数, 2/3 → 三分之二; any other share a village's options might bring, as a fraction. */
function shareWord(s: Share): string {
	if (s.num * 2 === s.den) return m.hall_share_half();
	if (s.num * 3 === s.den * 2) return m.hall_share_two_thirds();
	return m.hall_share_fraction({ num: s.num, den: s.den });
}

const ruleWords = (s: Share) =>
	s.strict
		? m.hall_rule_more({ share: shareWord(s) })
		: m.hall_rule_at_least({ share: shareWord(s) });

/** "应到 18 人，实到 13 人，已达三分之二以上，可以表决" or "…，还差 2 人才能表决（…）". */
export function quorumSentence(q: QuorumWords): string {
	const counts = (q.fixedAtVote ? m.hall_quorum_counts_fixed : m.hall_quorum_counts)({
		expected: q.expected,
		present: q.present
	});
	return m.hall_quorum_sentence({ counts, verdict: quorumVerdict(q) });
}

function quorumVerdict(q: QuorumWords): string {
	const held = q.ways.find((w) => w.short === 0);
	if (q.met && held) {
		if (held.basis === 'households')
			return m.hall_quorum_met_households({ have: held.have, rule: ruleWords(held.share) });
		const share = shareWord(held.share);
		return held.share.strict
			? m.hall_quorum_met_more({ share })
			: m.hall_quorum_met_at_least({ share });
	}
	const people = q.ways.find((w) => w.basis === 'people') ?? q.ways[0];
	const households = q.ways.find((w) => w.basis === 'households');
	if (households)
		return m.hall_quorum_short_or_households({
			short: people.short,
			households: households.short
		});
	return m.hall_quorum_short({
		short: people.short,
		needed: people.needed,
		rule: ruleWords(people.share)
	});
}

/** "同意 10 票，超过实到 18 人的半数（10 票），通过". */
export function passSentence(p: PassWords): string {
	const args = {
		yes: p.yes,
		basis: p.basis === 'present' ? m.hall_basis_present() : m.hall_basis_roster(),
		base: p.base,
		share: shareWord(p.share),
		threshold: p.threshold
	};
	if (p.share.strict)
		return p.passed ? m.hall_pass_more_passed(args) : m.hall_pass_more_failed(args);
	return p.passed ? m.hall_pass_at_least_passed(args) : m.hall_pass_at_least_failed(args);
}

/** "同意票超过实到人数的半数，即为通过": the rule a meeting votes under, before any vote. */
export function passRuleSentence(r: Pick<PassWords, 'basis' | 'share'>): string {
	const args = {
		basis: r.basis === 'present' ? m.mtg_pass_basis_present() : m.mtg_pass_basis_roster(),
		share: shareWord(r.share)
	};
	return r.share.strict ? m.mtg_pass_rule_plain_more(args) : m.mtg_pass_rule_plain_at_least(args);
}
