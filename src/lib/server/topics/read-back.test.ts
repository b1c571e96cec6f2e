import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import type { Actor } from '../permissions';
import { createTopic } from './filing';
import { confirmTopic } from './proposing';
import { findTopic, type TopicInput } from './records';
import {
	awaitingConfirmationOf,
	readBackOf,
	recordReadBack,
	type ReadBackOutcome
} from './read-back';
import { topicRefusalMessage } from './messages';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格
const rep = () => demoActor(db, '13800000005');

/** A login for the grid head of another grid, who filed nothing here. */
function otherGridHead(): Actor {
	const { id } = db
		.prepare(
			`select p.id from people p join roles r on r.person_id = p.id and r.role = 'grid_head'
			 where p.village_id = ? and p.id <> ? and p.id not in (select person_id from users where person_id is not null)
			 order by p.id limit 1`
		)
		.get(village(), gridHead().personId) as { id: number };
	const u = db
		.prepare(
			"insert into users (village_id, role, name, phone, person_id, created_at) values (?, 'villager', '网格长乙', '15500009999', ?, '2026-01-01')"
		)
		.run(village(), id);
	return { userId: Number(u.lastInsertRowid), personId: id, role: 'villager' };
}

const input: TopicInput = {
	title: '五组路口积水',
	description: '下雨天五组路口积水没过脚踝。',
	category: 'livelihood',
	place: '五组路口',
	affected: '五组',
	estimatedCostFen: null,
	funding: ''
};

// Half a minute into a minute: the form's read-back time has no seconds.
const FILED = new Date('2026-03-02T02:00:30Z');
const NOW = new Date('2026-03-03T02:00:00Z');
const hoursAfterFiling = (h: number) => new Date(FILED.getTime() + h * 3600_000);

function fileForVillager(opts: { submit?: boolean; by?: Actor } = {}) {
	const r = createTopic(db, opts.by ?? gridHead(), village(), input, {
		submit: opts.submit ?? true,
		now: FILED,
		onBehalf: {
			personId: villager().personId!,
			channel: 'household_visit',
			consentKind: 'read_back',
			consentAt: '2026-03-02T09:30:00+08:00'
		}
	});
	if (!r.ok) throw new Error(r.reason);
	return r.topic;
}

function fileOwn() {
	const r = createTopic(db, villager(), village(), input, { submit: true, now: FILED });
	if (!r.ok) throw new Error(r.reason);
	return r.topic;
}

const auditCount = () => (db.prepare('select count(*) as n from audit').get() as { n: number }).n;
const readBacks = () =>
	(db.prepare('select count(*) as n from topic_read_backs').get() as { n: number }).n;

describe('recording the villager’s answer, read back to them', () => {
	it.each<[string, ReadBackOutcome, string, boolean, () => Actor, string]>([
		// who records, the answer, the topic's state after, whether it counts as confirmed
		['the grid head who filed it', 'confirmed', 'submitted', true, gridHead, '赵桂兰'],
		['the clerk at the window', 'confirmed', 'submitted', true, clerk, '王丽'],
		['the grid head who filed it', 'withdrawn', 'withdrawn', false, gridHead, '赵桂兰'],
		['the clerk at the window', 'withdrawn', 'withdrawn', false, clerk, '王丽']
	])(
		'%s records “%s”: the topic is %s, confirmed %s',
		(_who, outcome, state, confirmed, by, reader) => {
			const t = fileForVillager();
			const before = auditCount();
			const r = recordReadBack(
				db,
				by(),
				village(),
				t.id,
				{ outcome, readBackAt: hoursAfterFiling(2) },
				NOW
			);
			expect(r.ok).toBe(true);
			const after = findTopic(db, village(), t.id)!;
			expect(after.state).toBe(state);
			expect(after.proposerConfirmedAt).toBe(confirmed ? hoursAfterFiling(2).toISOString() : null);
			expect(readBackOf(db, t.id)).toMatchObject({
				outcome,
				readBackAt: hoursAfterFiling(2).toISOString(),
				readByName: reader
			});
			// The change under its usual name, and the read-back itself.
			const actions = (
				db.prepare('select action from audit where id > ? order by id').all(before) as {
					action: string;
				}[]
			).map((a) => a.action);
			expect(actions).toEqual([
				outcome === 'confirmed' ? 'topic.confirmed' : 'topic.withdrawn',
				'topic.read_back_recorded'
			]);
		}
	);

	it.each<[string, () => { topicId: number; by: Actor; at: Date }, string]>([
		[
			'a topic the villager filed herself',
			() => ({ topicId: fileOwn().id, by: clerk(), at: hoursAfterFiling(1) }),
			'not_on_behalf'
		],
		[
			'by a villager',
			() => ({ topicId: fileForVillager().id, by: villager(), at: hoursAfterFiling(1) }),
			'forbidden'
		],
		[
			'by a representative',
			() => ({ topicId: fileForVillager().id, by: rep(), at: hoursAfterFiling(1) }),
			'forbidden'
		],
		[
			'by another grid head',
			() => ({ topicId: fileForVillager().id, by: otherGridHead(), at: hoursAfterFiling(1) }),
			'forbidden'
		],
		[
			'a read-back time in the future',
			() => ({
				topicId: fileForVillager().id,
				by: gridHead(),
				at: new Date(NOW.getTime() + 60_000)
			}),
			'read_back_in_future'
		],
		[
			'a read-back time that is no time',
			() => ({ topicId: fileForVillager().id, by: gridHead(), at: new Date(NaN) }),
			'read_back_in_future'
		],
		[
			'a read-back in the minute before the filing',
			() => ({
				topicId: fileForVillager().id,
				by: gridHead(),
				at: new Date('2026-03-02T01:59:59Z')
			}),
			'read_back_before_filing'
		],
		[
			'a read-back before the topic was filed',
			() => ({ topicId: fileForVillager().id, by: gridHead(), at: hoursAfterFiling(-1) }),
			'read_back_before_filing'
		],
		[
			'a draft',
			() => ({
				topicId: fileForVillager({ submit: false }).id,
				by: gridHead(),
				at: hoursAfterFiling(1)
			}),
			'wrong_state'
		],
		[
			'a topic of no one',
			() => ({ topicId: 999_999, by: clerk(), at: hoursAfterFiling(1) }),
			'not_found'
		]
	])('refuses %s, and changes nothing', (_case, setup, reason) => {
		const { topicId, by, at } = setup();
		const before = {
			audit: auditCount(),
			readBacks: readBacks(),
			topic: findTopic(db, village(), topicId)
		};
		const r = recordReadBack(
			db,
			by,
			village(),
			topicId,
			{ outcome: 'confirmed', readBackAt: at },
			NOW
		);
		expect(r).toEqual({ ok: false, reason });
		expect(auditCount()).toBe(before.audit);
		expect(readBacks()).toBe(before.readBacks);
		expect(findTopic(db, village(), topicId)).toEqual(before.topic);
		expect(topicRefusalMessage(r.ok ? 'forbidden' : r.reason)).toBeTruthy();
	});

	it.each<[string, (id: number) => unknown]>([
		[
			'recorded once already',
			(id) =>
				recordReadBack(
					db,
					clerk(),
					village(),
					id,
					{ outcome: 'confirmed', readBackAt: hoursAfterFiling(1) },
					NOW
				)
		],
		['confirmed by the villager on her phone', (id) => confirmTopic(db, villager(), village(), id)],
		[
			'withdrawn by a read-back',
			(id) =>
				recordReadBack(
					db,
					gridHead(),
					village(),
					id,
					{ outcome: 'withdrawn', readBackAt: hoursAfterFiling(1) },
					NOW
				)
		]
	])('refuses a second answer when the topic was %s', (_case, first) => {
		const t = fileForVillager();
		expect((first(t.id) as { ok: boolean }).ok).toBe(true);
		const audit = auditCount();
		const r = recordReadBack(
			db,
			gridHead(),
			village(),
			t.id,
			{ outcome: 'withdrawn', readBackAt: hoursAfterFiling(3) },
			NOW
		);
		expect(r).toEqual({ ok: false, reason: 'already_answered' });
		expect(auditCount()).toBe(audit);
	});

	it('takes a read-back in the minute of the filing, as the form gives no seconds', () => {
		const t = fileForVillager();
		const at = new Date('2026-03-02T02:00:00Z');
		const r = recordReadBack(
			db,
			gridHead(),
			village(),
			t.id,
			{ outcome: 'confirmed', readBackAt: at },
			NOW
		);
		expect(r.ok && r.topic.proposerConfirmedAt).toBe(at.toISOString());
	});

	it('after a read-back the villager has nothing left to confirm on her phone', () => {
		const t = fileForVillager();
		recordReadBack(
			db,
			gridHead(),
			village(),
			t.id,
			{ outcome: 'confirmed', readBackAt: hoursAfterFiling(1) },
			NOW
		);
		expect(confirmTopic(db, villager(), village(), t.id)).toEqual({
			ok: false,
			reason: 'wrong_state'
		});
	});
});

describe('what waits for the villager’s confirmation', () => {
	it('lists the topics filed for her until she answers, by phone or read back', () => {
		const person = villager().personId!;
		expect(awaitingConfirmationOf(db, village(), person)).toEqual([]);
		fileOwn();
		fileForVillager({ submit: false });
		const first = fileForVillager();
		const second = fileForVillager();
		const third = fileForVillager();
		expect(awaitingConfirmationOf(db, village(), person).map((t) => t.number)).toEqual([
			third.number,
			second.number,
			first.number
		]);
		confirmTopic(db, villager(), village(), first.id);
		recordReadBack(
			db,
			clerk(),
			village(),
			second.id,
			{ outcome: 'withdrawn', readBackAt: hoursAfterFiling(1) },
			NOW
		);
		expect(awaitingConfirmationOf(db, village(), person)).toEqual([
			{
				number: third.number,
				title: input.title,
				filedByName: '赵桂兰',
				submittedAt: FILED.toISOString()
			}
		]);
		expect(awaitingConfirmationOf(db, village(), gridHead().personId!)).toEqual([]);
	});
});
