import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { noticeView } from '../board/notice-view';
import { addAgendaItem, createMeeting } from './calling';
import { EMERGENCY_REASON_MAX, notifyMeeting, openMeeting } from './notice';
import { meetingNotices } from './notice-records';
import { reNoticeMeeting } from './re-notice';
import type { MeetingType } from '../votes/rules';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China

function drafted(type: MeetingType, meetingDate: string, calledOn: string) {
	const r = createMeeting(
		db,
		clerk(),
		village(),
		{ type, title: '村道硬化方案', meetingDate, startsAt: '09:00' },
		{ now: at(calledOn) }
	);
	if (!r.ok) throw new Error(r.reason);
	addAgendaItem(db, clerk(), village(), r.meeting.id, { title: '村道硬化' });
	return r.meeting.id;
}

function notified(type: MeetingType, noticeDate: string, meetingDate: string, reason?: string) {
	const id = drafted(type, meetingDate, noticeDate);
	const attendees =
		type === 'urgent_coordination'
			? [db.prepare('select person_id from users where phone = ?').pluck().get('13800000003')]
			: undefined;
	const n = notifyMeeting(db, clerk(), village(), id, {
		now: at(noticeDate),
		attendees: attendees as number[] | undefined,
		emergencyReason: reason
	});
	if (!n.ok) throw new Error(JSON.stringify(n));
	return id;
}

/** What a refusal must leave untouched: the meeting row, its notices, the board and the log. */
const snapshot = (meetingId: number) => ({
	meeting: db.prepare('select * from meetings where id = ?').get(meetingId),
	notices: db.prepare('select count(*) from meeting_notices').pluck().get(),
	board: db.prepare('select count(*) from notices').pluck().get(),
	audit: db.prepare('select count(*) from audit').pluck().get()
});

describe('openMeeting: only on the notified date', () => {
	it.each([
		// A reps' meeting noticed 11-02 for 11-09 (three days' notice: earliest 11-06).
		[
			'reps_meeting',
			'2026-11-02',
			'2026-11-09',
			'2026-11-05',
			{ reason: 'too_early', earliest: '2026-11-06' }
		],
		[
			'reps_meeting',
			'2026-11-02',
			'2026-11-09',
			'2026-11-06',
			{ reason: 'not_meeting_day', meetingDate: '2026-11-09' }
		],
		['reps_meeting', '2026-11-02', '2026-11-09', '2026-11-09', null],
		[
			'reps_meeting',
			'2026-11-02',
			'2026-11-09',
			'2026-11-10',
			{ reason: 'not_meeting_day', meetingDate: '2026-11-09' }
		],
		// A villagers' meeting: ten whole days (earliest 11-13).
		[
			'villagers_meeting',
			'2026-11-02',
			'2026-11-20',
			'2026-11-13',
			{ reason: 'not_meeting_day', meetingDate: '2026-11-20' }
		],
		['villagers_meeting', '2026-11-02', '2026-11-20', '2026-11-20', null],
		[
			'villagers_meeting',
			'2026-11-02',
			'2026-11-20',
			'2026-11-21',
			{ reason: 'not_meeting_day', meetingDate: '2026-11-20' }
		],
		// The urgent coordination meeting opens at once, but still only on its day.
		['urgent_coordination', '2026-11-02', '2026-11-02', '2026-11-02', null],
		[
			'urgent_coordination',
			'2026-11-02',
			'2026-11-02',
			'2026-11-03',
			{ reason: 'not_meeting_day', meetingDate: '2026-11-02' }
		]
	] as const)('%s noticed %s for %s, opened %s → %j', (type, notice, date, day, refusal) => {
		const id = notified(type, notice, date);
		const before = snapshot(id);
		const r = openMeeting(db, clerk(), village(), id, { now: at(day) });
		if (refusal === null) {
			expect(r).toMatchObject({ ok: true, meeting: { state: 'open' } });
		} else {
			expect(r).toEqual({ ok: false, ...refusal });
			expect(snapshot(id)).toEqual(before);
		}
	});
});

describe('reNoticeMeeting', () => {
	it('moves the date with a new notice, the full period counted again, history and audit kept', () => {
		const id = notified('villagers_meeting', '2026-11-02', '2026-11-20');
		const first = meetingNotices(db, id)[0];
		// On 11-10, ten whole days reach 11-21 at the earliest: 11-15 is refused.
		const early = reNoticeMeeting(
			db,
			clerk(),
			village(),
			id,
			{ meetingDate: '2026-11-15', startsAt: '09:00' },
			{ now: at('2026-11-10') }
		);
		expect(early).toEqual({ ok: false, reason: 'too_late', earliest: '2026-11-21' });
		const r = reNoticeMeeting(
			db,
			clerk(),
			village(),
			id,
			{ meetingDate: '2026-11-22', startsAt: '14:30' },
			{ now: at('2026-11-10') }
		);
		expect(r).toMatchObject({
			ok: true,
			meeting: { meetingDate: '2026-11-22', startsAt: '14:30', noticeDate: '2026-11-10' }
		});
		const history = meetingNotices(db, id);
		expect(history.map((h) => [h.noticeDate, h.meetingDate, h.startsAt])).toEqual([
			['2026-11-02', '2026-11-20', '09:00'],
			['2026-11-10', '2026-11-22', '14:30']
		]);
		const boards = db
			.prepare('select id, corrects_id from notices where meeting_id = ? order by seq')
			.all(id) as { id: number; corrects_id: number | null }[];
		expect(boards).toEqual([
			{ id: first.noticeId, corrects_id: null },
			{ id: history[1].noticeId, corrects_id: first.noticeId }
		]);
		const audit = db
			.prepare("select before, after from audit where action = 'meeting.re_noticed'")
			.all() as { before: string; after: string }[];
		expect(audit.map((a) => [JSON.parse(a.before), JSON.parse(a.after)])).toEqual([
			[
				{ meetingDate: '2026-11-20', startsAt: '09:00', noticeDate: '2026-11-02' },
				{
					meetingDate: '2026-11-22',
					startsAt: '14:30',
					noticeDate: '2026-11-10',
					emergencyReason: null
				}
			]
		]);
		expect(verifyChain(db).ok).toBe(true);
		// The old date no longer holds, and the new one waits out its own period.
		expect(openMeeting(db, clerk(), village(), id, { now: at('2026-11-20') })).toEqual({
			ok: false,
			reason: 'too_early',
			earliest: '2026-11-21'
		});
		expect(openMeeting(db, clerk(), village(), id, { now: at('2026-11-22') }).ok).toBe(true);
	});

	it('shows the change on both public notices: 原定…改期至…, and the old one sends readers on', () => {
		const id = notified('reps_meeting', '2026-11-02', '2026-11-09');
		reNoticeMeeting(
			db,
			clerk(),
			village(),
			id,
			{ meetingDate: '2026-11-16' },
			{ now: at('2026-11-05') }
		);
		const seqs = db
			.prepare('select seq from notices where meeting_id = ? order by seq')
			.pluck()
			.all(id) as number[];
		const oldView = noticeView(db, village(), seqs[0], null, at('2026-11-05'))!;
		const newView = noticeView(db, village(), seqs[1], null, at('2026-11-05'))!;
		expect(oldView.meeting).toMatchObject({
			meetingDate: '2026-11-09',
			replaces: null,
			movedTo: { meetingDate: '2026-11-16', startsAt: '', noticeDate: '2026-11-05' }
		});
		expect(newView.meeting).toMatchObject({
			meetingDate: '2026-11-16',
			noticeDate: '2026-11-05',
			replaces: { meetingDate: '2026-11-09', startsAt: '09:00', noticeDate: '2026-11-02' },
			movedTo: null
		});
		expect(newView.corrects?.seq).toBe(seqs[0]);
	});

	it.each([
		['a draft', 'draft', { meetingDate: '2026-11-30' }, { reason: 'not_notified' }],
		['an impossible date', 'notified', { meetingDate: '2026-02-30' }, { reason: 'bad_date' }],
		[
			'a bad time',
			'notified',
			{ meetingDate: '2026-11-30', startsAt: '25:00' },
			{ reason: 'bad_time' }
		],
		[
			'the same date and time',
			'notified',
			{ meetingDate: '2026-11-09', startsAt: '09:00' },
			{ reason: 'unchanged' }
		],
		[
			'too little notice',
			'notified',
			{ meetingDate: '2026-11-07' },
			{ reason: 'too_late', earliest: '2026-11-08' }
		],
		[
			'a reason for a reps meeting',
			'notified',
			{ meetingDate: '2026-11-07', emergencyReason: '暴雨' },
			{ reason: 'no_temporary_notice' }
		]
	] as const)('refuses %s and changes nothing', (_, state, input, refusal) => {
		const id =
			state === 'draft'
				? drafted('reps_meeting', '2026-11-09', '2026-11-02')
				: notified('reps_meeting', '2026-11-02', '2026-11-09');
		const before = snapshot(id);
		const r = reNoticeMeeting(db, clerk(), village(), id, input, { now: at('2026-11-04') });
		expect(r).toEqual({ ok: false, ...refusal });
		expect(snapshot(id)).toEqual(before);
	});

	it('refuses a new date under another law: the meeting was frozen under the old one', () => {
		const id = notified('villagers_meeting', '2025-12-01', '2025-12-20');
		const before = snapshot(id);
		const r = reNoticeMeeting(
			db,
			clerk(),
			village(),
			id,
			{ meetingDate: '2026-01-10' },
			{ now: at('2025-12-15') }
		);
		expect(r).toEqual({ ok: false, reason: 'other_rule_set' });
		expect(snapshot(id)).toEqual(before);
	});
});

describe('temporary notice of a villagers meeting (组织法 2026 art. 25)', () => {
	const long = '因'.repeat(EMERGENCY_REASON_MAX + 1);
	it.each([
		// Under the 2026 set a reason waives the ten days; without one the period holds.
		['2026, with a reason', '2026-11-02', '2026-11-05', '台风过境，堤坝加固须即时议定', null],
		['2026, the same day', '2026-11-02', '2026-11-02', '山洪冲毁村道', null],
		[
			'2026, without a reason',
			'2026-11-02',
			'2026-11-05',
			undefined,
			{ reason: 'too_late', earliest: '2026-11-13' }
		],
		[
			'2026, a blank reason',
			'2026-11-02',
			'2026-11-05',
			'   ',
			{ reason: 'too_late', earliest: '2026-11-13' }
		],
		['2026, a reason too long', '2026-11-02', '2026-11-05', long, { reason: 'bad_reason' }],
		[
			'2026, a day already past',
			'2026-11-02',
			'2026-11-01',
			'山洪冲毁村道',
			{ reason: 'too_late', earliest: '2026-11-02' }
		],
		// The 2018 text has no temporary notice.
		[
			'2018, with a reason',
			'2025-12-01',
			'2025-12-05',
			'台风过境',
			{ reason: 'no_temporary_notice' }
		],
		[
			'2018, without a reason',
			'2025-12-01',
			'2025-12-05',
			undefined,
			{ reason: 'too_late', earliest: '2025-12-12' }
		]
	] as const)('%s', (_, notice, date, reason, refusal) => {
		const id = drafted('villagers_meeting', date, notice);
		const before = snapshot(id);
		const r = notifyMeeting(db, clerk(), village(), id, {
			now: at(notice),
			emergencyReason: reason
		});
		if (refusal !== null) {
			expect(r).toEqual({ ok: false, ...refusal });
			expect(snapshot(id)).toEqual(before);
			return;
		}
		expect(r.ok).toBe(true);
		expect(meetingNotices(db, id).map((h) => h.emergencyReason)).toEqual([reason]);
		const audit = db
			.prepare("select after from audit where action = 'meeting.notified' and subject_id = ?")
			.pluck()
			.get(String(id)) as string;
		expect(JSON.parse(audit).emergencyReason).toBe(reason);
		const seq = db
			.prepare('select seq from notices where meeting_id = ?')
			.pluck()
			.get(id) as number;
		expect(noticeView(db, village(), seq, null, at(notice))!.meeting?.emergencyReason).toBe(reason);
		expect(openMeeting(db, clerk(), village(), id, { now: at(date) }).ok).toBe(true);
	});

	it('a re-notice may be temporary too, with its reason recorded', () => {
		const id = notified('villagers_meeting', '2026-11-02', '2026-11-20');
		const r = reNoticeMeeting(
			db,
			clerk(),
			village(),
			id,
			{ meetingDate: '2026-11-12', emergencyReason: '汛期提前，须即时议定防汛方案' },
			{ now: at('2026-11-10') }
		);
		expect(r.ok).toBe(true);
		expect(meetingNotices(db, id).map((h) => h.emergencyReason)).toEqual([
			null,
			'汛期提前，须即时议定防汛方案'
		]);
		expect(openMeeting(db, clerk(), village(), id, { now: at('2026-11-12') }).ok).toBe(true);
	});
});
