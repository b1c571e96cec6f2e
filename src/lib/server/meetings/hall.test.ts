// The hall screen's plain words: the item it is on, the quorum and the result as sentences, each
// read off the meeting's rule (votes/rules.ts) and checked here against the law's own figures.
import { describe, expect, it } from 'vitest';
import { passSentence, quorumSentence } from '$lib/meetings/hall-words';
import {
	CN_2018,
	applyOptions,
	evaluatePass,
	type MeetingCounts,
	type MeetingType,
	type Tally
} from '../votes/rules';
import { CN_2026 } from '../votes/rule-sets';
import { itemUnderDiscussion, passWords, quorumWords } from './hall';
import type { MotionState } from './records';

const item = (id: number, ...states: MotionState[]) => ({
	id,
	motions: states.map((state) => ({ state }))
});

describe('itemUnderDiscussion', () => {
	it.each([
		[
			'the item of the open vote, even after an unsettled one',
			[item(1, 'draft'), item(2, 'closed', 'open')],
			2
		],
		[
			'the first item with a motion not yet closed',
			[item(1, 'closed'), item(2, 'draft'), item(3)],
			2
		],
		[
			'an item without motions is still to be discussed',
			[item(1, 'closed'), item(2), item(3, 'draft')],
			2
		],
		['the first item of a meeting that has not voted yet', [item(1), item(2)], 1],
		['none once every motion is closed', [item(1, 'closed'), item(2, 'closed', 'closed')], null],
		['none on an empty agenda', [], null],
		[
			"the clerk's item, even while another item's vote is open",
			[item(1, 'closed', 'open'), item(2)],
			2,
			2
		],
		["the clerk's item after every motion is closed", [item(1, 'closed'), item(2, 'closed')], 2, 2],
		['an item the agenda no longer holds counts as none named', [item(1), item(2)], 1, 9]
	] as const)('%s', (_, agenda, expected, current: number | null = null) => {
		expect(itemUnderDiscussion(agenda, current)?.id ?? null).toBe(expected);
	});
});

const rules = CN_2026.meetings;

describe('the quorum in plain words', () => {
	it.each<[string, MeetingType, MeetingCounts, boolean, string]>([
		[
			'reps: two thirds of 25 is 16⅔, so 17 of 25 are enough',
			'reps_meeting',
			{ present: 17, repsTotal: 22, committeeTotal: 3 },
			false,
			'应到 25 人，实到 17 人，已达三分之二以上，可以表决'
		],
		[
			'reps: 16 of 25 are one short',
			'reps_meeting',
			{ present: 16, repsTotal: 22, committeeTotal: 3 },
			false,
			'应到 25 人，实到 16 人，还差 1 人才能表决（需三分之二以上，即至少 17 人）'
		],
		[
			'reps: presence fixed when the vote was taken',
			'reps_meeting',
			{ present: 18, repsTotal: 22, committeeTotal: 3 },
			true,
			'应到 25 人，开始表决时实到 18 人，已达三分之二以上，可以表决'
		],
		[
			'branch committee: more than half, 3 of 5',
			'branch_committee',
			{ present: 3, membersTotal: 5 },
			false,
			'应到 5 人，实到 3 人，已过半数，可以表决'
		],
		[
			'branch committee: 2 of 4 is half, not more',
			'branch_committee',
			{ present: 2, membersTotal: 4 },
			false,
			'应到 4 人，实到 2 人，还差 1 人才能表决（需过半数，即至少 3 人）'
		],
		[
			'party assembly: half of the full members is enough (以上)',
			'party_assembly',
			{ fullPresent: 9, fullTotal: 18 },
			false,
			'应到 18 人，实到 9 人，已达半数以上，可以表决'
		],
		[
			"villagers' meeting: two thirds of the households suffice without half the adults",
			'villagers_meeting',
			{
				present: 40,
				adultsPresent: 40,
				adultsTotal: 100,
				householdsRepresented: 40,
				householdsTotal: 60
			},
			false,
			'应到 100 人，实到 40 人，40 户的代表到会，达到三分之二以上，可以表决'
		],
		[
			"villagers' meeting: short of both",
			'villagers_meeting',
			{
				present: 30,
				adultsPresent: 30,
				adultsTotal: 100,
				householdsRepresented: 30,
				householdsTotal: 60
			},
			false,
			'应到 100 人，实到 30 人，还差 21 人（或再到 10 户的代表）才能表决'
		]
	])('%s', (_, type, counts, fixed, sentence) => {
		const words = quorumWords(rules[type], counts, fixed);
		expect(words).not.toBeNull();
		expect(quorumSentence(words!)).toBe(sentence);
	});

	it('has no words for a meeting that does not vote', () => {
		expect(quorumWords(rules.consultation, {}, false)).toBeNull();
	});

	// The words and the rule's own verdict agree at every count around the line.
	it.each([14, 15, 16, 17, 18, 25])('reps of 25 with %i present: met iff none short', (present) => {
		const w = quorumWords(
			rules.reps_meeting,
			{ present, repsTotal: 22, committeeTotal: 3 },
			false
		)!;
		expect(w.met).toBe(w.ways[0].short === 0);
		expect(w.met).toBe(3 * present >= 2 * 25);
	});
});

const pass = (type: MeetingType, tally: Tally, counts: MeetingCounts, ruleSet = CN_2026) => {
	const rule = ruleSet.meetings[type];
	return passWords(rule, evaluatePass(rule, tally, counts))!;
};

describe('the result in plain words, read back from the evaluation at the close', () => {
	const village = applyOptions(CN_2018, { repsPassOnTotal: true });
	if (!village.ok) throw new Error(village.reason);
	it.each<[string, () => ReturnType<typeof passWords>, string]>([
		[
			'reps: 10 of 18 present is more than half',
			() =>
				pass(
					'reps_meeting',
					{ yes: 10, no: 2, abstain: 0 },
					{ present: 18, repsTotal: 22, committeeTotal: 3 }
				),
			'同意 10 票，超过实到 18 人的半数（10 票），通过'
		],
		[
			'reps: 9 of 18 is half, not more',
			() =>
				pass(
					'reps_meeting',
					{ yes: 9, no: 6, abstain: 2 },
					{ present: 18, repsTotal: 22, committeeTotal: 3 }
				),
			'同意 9 票，未超过实到 18 人的半数（需 10 票），未通过'
		],
		[
			'reps, the village passing on all members: 12 of 25 is short',
			() =>
				pass(
					'reps_meeting',
					{ yes: 12, no: 0, abstain: 0 },
					{ present: 18, repsTotal: 22, committeeTotal: 3 },
					village.rules
				),
			'同意 12 票，未超过应到 25 人的半数（需 13 票），未通过'
		],
		[
			'party assembly: a majority of all full members, not of those present',
			() =>
				pass('party_assembly', { yes: 10, no: 3, abstain: 0 }, { fullPresent: 13, fullTotal: 18 }),
			'同意 10 票，超过应到 18 人的半数（10 票），通过'
		],
		[
			'collective members: two thirds of all 30 members is 20',
			() =>
				pass(
					'collective_members',
					{ yes: 20, no: 1, abstain: 0 },
					{ present: 22, membersTotal: 30 }
				),
			'同意 20 票，达到应到 30 人的三分之二以上（20 票），通过'
		],
		[
			'collective members: 19 of 30 is short',
			() =>
				pass(
					'collective_members',
					{ yes: 19, no: 2, abstain: 0 },
					{ present: 22, membersTotal: 30 }
				),
			'同意 19 票，未达到应到 30 人的三分之二（需 20 票），未通过'
		]
	])('%s', (_, words, sentence) => {
		expect(passSentence(words()!)).toBe(sentence);
	});

	it('has no words for a meeting that does not vote', () => {
		expect(
			passWords(rules.consultation, { passed: false, formula: '', left: 0, right: 0 })
		).toBeNull();
	});
});
