// Attendance marked many at a time (issue 15 item 5): one transaction, one audit entry per person,
// nothing written when one ticked person cannot be marked.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { createVillage } from '../villages/villages';
import { meetingTestKit, MEETING_DAY, at } from '../votes/test-helpers';
import { recordHands } from '../votes/ballots';
import { motionCounts } from '../votes/presence';
import { openMotion } from '../procedure/opening';
import { markAttendanceMany, markLeft } from './attendance';
import { createMeeting } from './calling';
import { getMeeting, getMotion, listRoster } from './records';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, actorByPhone, clerk, village } = meetingTestKit(() => db);

const present = (meetingId: number) =>
	listRoster(db, meetingId)
		.filter((r) => r.signedInAt && !r.leftAt)
		.map((r) => r.personId);
const signInEntries = (meetingId: number) =>
	(
		db
			.prepare(
				"select after from audit where action = 'meeting.signed_in' and subject_id = ? order by id"
			)
			.pluck()
			.all(String(meetingId)) as string[]
	).map((a) => JSON.parse(a) as { personId: number; by: string });

/** A person of a second village, on no roster of the demo village. */
function personOfAnotherVillage(): number {
	const r = createVillage(db, null, {
		slug: 'dongshan',
		name: '东山村',
		township: '东山镇',
		district: '',
		city: '',
		province: '',
		oneShoulder: false,
		clerk: { name: '陈明', phone: '13700000001' }
	});
	if (!r.ok) throw new Error(r.reason);
	const household = db
		.prepare("insert into households (village_id, household_key) values (?, '1')")
		.run(r.village.id).lastInsertRowid;
	return Number(
		db
			.prepare(
				"insert into people (village_id, household_id, name, gender, birth_date, created_at) values (?, ?, '张伟', 'm', '1970-01-01', ?)"
			)
			.run(r.village.id, household, new Date().toISOString()).lastInsertRowid
	);
}

type Meeting = ReturnType<typeof heldMeeting>;

describe('markAttendanceMany', () => {
	const cases: {
		name: string;
		before?: (m: Meeting) => number[];
		ticked: (m: Meeting, outsider: () => number) => number[];
		expected: (m: Meeting) => { ok: true; marked: number[]; already: number[] } | object;
		presentAfter: (m: Meeting, before: number[]) => number[];
	}[] = [
		{
			name: 'everyone ticked: all present',
			ticked: (m) => [...m.voters, ...m.nonVoters],
			expected: (m) => ({ ok: true, marked: [...m.voters, ...m.nonVoters], already: [] }),
			presentAfter: (m) => [...m.voters, ...m.nonVoters].sort((a, b) => a - b)
		},
		{
			name: 'all ticked, then three absent unticked: the rest present',
			ticked: (m) => m.voters.slice(3),
			expected: (m) => ({ ok: true, marked: m.voters.slice(3), already: [] }),
			presentAfter: (m) => m.voters.slice(3)
		},
		{
			name: 'someone already present: unchanged, not marked again',
			before: (m) => m.voters.slice(0, 2),
			ticked: (m) => m.voters.slice(0, 5),
			expected: (m) => ({ ok: true, marked: m.voters.slice(2, 5), already: m.voters.slice(0, 2) }),
			presentAfter: (m) => m.voters.slice(0, 5)
		},
		{
			name: 'the same person ticked twice: marked once',
			ticked: (m) => [m.voters[0], m.voters[0]],
			expected: (m) => ({ ok: true, marked: [m.voters[0]], already: [] }),
			presentAfter: (m) => [m.voters[0]]
		},
		{
			name: 'an unknown id: the whole list refused, naming it',
			ticked: (m) => [m.voters[0], 999_999, m.voters[1]],
			expected: () => ({ ok: false, reason: 'not_on_roster', personId: 999_999 }),
			presentAfter: (_, before) => before
		},
		{
			name: "another village's person: the whole list refused, naming them",
			ticked: (m, outsider) => [...m.voters.slice(0, 3), outsider()],
			expected: () => ({ ok: false, reason: 'not_on_roster' }),
			presentAfter: (_, before) => before
		},
		{
			name: 'nobody ticked: refused',
			ticked: () => [],
			expected: () => ({ ok: false, reason: 'none_ticked' }),
			presentAfter: (_, before) => before
		}
	];

	it.each(cases)('$name', ({ before, ticked, expected, presentAfter }) => {
		const m = heldMeeting('reps_meeting', 'hands');
		if (before) signInAll(m, before(m));
		const presentBefore = present(m.meetingId);
		const entriesBefore = signInEntries(m.meetingId).length;
		const r = markAttendanceMany(db, m.c, m.v, m.meetingId, ticked(m, personOfAnotherVillage), {
			now: at(MEETING_DAY)
		});
		expect(r).toMatchObject(expected(m));
		expect(present(m.meetingId)).toEqual(presentAfter(m, presentBefore));
		// One audit entry per person newly present, none for a refused list; the clerk on the roster
		// marks herself.
		const marked = r.ok ? r.marked : [];
		expect(signInEntries(m.meetingId).slice(entriesBefore)).toEqual(
			marked.map((personId) => ({ personId, by: personId === m.c.personId ? 'self' : 'staff' }))
		);
	});

	it('one person who has left refuses the list, naming them, and writes nothing', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, [m.voters[4]]);
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[4]).ok).toBe(true);
		expect(
			markAttendanceMany(db, m.c, m.v, m.meetingId, m.voters.slice(0, 10), {
				now: at(MEETING_DAY)
			})
		).toEqual({ ok: false, reason: 'left', personId: m.voters[4] });
		expect(present(m.meetingId)).toEqual([]);
	});

	it('is for staff only, and for a meeting of their own village', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		const villager = actorByPhone('13800000003');
		expect(markAttendanceMany(db, villager, m.v, m.meetingId, m.voters)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(markAttendanceMany(db, m.c, m.v, 999_999, m.voters)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(present(m.meetingId)).toEqual([]);
	});

	it('is refused before the notice freezes a roster', () => {
		const draft = createMeeting(db, clerk(), village(), {
			type: 'reps_meeting',
			title: '村道硬化方案',
			meetingDate: MEETING_DAY
		});
		if (!draft.ok) throw new Error(draft.reason);
		expect(markAttendanceMany(db, clerk(), village(), draft.meeting.id, [1, 2])).toEqual({
			ok: false,
			reason: 'not_open'
		});
	});

	it('after a vote is taken, late arrivals raise the meeting count but not the fixed one', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 10, no: 5, abstain: 3 }).ok).toBe(true);
		const meeting = getMeeting(db, m.v, m.meetingId)!;
		const motion = getMotion(db, m.v, m.motionId)!;
		const fixedBefore = motionCounts(db, meeting, motion);
		const r = markAttendanceMany(db, m.c, m.v, m.meetingId, m.voters.slice(18));
		expect(r).toMatchObject({ ok: true, marked: m.voters.slice(18) });
		expect(motionCounts(db, meeting, motion)).toEqual(fixedBefore);
		expect(present(m.meetingId)).toHaveLength(m.voters.length);
	});
});
