import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import type { Actor } from '../permissions';
import { messengersFor, notifyPreferenceOf, setNotifyPreference, type NotifyVia } from './notify';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003'); // 张秀英
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, a grid head
const rep = () => demoActor(db, '13800000005'); // 刘志强, a representative and party member
const personOf = (a: Actor) => a.personId!;

/** A resident holding no role at all, and with no login. */
const plainVillager = () =>
	(
		db
			.prepare(
				`select id from people where village_id = ? and status = 'resident'
				 and id not in (select person_id from roles) and id not in (select person_id from users where person_id is not null)
				 order by id limit 1`
			)
			.get(village()) as { id: number }
	).id;

/** A party member of another village, who carries no word in this one. */
function outsider(): number {
	const v = Number(
		db
			.prepare(
				"insert into villages (slug, name, created_at) values ('dongshan', '东山村', '2026-01-01') returning id"
			)
			.pluck()
			.get()
	);
	const h = db
		.prepare("insert into households (village_id, household_key) values (?, '001') returning id")
		.pluck()
		.get(v);
	const p = Number(
		db
			.prepare(
				"insert into people (village_id, household_id, name, gender, birth_date, created_at) values (?, ?, '外村人', 'm', '1970-01-01', '2026-01-01') returning id"
			)
			.pluck()
			.get(v, h)
	);
	db.prepare(
		"insert into roles (village_id, person_id, role, start_date, full_since) values (?, ?, 'party_member', '2010-01-01', '2011-01-01')"
	).run(v, p);
	return p;
}

const changes = () =>
	(db.prepare('select count(*) as n from audit').get() as { n: number }).n +
	(db.prepare('select count(*) as n from notify_preferences').get() as { n: number }).n * 1000;

describe('how a villager wants to be told', () => {
	it('is online until someone says otherwise', () => {
		expect(notifyPreferenceOf(db, village(), personOf(villager()))).toEqual({ via: 'online' });
	});

	it.each<[string, () => Actor, () => number, () => number | null, NotifyVia, string]>([
		// who sets it, for whom, through whom, how → what the clerk then reads
		[
			'the villager herself',
			villager,
			() => personOf(villager()),
			() => personOf(gridHead()),
			'person',
			'赵桂兰'
		],
		[
			'the villager herself',
			villager,
			() => personOf(villager()),
			() => personOf(rep()),
			'person',
			'刘志强'
		],
		[
			'the clerk for a villager',
			clerk,
			plainVillager,
			() => personOf(gridHead()),
			'person',
			'赵桂兰'
		],
		['the clerk, back to online', clerk, () => personOf(villager()), () => null, 'online', ''],
		// Online names nobody, whatever else the form carried.
		[
			'the villager, online with a name left in the form',
			villager,
			() => personOf(villager()),
			() => personOf(gridHead()),
			'online',
			''
		]
	])('%s', (_who, by, forWhom, via, how, name) => {
		const person = forWhom();
		const r = setNotifyPreference(db, by(), village(), person, { via: how, viaPersonId: via() });
		expect(r.ok).toBe(true);
		const now = notifyPreferenceOf(db, village(), person);
		expect(now.via).toBe(how);
		if (now.via === 'person') expect(now.label).toBe(name);
		const entry = db
			.prepare(
				"select subject_id as subjectId, after from audit where action = 'roster.notify_preference_set' order by id desc limit 1"
			)
			.get() as { subjectId: string; after: string };
		expect(entry.subjectId).toBe(String(person));
		expect(JSON.parse(entry.after).via).toBe(how);
	});

	it.each<[string, () => Actor, () => number, () => number, string]>([
		[
			'a villager for someone else',
			villager,
			plainVillager,
			() => personOf(gridHead()),
			'forbidden'
		],
		[
			'a grid head for a villager',
			gridHead,
			() => personOf(villager()),
			() => personOf(gridHead()),
			'forbidden'
		],
		[
			'through a villager with no role',
			villager,
			() => personOf(villager()),
			plainVillager,
			'not_a_messenger'
		],
		[
			'through herself',
			gridHead,
			() => personOf(gridHead()),
			() => personOf(gridHead()),
			'not_a_messenger'
		],
		[
			'through a person of another village',
			clerk,
			() => personOf(villager()),
			outsider,
			'not_a_messenger'
		],
		[
			'through a person who does not exist',
			clerk,
			() => personOf(villager()),
			() => 999_999,
			'not_a_messenger'
		],
		[
			'for a person who does not exist',
			clerk,
			() => 999_999,
			() => personOf(gridHead()),
			'not_found'
		]
	])('refuses %s, and changes nothing', (_case, by, forWhom, via, reason) => {
		const person = forWhom();
		const viaPersonId = via();
		const before = changes();
		expect(
			setNotifyPreference(db, by(), village(), person, { via: 'person', viaPersonId })
		).toEqual({
			ok: false,
			reason
		});
		expect(changes()).toBe(before);
	});

	it('offers grid heads first, then party members, never the person, with their roles', () => {
		const list = messengersFor(db, village(), personOf(gridHead()));
		expect(list.some((p) => p.id === personOf(gridHead()))).toBe(false);
		const firstParty = list.findIndex((p) => !p.roles.includes('grid_head'));
		expect(firstParty).toBeGreaterThan(0);
		expect(list.slice(firstParty).every((p) => !p.roles.includes('grid_head'))).toBe(true);
		expect(list.find((p) => p.id === personOf(rep()))?.roles).toEqual(['party_member']);
		expect(new Set(list.map((p) => p.label)).size).toBe(list.length);
	});
});
