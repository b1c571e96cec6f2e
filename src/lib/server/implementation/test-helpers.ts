// Setup for the implementation and consultation tests on the demo village: topics on each track
// and meetings held quickly through the same domain commands the pages use.
import { expect } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { addSpeech, signIn } from '../meetings/attendance';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { recordHands } from '../votes/ballots';
import { createTopic } from '../topics/filing';
import { triageTopic, type TriageRoute } from '../topics/triage';
import type { Art24Item, Category } from '../topics/rules';
import type { MeetingType } from '../votes/rules';

export const at = (date: string) => new Date(`${date}T02:00:00Z`);
export const clerkOf = (db: Db) => demoActor(db, '13800000001');
export const supervisorOf = (db: Db) => demoActor(db, '13800000006');
export const villagerOf = (db: Db) => demoActor(db, '13800000003');

/** A topic filed by the demo villager and triaged onto `route`. */
export function topicOn(
	db: Db,
	route: TriageRoute,
	options: { category?: Category; art24?: Art24Item[]; title?: string } = {}
): number {
	const id = submittedTopic(db, options);
	triageOnto(db, id, route, options.art24 ?? []);
	return id;
}

export function triageOnto(db: Db, topicId: number, route: TriageRoute, art24: Art24Item[] = []) {
	const d = triageTopic(db, clerkOf(db), demoVillageId(db), topicId, {
		route,
		reason: '受理',
		art24
	});
	if (!d.ok) throw new Error(d.reason);
}

/** A topic filed by the demo villager and submitted, waiting for triage. */
export function submittedTopic(
	db: Db,
	options: { category?: Category; title?: string } = {}
): number {
	const v = demoVillageId(db);
	const t = createTopic(
		db,
		villagerOf(db),
		v,
		{
			title: options.title ?? '建一个文艺演出舞台',
			description: '秧歌队没有像样的场地。',
			category: options.category ?? 'culture',
			place: '村委会广场',
			affected: '全村',
			estimatedCostFen: 72_400_000,
			funding: '中央扶持资金、村集体自筹'
		},
		{ submit: true, now: at('2026-03-02') }
	);
	if (!t.ok) throw new Error(t.reason);
	return t.topic.id;
}

// Each test's database its own fortnights from April, so its meetings follow one another in date
// order as the 4+2 procedure requires.
const fortnights = new WeakMap<Db, number>();

/**
 * Holds a meeting of `type` on the topic. Voting meetings pass one motion by a show of hands;
 * meetings of named parties record one speech per attendee instead. `whileOpen` runs once the
 * meeting is open, on its day (a township attendee signing in).
 */
export function holdMeeting(
	db: Db,
	type: MeetingType,
	topicId: number | null,
	attendees: number[] = [],
	whileOpen?: (meetingId: number, day: Date) => void
): { meetingId: number; motionId: number | null; date: string } {
	const v = demoVillageId(db);
	const c = clerkOf(db);
	const fortnight = (fortnights.get(db) ?? 0) + 1;
	fortnights.set(db, fortnight);
	const notice = new Date(Date.UTC(2026, 3, 1 + 15 * (fortnight - 1)));
	const date = new Date(notice.getTime() + 12 * 86_400_000);
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	const m = createMeeting(
		db,
		c,
		v,
		{ type, title: `会议${fortnight}`, meetingDate: iso(date) },
		{ now: notice }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v, m.meeting.id, { title: '议题', topicId });
	if (!item.ok) throw new Error(item.reason);
	const n = notifyMeeting(db, c, v, m.meeting.id, {
		now: notice,
		attendees: attendees.length ? attendees : undefined
	});
	if (!n.ok) throw new Error(n.reason);
	expect(openMeeting(db, c, v, m.meeting.id, { now: date }).ok).toBe(true);
	whileOpen?.(m.meeting.id, date);
	let motionId: number | null = null;
	if (attendees.length) {
		for (const p of attendees) {
			const s = addSpeech(
				db,
				c,
				v,
				item.agendaItemId,
				{ personId: p, speakerName: '发言人', summary: '同意，但要先修路。' },
				{ now: date }
			);
			expect(s.ok).toBe(true);
		}
	} else {
		const voters = db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.all(m.meeting.id) as number[];
		for (const p of voters) signIn(db, c, v, m.meeting.id, p, { now: date });
		const mo = createMotion(db, c, v, item.agendaItemId, { text: '同意', method: 'hands' });
		if (!mo.ok) throw new Error(mo.reason);
		expect(openMotion(db, c, v, mo.motion.id, { now: date }).ok).toBe(true);
		expect(recordHands(db, c, v, mo.motion.id, { yes: voters.length, no: 0, abstain: 0 }).ok).toBe(
			true
		);
		expect(closeMotion(db, c, v, mo.motion.id, { confirmed: true, now: date }).ok).toBe(true);
		motionId = mo.motion.id;
	}
	expect(closeMeeting(db, c, v, m.meeting.id, { confirmed: true, now: date }).ok).toBe(true);
	return { meetingId: m.meeting.id, motionId, date: iso(date) };
}

export const personByPhone = (db: Db, phone: string) =>
	(db.prepare('select person_id from users where phone = ?').get(phone) as { person_id: number })
		.person_id;
