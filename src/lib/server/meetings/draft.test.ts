import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import {
	addAgendaItem,
	createMeeting,
	updateDraftMeeting,
	type DraftMeetingInput
} from './calling';
import { getMeeting } from './records';
import { notifyMeeting } from './notice';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const person = (phone: string) =>
	db.prepare('select person_id from users where phone = ?').pluck().get(phone) as number;
const at = (date: string) => new Date(`${date}T02:00:00Z`);

/** A draft reps' meeting called on 11-02 for 11-04: too close for its 3-day notice. */
function tooCloseDraft() {
	const r = createMeeting(
		db,
		clerk(),
		village(),
		{ type: 'reps_meeting', title: '村道硬化方案', meetingDate: '2026-11-04', startsAt: '09:00' },
		{ now: at('2026-11-02') }
	);
	if (!r.ok) throw new Error(r.reason);
	addAgendaItem(db, clerk(), village(), r.meeting.id, { title: '村道硬化' });
	return r.meeting;
}

const auditOf = (meetingId: number) =>
	db
		.prepare(
			"select before, after from audit where action = 'meeting.updated' and subject_id = ? order by id"
		)
		.all(String(meetingId)) as { before: string; after: string }[];

const valid: DraftMeetingInput = {
	title: '村道硬化方案（改期）',
	meetingDate: '2026-11-09',
	startsAt: '14:30',
	place: '村委会二楼会议室',
	chairPersonId: null,
	recorderPersonId: null
};

describe('updateDraftMeeting', () => {
	it('moves a draft refused as too late to a legal date, audited, and then it can be notified', () => {
		const draft = tooCloseDraft();
		const refused = notifyMeeting(db, clerk(), village(), draft.id, { now: at('2026-11-02') });
		expect(refused).toEqual({ ok: false, reason: 'too_late', earliest: '2026-11-06' });
		const chair = person('13800000002');
		const recorder = person('13800000001');
		const r = updateDraftMeeting(
			db,
			clerk(),
			village(),
			draft.id,
			{ ...valid, chairPersonId: chair, recorderPersonId: recorder },
			{ now: at('2026-11-02') }
		);
		expect(r).toMatchObject({
			ok: true,
			changed: true,
			meeting: {
				title: '村道硬化方案（改期）',
				meetingDate: '2026-11-09',
				startsAt: '14:30',
				place: '村委会二楼会议室',
				chairPersonId: chair,
				recorderPersonId: recorder,
				state: 'draft',
				type: 'reps_meeting',
				ruleSetId: draft.ruleSetId
			}
		});
		const entries = auditOf(draft.id);
		expect(entries).toHaveLength(1);
		expect(JSON.parse(entries[0].before)).toEqual({
			title: '村道硬化方案',
			place: '湖边议事厅',
			meetingDate: '2026-11-04',
			startsAt: '09:00',
			chairPersonId: null,
			recorderPersonId: null
		});
		expect(JSON.parse(entries[0].after)).toMatchObject({ meetingDate: '2026-11-09' });
		expect(verifyChain(db)).toMatchObject({ ok: true });
		expect(
			notifyMeeting(db, clerk(), village(), draft.id, { now: at('2026-11-02') })
		).toMatchObject({ ok: true });
	});

	it('changes nothing and writes no audit entry when nothing differs; an empty place is the hall', () => {
		const draft = tooCloseDraft();
		const same = updateDraftMeeting(db, clerk(), village(), draft.id, {
			title: ` ${draft.title} `,
			meetingDate: draft.meetingDate,
			startsAt: draft.startsAt,
			place: '',
			chairPersonId: null,
			recorderPersonId: null
		});
		expect(same).toMatchObject({ ok: true, changed: false });
		expect(auditOf(draft.id)).toHaveLength(0);
	});

	const refusals: [string, () => Partial<DraftMeetingInput>, string][] = [
		['an empty title', () => ({ title: '  ' }), 'bad_title'],
		['a title over 100 characters', () => ({ title: '议'.repeat(101) }), 'bad_title'],
		['a date that does not exist', () => ({ meetingDate: '2026-02-30' }), 'bad_date'],
		['a date in another format', () => ({ meetingDate: '2026/11/09' }), 'bad_date'],
		['a time that does not exist', () => ({ startsAt: '25:00' }), 'bad_time'],
		['a time with seconds', () => ({ startsAt: '09:00:00' }), 'bad_time'],
		['a place over 100 characters', () => ({ place: '厅'.repeat(101) }), 'bad_place'],
		['a chair who does not exist', () => ({ chairPersonId: 999_999 }), 'bad_person'],
		['a recorder who does not exist', () => ({ recorderPersonId: 999_999 }), 'bad_person']
	];
	it.each(refusals)('refuses %s and changes nothing', (_, change, reason) => {
		const draft = tooCloseDraft();
		const r = updateDraftMeeting(db, clerk(), village(), draft.id, { ...valid, ...change() });
		expect(r).toEqual({ ok: false, reason });
		expect(getMeeting(db, village(), draft.id)).toEqual(draft);
		expect(auditOf(draft.id)).toHaveLength(0);
	});

	it('refuses a villager, a meeting that does not exist, and a meeting already notified', () => {
		const draft = tooCloseDraft();
		const villager = demoActor(db, '13800000003');
		expect(updateDraftMeeting(db, villager, village(), draft.id, valid)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(updateDraftMeeting(db, clerk(), village(), 999_999, valid)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const notified = tooCloseDraft().id;
		updateDraftMeeting(db, clerk(), village(), notified, valid, { now: at('2026-11-02') });
		notifyMeeting(db, clerk(), village(), notified, { now: at('2026-11-02') });
		const before = getMeeting(db, village(), notified);
		expect(updateDraftMeeting(db, clerk(), village(), notified, valid)).toEqual({
			ok: false,
			reason: 'not_draft'
		});
		expect(getMeeting(db, village(), notified)).toEqual(before);
		expect(before?.state).toBe('notified');
		expect(auditOf(draft.id)).toHaveLength(0);
	});
});
