import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { findPerson, updatePerson } from '../roster/people';
import { labelPeople } from '../roster/person-labels';
import { castBallot } from '../votes/ballots';
import { meetingTestKit } from '../votes/test-helpers';
import { openMotion } from '../procedure/opening';
import { getMeeting } from './records';
import { meetingView } from './view';
import { entryRefusal } from './console-refusals';
import { paperEntries, paperEntryRows, type EntryInput, type EntryPerson } from './paper-entry';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, voter } = meetingTestKit(() => db);

const person = (personId: number, more: Partial<EntryPerson> = {}): EntryPerson => ({
	personId,
	label: `代表${personId}`,
	here: true,
	proxyLabel: null,
	...more
});

const base: EntryInput = { people: [], presentAtVote: null, recused: [], receipts: [] };

describe('paperEntryRows', () => {
	it.each<{ case: string; input: Partial<EntryInput>; rows: [number, string][] }>([
		{
			case: 'in the hall, nothing recorded: free to enter',
			input: { people: [person(1), person(2)] },
			rows: [
				[1, 'open'],
				[2, 'open']
			]
		},
		{
			case: 'voted on the phone: marked, whatever else holds',
			input: {
				people: [person(1), person(2, { here: false })],
				presentAtVote: [1, 2],
				receipts: [
					{ personId: 1, channel: 'online' },
					{ personId: 2, channel: 'online' }
				]
			},
			rows: [
				[1, 'voted_online'],
				[2, 'voted_online']
			]
		},
		{
			case: 'entered on paper or called out before: recorded',
			input: {
				people: [person(1), person(2)],
				receipts: [
					{ personId: 1, channel: 'paper' },
					{ personId: 2, channel: 'clerk' }
				]
			},
			rows: [
				[1, 'recorded'],
				[2, 'recorded']
			]
		},
		{
			case: 'recused: shown as recused, never offered',
			input: { people: [person(1), person(2)], recused: [2] },
			rows: [
				[1, 'open'],
				[2, 'recused']
			]
		},
		{
			case: 'came in after the vote was taken: shown, not offered',
			input: { people: [person(1), person(2)], presentAtVote: [1] },
			rows: [
				[1, 'open'],
				[2, 'absent_at_vote']
			]
		},
		{
			case: 'left after the vote was taken: still entered, as counted then',
			input: { people: [person(1, { here: false })], presentAtVote: [1] },
			rows: [[1, 'open']]
		},
		{
			case: 'not here and not counted: not listed',
			input: { people: [person(1), person(2, { here: false })] },
			rows: [[1, 'open']]
		},
		{
			case: 'a principal whose proxy is in the hall: represented',
			input: { people: [person(1, { here: false, proxyLabel: '张伟（户号 012）' })] },
			rows: [[1, 'represented']]
		},
		{
			case: 'a principal who came in person after all: their own row',
			input: { people: [person(1, { proxyLabel: '张伟' })] },
			rows: [[1, 'open']]
		}
	])('$case', ({ input, rows }) => {
		const out = paperEntryRows({ ...base, ...input });
		expect(out.map((r) => [r.personId, r.status])).toEqual(rows);
	});

	it('only free and represented rows may be filled', () => {
		const out = paperEntryRows({
			people: [1, 2, 3, 4, 5, 6].map((id) =>
				person(id, id === 6 ? { here: false, proxyLabel: '李红' } : {})
			),
			presentAtVote: [1, 2, 3, 4, 6],
			recused: [3],
			receipts: [
				{ personId: 1, channel: 'online' },
				{ personId: 2, channel: 'paper' }
			]
		});
		expect(out.map((r) => [r.status, r.enterable])).toEqual([
			['voted_online', false],
			['recorded', false],
			['recused', false],
			['open', true],
			['absent_at_vote', false],
			['represented', true]
		]);
		expect(out[5].proxyLabel).toBe('李红');
	});
});

describe('paperEntries on a held meeting', () => {
	it('labels namesakes by household and marks the phone voter, on every open motion', () => {
		const m = heldMeeting('reps_meeting', 'named');
		const [a, b, c] = m.voters;
		const pa = findPerson(db, m.v, a)!;
		const pb = findPerson(db, m.v, b)!;
		expect(pa.householdKey).not.toBe(pb.householdKey);
		expect(updatePerson(db, m.c.userId, m.v, b, { ...pb, name: pa.name }).ok).toBe(true);
		signInAll(m, m.voters.slice(0, 18));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(castBallot(db, voter(a), m.v, m.motionId, 'no')).toEqual({ ok: true });
		const view = meetingView(db, m.v, m.meetingId)!;
		const rows = paperEntries(
			db,
			getMeeting(db, m.v, m.meetingId)!.id,
			view.agenda.flatMap((i) => i.motions),
			[]
		)[m.motionId];
		expect(rows).toHaveLength(18);
		expect(rows.slice(0, 3).map((r) => [r.personId, r.label, r.status, r.enterable])).toEqual([
			[a, `${pa.name}（户号 ${pa.householdKey}）`, 'voted_online', false],
			[b, `${pa.name}（户号 ${pb.householdKey}）`, 'open', true],
			[c, findPerson(db, m.v, c)!.name, 'open', true]
		]);
		// Any list of people is labelled the same way.
		expect(
			labelPeople(db, m.v, [
				{ id: b, name: pa.name },
				{ id: a, name: pa.name }
			]).map((p) => p.label)
		).toEqual([`${pa.name}（户号 ${pb.householdKey}）`, `${pa.name}（户号 ${pa.householdKey}）`]);
	});

	it('a refused list names each refused row, by its label, beside the row and in the summary', () => {
		const m = heldMeeting('reps_meeting', 'named');
		const [a, b] = m.voters;
		const pa = findPerson(db, m.v, a)!;
		const pb = findPerson(db, m.v, b)!;
		updatePerson(db, m.c.userId, m.v, b, { ...pb, name: pa.name });
		const out = entryRefusal(db, getMeeting(db, m.v, m.meetingId)!, [
			{ personId: b, reason: 'already_voted' },
			{ personId: a, reason: 'recused' }
		]);
		const nameB = `${pa.name}（户号 ${pb.householdKey}）`;
		const nameA = `${pa.name}（户号 ${pa.householdKey}）`;
		expect(out.rows).toEqual({
			[b]: `${nameB}：已经投过票了：每人每项表决只能投一次。`,
			[a]: `${nameA}：此人已回避本项表决，不能投票。`
		});
		expect(out.message).toBe(
			`整张表都没有登记：有 2 行不能登记。请把这些行改为“不登记”或更正后再提交，已填的选择都保留着。 ${out.rows[b]} ${out.rows[a]}`
		);
	});
});
