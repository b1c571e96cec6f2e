import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE, seedDemoMeetings } from '../seed/demo-meetings';
import { closeMeeting } from '../procedure/closing';
import { markLeft, signIn } from './attendance';
import { openMeeting } from './notice';
import { listOwnOpinions, submitWrittenOpinion } from './opinions';
import { type Actor } from '../permissions';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const NOW = new Date('2026-11-27T01:30:00Z');

function setup() {
	const v = demoVillageId(db);
	seedDemoMeetings(db, v, NOW);
	const meetingId = (
		db.prepare('select id from meetings where title = ?').get(DEMO_TODAY_MEETING_TITLE) as {
			id: number;
		}
	).id;
	const itemId = (
		db.prepare('select id from agenda_items where meeting_id = ?').get(meetingId) as { id: number }
	).id;
	const clerk = demoActor(db, '13800000001');
	const rep = demoActor(db, '13800000005');
	const villager = demoActor(db, '13800000003');
	return { v, meetingId, itemId, clerk, rep, villager };
}

// The demo's closed meeting has an opinion of its own: count only the meeting under test.
const opinionCount = (itemId: number) =>
	(
		db
			.prepare('select count(*) as n from written_opinions where agenda_item_id = ?')
			.get(itemId) as {
			n: number;
		}
	).n;

describe('written opinions', () => {
	type Case = {
		name: string;
		state: 'notified' | 'open' | 'open_signed_in' | 'open_left' | 'closed';
		who: 'rep' | 'villager' | 'nobody';
		text?: string;
		expected: string;
	};
	it.each<Case>([
		{ name: 'a called rep before the meeting', state: 'notified', who: 'rep', expected: 'ok' },
		{ name: 'a rep in the hall', state: 'open_signed_in', who: 'rep', expected: 'ok' },
		{ name: 'a rep not signed in', state: 'open', who: 'rep', expected: 'not_signed_in' },
		{ name: 'a rep who left', state: 'open_left', who: 'rep', expected: 'left' },
		{ name: 'after the close', state: 'closed', who: 'rep', expected: 'not_open' },
		{
			name: 'a villager not called',
			state: 'notified',
			who: 'villager',
			expected: 'not_on_roster'
		},
		{ name: 'an account with no person', state: 'notified', who: 'nobody', expected: 'forbidden' },
		{ name: 'empty text', state: 'notified', who: 'rep', text: '   ', expected: 'bad_text' },
		{
			name: '2000 characters',
			state: 'notified',
			who: 'rep',
			text: '储'.repeat(2000),
			expected: 'ok'
		},
		{
			name: '2001 characters',
			state: 'notified',
			who: 'rep',
			text: '储'.repeat(2001),
			expected: 'bad_text'
		},
		{
			name: '2000 astral characters',
			state: 'notified',
			who: 'rep',
			text: '𠀀'.repeat(2000),
			expected: 'ok'
		}
	])('$name → $expected', ({ state, who, text, expected }) => {
		const s = setup();
		if (state !== 'notified')
			expect(openMeeting(db, s.clerk, s.v, s.meetingId, { now: NOW }).ok).toBe(true);
		if (state === 'open_signed_in' || state === 'open_left')
			expect(signIn(db, s.rep, s.v, s.meetingId, s.rep.personId!, { now: NOW }).ok).toBe(true);
		if (state === 'open_left')
			expect(markLeft(db, s.rep, s.v, s.meetingId, s.rep.personId!, { now: NOW }).ok).toBe(true);
		if (state === 'closed')
			expect(closeMeeting(db, s.clerk, s.v, s.meetingId, { confirmed: true, now: NOW }).ok).toBe(
				true
			);
		const actor: Actor =
			who === 'rep' ? s.rep : who === 'villager' ? s.villager : { ...s.clerk, personId: null };
		const auditBefore = (db.prepare('select count(*) as n from audit').get() as { n: number }).n;
		const r = submitWrittenOpinion(db, actor, s.v, s.itemId, text ?? '选址离水源太近，建议再议。', {
			now: NOW
		});
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		const auditAfter = (db.prepare('select count(*) as n from audit').get() as { n: number }).n;
		expect(opinionCount(s.itemId)).toBe(r.ok ? 1 : 0);
		expect(auditAfter - auditBefore).toBe(r.ok ? 1 : 0);
	});

	it("refuses another village's agenda item as missing", () => {
		const s = setup();
		expect(submitWrittenOpinion(db, s.rep, s.v + 1000, s.itemId, '意见', { now: NOW })).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('refuses an agenda item of another meeting when the page names its meeting', () => {
		const s = setup();
		const r = submitWrittenOpinion(db, s.rep, s.v, s.itemId, '意见', {
			now: NOW,
			meetingId: s.meetingId + 1
		});
		expect(r).toEqual({ ok: false, reason: 'not_found' });
		expect(
			submitWrittenOpinion(db, s.rep, s.v, s.itemId, '意见', { now: NOW, meetingId: s.meetingId })
				.ok
		).toBe(true);
	});

	it('lists only the writer’s own opinions, with an audit entry each', () => {
		const s = setup();
		const secretary = demoActor(db, '13800000002');
		expect(submitWrittenOpinion(db, s.rep, s.v, s.itemId, '  第一条意见  ', { now: NOW }).ok).toBe(
			true
		);
		expect(submitWrittenOpinion(db, secretary, s.v, s.itemId, '书记的意见', { now: NOW }).ok).toBe(
			true
		);
		expect(submitWrittenOpinion(db, s.rep, s.v, s.itemId, '第二条意见', { now: NOW }).ok).toBe(
			true
		);
		expect(listOwnOpinions(db, s.meetingId, s.rep.personId!).map((o) => o.text)).toEqual([
			'第一条意见',
			'第二条意见'
		]);
		const audited = db
			.prepare(
				"select actor_id, after from audit where action = 'meeting.written_opinion_recorded' and subject_id = ? order by id"
			)
			.all(String(s.meetingId)) as { actor_id: number; after: string }[];
		expect(audited.map((a) => a.actor_id)).toEqual([s.rep.userId, secretary.userId, s.rep.userId]);
		expect(JSON.parse(audited[0].after)).toMatchObject({
			agendaItemId: s.itemId,
			text: '第一条意见'
		});
	});
});
