// The plain sentences villagers read on the meeting, notice and resolution pages, in both
// languages and at the exact lines the law draws (以上 includes the number; 过半数 does not).
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { CN_2026 } from '$lib/server/votes/rule-sets';
import { evaluatePass, type MeetingCounts, type MeetingType } from '$lib/server/votes/rules';
import { passRule, passWords, quorumWords } from '$lib/server/meetings/hall';
import { passRuleSentence, passSentence, quorumSentence } from './hall-words';

const baseGetLocale = getLocale;
afterEach(() => overwriteGetLocale(baseGetLocale));
const rules = CN_2026.meetings;
type Locale = 'zh-CN' | 'en';

describe('the quorum at its exact line', () => {
	it.each<[string, MeetingType, MeetingCounts, Locale, string]>([
		// 2/3 of 24 is exactly 16: 以上 includes it.
		[
			'16 of 24 is two thirds',
			'reps_meeting',
			{ present: 16, repsTotal: 21, committeeTotal: 3 },
			'zh-CN',
			'应到 24 人，实到 16 人，已达三分之二以上，可以表决'
		],
		[
			'15 of 24 is one short',
			'reps_meeting',
			{ present: 15, repsTotal: 21, committeeTotal: 3 },
			'zh-CN',
			'应到 24 人，实到 15 人，还差 1 人才能表决（需三分之二以上，即至少 16 人）'
		],
		[
			'16 of 24, in English',
			'reps_meeting',
			{ present: 16, repsTotal: 21, committeeTotal: 3 },
			'en',
			'24 expected, 16 present: two thirds or more are here, the meeting may vote'
		],
		[
			'15 of 24, in English',
			'reps_meeting',
			{ present: 15, repsTotal: 21, committeeTotal: 3 },
			'en',
			'24 expected, 15 present: 1 more needed before the meeting may vote (two thirds or more: at least 16)'
		],
		// 过半数 is strict: half of 6 is not enough.
		[
			'3 of 6 is half, not more',
			'branch_committee',
			{ present: 3, membersTotal: 6 },
			'zh-CN',
			'应到 6 人，实到 3 人，还差 1 人才能表决（需过半数，即至少 4 人）'
		],
		[
			'4 of 6 is more than half',
			'branch_committee',
			{ present: 4, membersTotal: 6 },
			'en',
			'6 expected, 4 present: more than half are here, the meeting may vote'
		]
	])('%s', (_, type, counts, locale, sentence) => {
		overwriteGetLocale(() => locale);
		expect(quorumSentence(quorumWords(rules[type], counts, false)!)).toBe(sentence);
	});
});

describe('the pass test at its exact line', () => {
	const reps = { present: 18, repsTotal: 22, committeeTotal: 3 };
	const members = { present: 20, membersTotal: 24 };
	it.each<[string, MeetingType, number, MeetingCounts, Locale, string]>([
		[
			'10 of 18',
			'reps_meeting',
			10,
			reps,
			'zh-CN',
			'同意 10 票，超过实到 18 人的半数（10 票），通过'
		],
		[
			'9 of 18 is half, not more',
			'reps_meeting',
			9,
			reps,
			'en',
			'9 in favour, not more than half of the 18 present (10 votes needed): not passed'
		],
		// Two thirds of all 24 members is exactly 16.
		[
			'16 of 24 members',
			'collective_members',
			16,
			members,
			'zh-CN',
			'同意 16 票，达到应到 24 人的三分之二以上（16 票），通过'
		],
		[
			'15 of 24 members',
			'collective_members',
			15,
			members,
			'en',
			'15 in favour, less than two thirds of the 24 members (16 votes needed): not passed'
		]
	])('%s', (_, type, yes, counts, locale, sentence) => {
		overwriteGetLocale(() => locale);
		const rule = rules[type];
		const tally = { yes, no: 0, abstain: 0 };
		expect(passSentence(passWords(rule, evaluatePass(rule, tally, counts))!)).toBe(sentence);
	});
});

describe('the pass rule before the vote', () => {
	it.each<[MeetingType, Locale, string]>([
		['reps_meeting', 'zh-CN', '同意票超过实到人数的半数，即为通过'],
		['reps_meeting', 'en', 'A motion passes when more than half of those present vote in favour'],
		['collective_members', 'zh-CN', '同意票达到应到人数的三分之二以上，即为通过'],
		[
			'collective_members',
			'en',
			'A motion passes when two thirds or more of all members vote in favour'
		]
	])('%s in %s', (type, locale, sentence) => {
		overwriteGetLocale(() => locale);
		expect(passRuleSentence(passRule(rules[type])!)).toBe(sentence);
	});

	it('has none for a meeting that does not vote', () => {
		expect(passRule(rules.consultation)).toBeNull();
	});
});
