import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { seedDemoTopics } from '../seed/demo-topics';
import { CN_2018, type MeetingType } from '../votes/rules';
import {
	agendaTopicOptions,
	attendeeCandidates,
	draftOfficerOptions,
	earliestOpeningOf,
	isAgendaItemOf,
	meetingTypeGuide,
	motionOfMeeting,
	officerCandidates
} from './console';
import { addAgendaItem, createMeeting } from './calling';
import { createMotion } from '../votes/motions';
import { getMeeting, presentVoters } from './records';
import { notifyMeeting, openMeeting } from './notice';
import { signIn } from './attendance';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const clerk = () => demoActor(db, '13800000001');
const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China
const personNamed = (name: string) =>
	(db.prepare('select id from people where name = ? order by id').get(name) as { id: number }).id;

/** A reps' meeting notified on 2026-11-02 and opened on 2026-11-20, with one hands motion. */
function openRepsMeeting(title = '村道硬化方案') {
	const v = demoVillageId(db);
	const c = clerk();
	const created = createMeeting(
		db,
		c,
		v,
		{ type: 'reps_meeting', title, meetingDate: '2026-11-20' },
		{ now: at('2026-11-02') }
	);
	if (!created.ok) throw new Error(created.reason);
	const item = addAgendaItem(db, c, v, created.meeting.id, { title: '村道硬化' });
	if (!item.ok) throw new Error(item.reason);
	const n = notifyMeeting(db, c, v, created.meeting.id, { now: at('2026-11-02') });
	if (!n.ok) throw new Error(n.reason);
	const o = openMeeting(db, c, v, created.meeting.id, { now: at('2026-11-20') });
	if (!o.ok) throw new Error(o.reason);
	const motion = createMotion(db, c, v, item.agendaItemId, { text: '同意', method: 'hands' });
	if (!motion.ok) throw new Error(motion.reason);
	return {
		v,
		meetingId: created.meeting.id,
		itemId: item.agendaItemId,
		motionId: motion.motion.id
	};
}

describe('meetingTypeGuide', () => {
	const guide = meetingTypeGuide(CN_2018, '2026-11-27');
	const of = (type: MeetingType) => guide.find((g) => g.type === type)!;

	it('lists every meeting type once', () => {
		expect(guide.map((g) => g.type)).toHaveLength(9);
		expect(new Set(guide.map((g) => g.type)).size).toBe(9);
	});

	it.each([
		// type, notice days, earliest if notified 2026-11-27 (N whole days between: +N+1)
		['reps_meeting', 3, '2026-12-01'],
		['villagers_meeting', 10, '2026-12-08'],
		['branch_committee', 0, '2026-11-28'],
		// An urgent coordination meeting may meet on the notice day.
		['urgent_coordination', 0, '2026-11-27']
	] as const)('%s: %i notice days, earliest %s', (type, days, earliest) => {
		expect(of(type).noticeDays).toBe(days);
		expect(of(type).earliestIfNotifiedToday).toBe(earliest);
	});

	it('gives the quorum and pass rules in symbolic form', () => {
		expect(of('reps_meeting').quorumRules).toEqual([
			'3 × present ≥ 2 × (repsTotal + committeeTotal)'
		]);
		expect(of('reps_meeting').passRule).toBe('2 × yes > present');
		// The villagers' meeting has two alternative quorums (adults or households).
		expect(of('villagers_meeting').quorumRules).toHaveLength(2);
	});

	it.each([
		['consultation', { namedRoster: true, groupScoped: false, passRule: null }],
		['urgent_coordination', { namedRoster: true, groupScoped: false, passRule: null }],
		['group_meeting', { namedRoster: false, groupScoped: true }],
		['reps_meeting', { namedRoster: false, groupScoped: false }]
	] as const)('%s roster and vote', (type, expected) => {
		expect(of(type)).toMatchObject(expected);
	});
});

describe('earliestOpeningOf', () => {
	it('reads the rule frozen into the meeting, not the rule set passed in', () => {
		const v = demoVillageId(db);
		const created = createMeeting(db, clerk(), v, {
			type: 'reps_meeting',
			title: '会议',
			meetingDate: '2026-12-20'
		});
		if (!created.ok) throw new Error(created.reason);
		const looser = {
			...CN_2018,
			meetings: {
				...CN_2018.meetings,
				reps_meeting: { ...CN_2018.meetings.reps_meeting, noticeDays: 0 }
			}
		};
		expect(earliestOpeningOf(created.meeting, '2026-11-27', looser)).toBe('2026-12-01');
	});
});

describe('officerCandidates', () => {
	it('lists the committee members, the branch secretary and the clerk, not other villagers', () => {
		const names = officerCandidates(db, demoVillageId(db), '2026-11-27').map((p) => p.name);
		expect(names).toContain('李建国');
		expect(names).toContain('王丽');
		expect(names).not.toContain('张秀英');
	});

	it('knows nobody in another village', () => {
		expect(officerCandidates(db, 999_999, '2026-11-27')).toEqual([]);
	});

	it('keeps a draft’s chair on offer though not an officer, so editing never drops them', () => {
		const villager = personNamed('张秀英');
		const created = createMeeting(db, clerk(), demoVillageId(db), {
			type: 'reps_meeting',
			title: '村道硬化方案',
			meetingDate: '2026-12-01',
			chairPersonId: villager,
			recorderPersonId: personNamed('王丽')
		});
		if (!created.ok) throw new Error(created.reason);
		const options = draftOfficerOptions(db, created.meeting);
		expect(options.filter((p) => p.id === villager)).toEqual([
			{ id: villager, name: '张秀英', label: '张秀英' }
		]);
		expect(options.filter((p) => p.name === '王丽')).toHaveLength(1);
		expect(options.map((p) => p.id)).toEqual(
			expect.arrayContaining(
				officerCandidates(db, demoVillageId(db), '2026-12-01').map((p) => p.id)
			)
		);
	});
});

describe('agendaTopicOptions', () => {
	it('offers filed topics still in play, never drafts or closed ones', () => {
		const v = demoVillageId(db);
		const seeded = seedDemoTopics(db, v);
		const offered = new Set(agendaTopicOptions(db, v).map((t) => t.number));
		for (const t of seeded) {
			const inPlay = ['submitted', 'consultation', 'four_plus_two', 'direct'].includes(t.state);
			expect(offered.has(t.number), `${t.number} (${t.state})`).toBe(inPlay);
		}
		expect(agendaTopicOptions(db, 999_999)).toEqual([]);
	});

	it('is enforced for drafts: a posted draft topic id goes on no agenda', () => {
		const v = demoVillageId(db);
		const seeded = seedDemoTopics(db, v);
		const idOf = (state: string) =>
			db
				.prepare('select id from topics where number = ?')
				.pluck()
				.get(seeded.find((t) => t.state === state)!.number) as number;
		const created = createMeeting(db, clerk(), v, {
			type: 'reps_meeting',
			title: '村民代表会议',
			meetingDate: '2026-12-20'
		});
		if (!created.ok) throw new Error(created.reason);
		const add = (topicId: number) =>
			addAgendaItem(db, clerk(), v, created.meeting.id, { title: '议程', topicId });
		expect(add(idOf('draft'))).toEqual({ ok: false, reason: 'bad_topic' });
		expect(add(idOf('submitted')).ok).toBe(true);
		expect(
			db
				.prepare('select topic_id from agenda_items where meeting_id = ?')
				.pluck()
				.all(created.meeting.id)
		).toEqual([idOf('submitted')]);
	});
});

describe('attendeeCandidates', () => {
	it('finds people by name and keeps the ones already ticked', () => {
		const v = demoVillageId(db);
		const wangLi = personNamed('王丽');
		const zhang = personNamed('张秀英');
		const found = attendeeCandidates(db, v, '张秀英', [wangLi]);
		expect(found.find((p) => p.id === wangLi)).toMatchObject({ picked: true });
		expect(found.find((p) => p.id === zhang)).toMatchObject({ picked: false });
		expect(attendeeCandidates(db, v, '', [])).toEqual([]);
	});

	it('never shows a ticked id of another village', () => {
		const other = 999_999;
		expect(attendeeCandidates(db, demoVillageId(db), '', [other])).toEqual([]);
	});
});

describe('motionOfMeeting and isAgendaItemOf', () => {
	it('accept only ids of this meeting', () => {
		const a = openRepsMeeting('会议甲');
		const b = openRepsMeeting('会议乙');
		expect(motionOfMeeting(db, a.v, a.meetingId, a.motionId)?.id).toBe(a.motionId);
		expect(motionOfMeeting(db, a.v, a.meetingId, b.motionId)).toBeNull();
		expect(motionOfMeeting(db, 999_999, a.meetingId, a.motionId)).toBeNull();
		expect(isAgendaItemOf(db, a.v, a.meetingId, a.itemId)).toBe(true);
		expect(isAgendaItemOf(db, a.v, a.meetingId, b.itemId)).toBe(false);
		expect(isAgendaItemOf(db, 999_999, a.meetingId, a.itemId)).toBe(false);
	});
});

describe('presentVoters', () => {
	it('counts the voting members signed in', () => {
		const a = openRepsMeeting();
		const meeting = () => getMeeting(db, a.v, a.meetingId)!;
		expect(presentVoters(db, meeting())).toBe(0);
		const voters = db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1 limit 2')
			.pluck()
			.all(a.meetingId) as number[];
		for (const p of voters) signIn(db, clerk(), a.v, a.meetingId, p, { now: at('2026-11-20') });
		expect(presentVoters(db, meeting())).toBe(2);
	});
});
