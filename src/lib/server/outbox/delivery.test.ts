import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { setNotifyPreference } from '../roster/notify';
import { callGridsFor, markDelivered, preferredChannelOf, setPreferredChannel } from './delivery';
import { callList, queueMessage } from './outbox';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格
const rep = () => demoActor(db, '13800000005');
const township = () => demoActor(db, '13800000010'); // 周建华, 长青乡's official

const count = (table: string) =>
	db.prepare(`select count(*) from ${table}`).pluck().get() as number;

/** A resident of the grid without a login and without a messenger yet. */
function residentOf(grid: string, except: number[] = []): number {
	return db
		.prepare(
			`select p.id from people p join households h on h.id = p.household_id join grids g on g.id = h.grid_id
			 where g.name = ? and p.status = 'resident' and p.village_id = ?
			   and p.id not in (select person_id from users where person_id is not null)
			   and p.id not in (select person_id from roles)
			   and p.id not in (select value from json_each(?)) order by p.id limit 1`
		)
		.pluck()
		.get(grid, village(), JSON.stringify(except)) as number;
}

/**
 * A message to four people: a caller of 第一网格 and one of 第二网格, one of 第二网格 told through
 * 赵桂兰 (a grid head, of 第一网格), and one reached online. Answers their delivery ids.
 */
function world() {
	const first = residentOf('第一网格');
	const second = residentOf('第二网格');
	const told = residentOf('第二网格', [second]);
	const online = residentOf('第三网格');
	for (const p of [first, second]) setPreferredChannel(db, clerk(), village(), p, 'call');
	const via = setNotifyPreference(db, clerk(), village(), told, {
		via: 'person',
		viaPersonId: gridHead().personId
	});
	if (!via.ok) throw new Error(via.reason);
	const queued = command(db, {
		actor: clerk(),
		villageId: village(),
		run: (_, ctx) =>
			queueMessage(ctx, village(), {
				kind: 'meeting_called',
				subjectType: 'meeting',
				subjectId: 1,
				title: '会议通知',
				body: '请参加。',
				link: '/xinyang/meetings/1',
				recipients: [first, second, told, online]
			})
	});
	if (!('queued' in queued)) throw new Error('not queued');
	const delivery = (p: number) =>
		db
			.prepare('select id from message_deliveries where message_id = ? and person_id = ?')
			.pluck()
			.get(queued.messageId, p) as number;
	return {
		messageId: queued.messageId,
		first: delivery(first),
		second: delivery(second),
		told: delivery(told),
		online: delivery(online)
	};
}

type Key = 'first' | 'second' | 'told' | 'online';

describe('markDelivered', () => {
	const cases: [string, () => Actor, Key, string][] = [
		['the clerk, any grid', clerk, 'second', 'ok'],
		['the branch secretary', secretary, 'first', 'ok'],
		['the grid head, for her grid', gridHead, 'first', 'ok'],
		['the grid head, for another grid', gridHead, 'second', 'forbidden'],
		['the grid head, as the messenger of a villager of another grid', gridHead, 'told', 'ok'],
		['a villager', villager, 'first', 'forbidden'],
		['a representative', rep, 'first', 'forbidden'],
		['the township official', township, 'first', 'forbidden'],
		['the clerk, for a delivery shown online', clerk, 'online', 'not_by_hand']
	];

	it.each(cases)('%s: %s', (_, actor, key, expected) => {
		const w = world();
		const audit = count('audit');
		const r = markDelivered(db, actor(), village(), w[key]);
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		const row = db
			.prepare('select state, done_by as doneBy from message_deliveries where id = ?')
			.get(w[key]) as { state: string; doneBy: number | null };
		if (expected === 'ok') {
			expect(row).toEqual({ state: 'done', doneBy: actor().userId });
			expect(count('audit')).toBe(audit + 1);
		} else {
			expect(row.doneBy).toBeNull();
			expect(count('audit')).toBe(audit);
		}
	});

	it('ticks a call once, and answers not_found for a delivery of no message here', () => {
		const w = world();
		expect(markDelivered(db, clerk(), village(), w.first).ok).toBe(true);
		expect(markDelivered(db, gridHead(), village(), w.first)).toEqual({
			ok: false,
			reason: 'already_done'
		});
		expect(markDelivered(db, clerk(), village(), 987654)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('lists on a grid’s call list its callers and those told through a messenger', () => {
		const w = world();
		const grid = (name: string) =>
			db
				.prepare('select id from grids where name = ? and village_id = ?')
				.pluck()
				.get(name, village()) as number;
		expect(callList(db, village(), w.messageId, grid('第一网格')).map((d) => d.id)).toEqual([
			w.first
		]);
		const second = callList(db, village(), w.messageId, grid('第二网格'));
		expect(second.map((d) => d.id).sort()).toEqual([w.second, w.told].sort());
		expect(second.find((d) => d.id === w.told)?.messengerName).toBe('赵桂兰');
		const today = todayInChina();
		expect(callGridsFor(db, village(), gridHead(), today).map((g) => g.name)).toEqual(['第一网格']);
		expect(callGridsFor(db, village(), clerk(), today).length).toBeGreaterThan(1);
		expect(callGridsFor(db, village(), villager(), today)).toEqual([]);
		expect(callGridsFor(db, village(), township(), today)).toEqual([]);
	});
});

describe('setPreferredChannel', () => {
	const self = () => villager().personId!;
	const other = () => residentOf('第二网格');
	const cases: [string, () => Actor, () => number, string, string][] = [
		['a villager, for herself', villager, self, 'call', 'ok'],
		['a villager, for someone else', villager, other, 'call', 'forbidden'],
		['the clerk, for anyone', clerk, other, 'loudspeaker', 'ok'],
		['the secretary, for anyone', secretary, other, 'sms', 'ok'],
		['the grid head, for a villager', gridHead, other, 'call', 'forbidden'],
		['the township official', township, other, 'call', 'forbidden'],
		['the clerk, a channel that does not exist', clerk, other, 'fax', 'bad_channel']
	];

	it.each(cases)('%s', (_, actor, person, channel, expected) => {
		const p = person();
		const audit = count('audit');
		const r = setPreferredChannel(db, actor(), village(), p, channel);
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		expect(preferredChannelOf(db, village(), p)).toBe(expected === 'ok' ? channel : 'online');
		expect(count('audit')).toBe(audit + (expected === 'ok' ? 1 : 0));
	});

	it('changes and logs nothing when the channel is already set', () => {
		const audit = count('audit');
		expect(setPreferredChannel(db, clerk(), village(), self(), 'online')).toEqual({
			ok: true,
			channel: 'online'
		});
		expect(count('audit')).toBe(audit);
	});
});
