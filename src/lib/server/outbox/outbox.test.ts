import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { command } from '../command';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { notifyMeeting } from '../meetings/notice';
import { reNoticeMeeting } from '../meetings/re-notice';
import { openMotion } from '../procedure/opening';
import { meetingTestKit } from '../votes/test-helpers';
import { createTopic } from '../topics/filing';
import { triageTopic } from '../topics/triage';
import { postNotice } from '../notices/notices';
import { answerObjection, fileObjection } from '../notices/objections';
import { caseIn, caseWorld } from '../services/test-helpers';
import { queueDueReminders } from '../households/reminders';
import { setNotifyPreference } from '../roster/notify';
import { setPreferredChannel } from './delivery';
import {
	deliveriesOf,
	outboxCount,
	outboxOf,
	queueMessage,
	type Channel,
	type MessageKind
} from './outbox';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格
const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China

const count = (table: string) =>
	db.prepare(`select count(*) from ${table}`).pluck().get() as number;

const messagesOfKind = (kind: MessageKind) =>
	db.prepare('select id from messages where kind = ? order by id').pluck().all(kind) as number[];

/** The one message of this kind, and who it reaches on which channel. */
function theMessage(kind: MessageKind) {
	const ids = messagesOfKind(kind);
	expect(ids).toHaveLength(1);
	const deliveries = deliveriesOf(db, village(), ids[0]);
	return {
		id: ids[0],
		recipients: deliveries.map((d) => d.personId).sort((a, b) => a - b),
		channel: new Map(deliveries.map((d) => [d.personId, d.channel]))
	};
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

function draftMeeting(meetingDate = '2026-12-20', calledOn = '2026-12-01') {
	const r = createMeeting(
		db,
		clerk(),
		village(),
		{ type: 'reps_meeting', title: '村道硬化方案', meetingDate, startsAt: '09:00' },
		{ now: at(calledOn) }
	);
	if (!r.ok) throw new Error(r.reason);
	addAgendaItem(db, clerk(), village(), r.meeting.id, { title: '村道硬化' });
	db.prepare("update meetings set place = '村委会议室' where id = ?").run(r.meeting.id);
	return r.meeting.id;
}

const rosterOf = (meetingId: number, votingOnly = false) =>
	db
		.prepare(
			`select person_id from meeting_roster where meeting_id = ? ${votingOnly ? 'and voting = 1' : ''} order by person_id`
		)
		.pluck()
		.all(meetingId) as number[];

describe('queueMessage', () => {
	it('queues one message per event: a second call for the same event changes nothing', () => {
		const people = db
			.prepare("select id from people where village_id = ? and status = 'resident' limit 3")
			.pluck()
			.all(village()) as number[];
		const input = {
			kind: 'meeting_called' as const,
			subjectType: 'meeting',
			subjectId: 999,
			title: '会议通知',
			body: '请参加。',
			link: '/xinyang/meetings/999',
			recipients: people
		};
		const queue = () =>
			command(db, {
				actor: clerk(),
				villageId: village(),
				run: (_, ctx) => queueMessage(ctx, village(), input)
			});
		const first = queue();
		const before = [count('messages'), count('message_deliveries'), count('audit')];
		const second = queue();
		expect(first).toMatchObject({ queued: true });
		expect(second).toEqual({
			queued: false,
			messageId: (first as { messageId: number }).messageId
		});
		expect([count('messages'), count('message_deliveries'), count('audit')]).toEqual(before);
		expect(before.slice(0, 2)).toEqual([1, 3]);
		// Another event of the same subject (the key differs) is its own message.
		command(db, {
			actor: clerk(),
			villageId: village(),
			run: (_, ctx) => queueMessage(ctx, village(), { ...input, eventKey: 'again' })
		});
		expect(count('messages')).toBe(2);
	});

	it('puts each recipient on their channel: preferred, or a call when told through a messenger', () => {
		const [online, caller, sms, told, movedOut] = db
			.prepare(
				`select id from people where village_id = ? and status = 'resident'
				   and id not in (select person_id from users where person_id is not null) order by id limit 5`
			)
			.pluck()
			.all(village()) as number[];
		expect(setPreferredChannel(db, clerk(), village(), caller, 'call').ok).toBe(true);
		expect(setPreferredChannel(db, clerk(), village(), sms, 'sms').ok).toBe(true);
		// Told through the grid head: whatever the roster's channel, the messenger calls.
		expect(setPreferredChannel(db, clerk(), village(), told, 'wechat').ok).toBe(true);
		const via = setNotifyPreference(db, clerk(), village(), told, {
			via: 'person',
			viaPersonId: gridHead().personId
		});
		expect(via.ok).toBe(true);
		db.prepare(
			"update people set status = 'moved_out', status_date = '2026-01-01' where id = ?"
		).run(movedOut);
		command(db, {
			actor: clerk(),
			villageId: village(),
			run: (_, ctx) =>
				queueMessage(ctx, village(), {
					kind: 'meeting_called',
					subjectType: 'meeting',
					subjectId: 1,
					title: 't',
					body: 'b',
					link: '',
					recipients: [online, caller, sms, told, movedOut, caller]
				})
		});
		const rows = db
			.prepare('select person_id as p, channel, state from message_deliveries order by person_id')
			.all() as { p: number; channel: Channel; state: string }[];
		expect(rows).toEqual(
			sorted([online, caller, sms, told]).map((p) => ({
				p,
				channel: { [online]: 'online', [caller]: 'call', [sms]: 'sms', [told]: 'call' }[p],
				state: p === online ? 'sent' : 'pending'
			}))
		);
		const [entry] = outboxOf(db, village());
		expect(entry.counts).toEqual({
			online: { sent: 1 },
			call: { pending: 2 },
			sms: { pending: 1 }
		});
		expect(entry.toDo).toBe(3);
		expect(verifyChain(db).ok).toBe(true);
	});
});

describe('the outbox in pages', () => {
	it('counts what it holds and pages through it newest first, each message once', () => {
		const villager = db
			.prepare("select id from people where village_id = ? and status = 'resident' limit 1")
			.get(village()) as { id: number };
		command(db, {
			actor: null,
			villageId: village(),
			run: (_, ctx) => {
				for (let i = 1; i <= 7; i++)
					queueMessage(ctx, village(), {
						kind: 'topic_answered',
						subjectType: 'topic',
						subjectId: 900 + i,
						title: `t${i}`,
						body: 'b',
						link: '',
						recipients: [villager.id]
					});
				return { ok: true as const };
			}
		});
		const total = outboxCount(db, village());
		expect(total).toBe((db.prepare('select count(*) as n from messages').get() as { n: number }).n);
		const all = outboxOf(db, village(), { limit: 1000 }).map((e) => e.id);
		const paged = [0, 1, 2, 3].flatMap((p) =>
			outboxOf(db, village(), { limit: 3, offset: p * 3 }).map((e) => e.id)
		);
		expect(paged).toEqual(all.slice(0, 12));
		expect(new Set(paged).size).toBe(paged.length);
		expect(outboxCount(db, village(), { toDo: true })).toBe(
			outboxOf(db, village(), { toDo: true, limit: 1000 }).length
		);
	});
});

describe('the producers', () => {
	// Each event someone must act on queues exactly one message, to exactly those who must act.
	const cases: [string, () => { kind: MessageKind; recipients: number[] }][] = [
		[
			'a meeting notified: its whole expected roster',
			() => {
				const id = draftMeeting();
				expect(notifyMeeting(db, clerk(), village(), id, { now: at('2026-12-01') }).ok).toBe(true);
				return { kind: 'meeting_called', recipients: rosterOf(id) };
			}
		],
		[
			'a meeting moved: the roster the notice froze',
			() => {
				const id = draftMeeting();
				notifyMeeting(db, clerk(), village(), id, { now: at('2026-12-01') });
				const moved = reNoticeMeeting(
					db,
					clerk(),
					village(),
					id,
					{ meetingDate: '2026-12-28', startsAt: '14:00' },
					{ now: at('2026-12-02') }
				);
				expect(moved.ok).toBe(true);
				return { kind: 'meeting_moved', recipients: rosterOf(id) };
			}
		],
		[
			'a vote opened: those entitled to vote',
			() => {
				const kit = meetingTestKit(() => db);
				const m = kit.heldMeeting('reps_meeting', 'hands');
				kit.signInAll(m, m.voters);
				expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
				return { kind: 'vote_opened', recipients: sorted(m.voters) };
			}
		],
		[
			'a topic answered: its proposer',
			() => {
				const t = createTopic(
					db,
					villager(),
					village(),
					{
						title: '村口修路灯',
						description: '晚上看不见路。',
						category: 'livelihood',
						place: '村口',
						affected: '全村',
						estimatedCostFen: null,
						funding: ''
					},
					{ submit: true, now: at('2026-12-01') }
				);
				if (!t.ok) throw new Error(t.reason);
				const triaged = triageTopic(
					db,
					clerk(),
					village(),
					t.topic.id,
					{ route: 'consultation', reason: '', art24: [] },
					{ now: at('2026-12-02') }
				);
				expect(triaged.ok).toBe(true);
				return { kind: 'topic_answered', recipients: [villager().personId!] };
			}
		],
		[
			'an objection answered: the objector who filed online',
			() => {
				const n = postNotice(
					db,
					clerk().userId,
					village(),
					{ kind: 'resolution', title: '储藏库决议', body: '同意建设。', takesObjections: true },
					{ now: at('2026-12-01') }
				);
				if (!n.ok) throw new Error(n.reason);
				const o = fileObjection(db, villager(), village(), n.notice.id, '选址不妥', {
					now: at('2026-12-02')
				});
				if (!o.ok) throw new Error(o.reason);
				const a = answerObjection(db, clerk(), village(), o.objection.id, '已重新论证选址。', {
					now: at('2026-12-03')
				});
				expect(a.ok).toBe(true);
				return { kind: 'objection_answered', recipients: [villager().personId!] };
			}
		],
		[
			'a case dispatched: its assignee',
			() => {
				const w = caseWorld(db);
				caseIn(db, w, 'dispatched');
				return { kind: 'case_dispatched', recipients: [w.partyMember.personId!] };
			}
		]
	];

	it.each(cases)('%s', (_, act) => {
		const { kind, recipients } = act();
		const message = theMessage(kind);
		expect(message.recipients).toEqual(sorted(recipients));
		expect(recipients.length).toBeGreaterThan(0);
	});

	it('words a meeting notice with its title, day, time and place, and links to the meeting', () => {
		const id = draftMeeting();
		notifyMeeting(db, clerk(), village(), id, { now: at('2026-12-01') });
		const row = db.prepare('select title, body, link from messages').get() as Record<
			string,
			string
		>;
		expect(row.title).toContain('村道硬化方案');
		for (const fact of ['2026-12-20', '09:00', '村委会议室']) expect(row.body).toContain(fact);
		expect(row.link).toBe(`/xinyang/meetings/${id}`);
	});

	it('tells a proposer nothing when the triage is refused', () => {
		expect(
			triageTopic(db, clerk(), village(), 424242, { route: 'consultation', reason: '', art24: [] })
		).toEqual({ ok: false, reason: 'not_found' });
		expect(count('messages')).toBe(0);
	});
});

describe('queueDueReminders', () => {
	it('tells an assignee of an overdue case and a member of a visit due, once per deadline', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched', { now: at('2026-11-02') });
		const household = db
			.prepare(
				`select h.id from households h where h.village_id = ?
				   and not exists (select 1 from household_contacts c where c.household_id = h.id and c.end_date is null)
				 order by h.id limit 1`
			)
			.pluck()
			.get(village()) as number;
		db.prepare(
			`insert into household_contacts (village_id, household_id, person_id, start_date, assigned_by_user_id)
			 values (?, ?, ?, '2026-11-01', ?)`
		).run(village(), household, w.otherMember.personId, clerk().userId);
		const before = count('messages');
		const first = queueDueReminders(db, village(), '2026-12-01');
		expect(first).toBeGreaterThanOrEqual(2);
		const overdue = db
			.prepare("select event_key from messages where kind = 'case_overdue' and subject_id = ?")
			.pluck()
			.all(c.id);
		expect(overdue).toEqual([c.stepDueOn]);
		const visits = db
			.prepare(
				`select d.person_id from messages m join message_deliveries d on d.message_id = m.id
				 where m.kind = 'visit_due' and m.event_key = '2026-11-08'`
			)
			.pluck()
			.all();
		expect(visits).toContain(w.otherMember.personId);
		expect(count('messages')).toBe(before + first);
		// The sweep again, the same day or the next: nothing new while the deadlines are the same.
		expect(queueDueReminders(db, village(), '2026-12-01')).toBe(0);
		expect(queueDueReminders(db, village(), '2026-12-02')).toBe(0);
		expect(count('messages')).toBe(before + first);
	});
});
