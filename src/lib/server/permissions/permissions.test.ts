// Every role × every domain command, from the permission table: each command's rule is asked for
// each role of the demo village (and an outsider, and nobody), and must give the verdict the
// rule declares. A domain command missing from the table fails here; a form action missing from it
// fails the attack suite's route inventory (tests/attacks/routes.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { createAccount } from '../auth/accounts';
import { createTownshipAccount } from '../auth/township-accounts';
import type { TownshipRole } from '../auth/session';
import { todayInChina } from '../calendar/dates';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createVillage } from '../villages/villages';
import type { Actor } from './actor';
import { RULE_CHECKS, type RuleContext } from './rules';
import { COMMANDS, ROUTE_ACTIONS, gateOfAction, type Rule } from './table';

const ROLES = [
	'signedOut',
	'villager',
	'gridHead',
	'rep',
	'partyMember',
	'supervisor',
	'clerk',
	'secretary',
	'admin',
	'otherVillageClerk',
	// 长青乡, the demo village's township, and the staff of another township.
	'townshipOfficial',
	'townshipReviewer',
	'otherTownshipOfficial'
] as const;
type Role = (typeof ROLES)[number];

const MEMBERS: Role[] = [
	'villager',
	'gridHead',
	'rep',
	'partyMember',
	'supervisor',
	'clerk',
	'secretary'
];

/** Who passes each rule in the demo village, where the representative is responsible for the work. */
const PASSES: Record<Rule, Role[]> = {
	public: [...ROLES],
	signedIn: ROLES.filter((r) => r !== 'signedOut'),
	admin: ['admin'],
	member: MEMBERS,
	staff: ['clerk', 'secretary'],
	supervisor: ['supervisor'],
	staffOrResponsible: ['rep', 'clerk', 'secretary'],
	selfOrStaff: MEMBERS,
	accountManager: ['clerk', 'secretary', 'admin'],
	township: ['townshipOfficial', 'townshipReviewer'],
	townshipOfficial: ['townshipOfficial'],
	internal: []
};

let db: Db;
useDemoVillageDb((d) => (db = d));

/** The demo's logins by role, a party member given a login, and the clerk of a second village. */
function world(): { actors: Record<Role, Actor | null>; ctx: RuleContext } {
	const villageId = demoVillageId(db);
	const today = todayInChina();
	const partyMember = db
		.prepare(
			`select p.id, p.name, p.phone from people p join roles r on r.person_id = p.id
			 where p.village_id = ? and r.role = 'party_member' and r.end_date is null and p.phone is not null
			   and not exists (select 1 from roles o where o.person_id = p.id and o.role <> 'party_member')
			   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
			 order by p.id limit 1`
		)
		.get(villageId) as { id: number; name: string; phone: string };
	const login = createAccount(db, null, {
		villageId,
		role: 'villager',
		name: partyMember.name,
		phone: partyMember.phone
	});
	if (!login.ok) throw new Error(login.reason);
	db.prepare('update users set person_id = ? where id = ?').run(partyMember.id, login.account.id);
	const other = createVillage(db, null, {
		slug: 'dongshan',
		name: '东山村',
		township: '',
		district: '',
		city: '',
		province: '',
		oneShoulder: false,
		clerk: { name: '陈明', phone: '13700000001' }
	});
	if (!other.ok) throw new Error(other.reason);
	const rep = demoActor(db, '13800000005');
	const townshipId = (
		db.prepare('select township_id as t from villages where id = ?').get(villageId) as { t: number }
	).t;
	const elsewhere = Number(
		db
			.prepare(
				`insert into townships (name, district, city, province, created_at)
				 values ('西岗镇', '城子河区', '鸡西市', '黑龙江省', '2026-01-01T00:00:00Z')`
			)
			.run().lastInsertRowid
	);
	const townshipLogin = (role: TownshipRole, phone: string, township: number): Actor => {
		const r = createTownshipAccount(db, null, {
			townshipId: township,
			role,
			name: '乡镇账号',
			phone,
			position: ''
		});
		if (!r.ok) throw new Error(r.reason);
		return { userId: r.account.id, personId: null, role };
	};
	return {
		actors: {
			signedOut: null,
			villager: demoActor(db, '13800000003'),
			gridHead: demoActor(db, '13800000004'),
			rep,
			partyMember: { userId: login.account.id, personId: partyMember.id, role: 'villager' },
			supervisor: demoActor(db, '13800000006'),
			clerk: demoActor(db, '13800000001'),
			secretary: demoActor(db, '13800000002'),
			admin: demoActor(db, '13900000000'),
			otherVillageClerk: { userId: other.clerkId, personId: null, role: 'clerk' },
			townshipOfficial: townshipLogin('township_official', '13600000001', townshipId),
			townshipReviewer: townshipLogin('township_reviewer', '13600000002', townshipId),
			otherTownshipOfficial: townshipLogin('township_official', '13600000003', elsewhere)
		},
		ctx: { villageId, today, responsiblePersonId: rep.personId }
	};
}

describe('every role × every command', () => {
	it.each(Object.entries(COMMANDS))('%s (%s)', (command, rule) => {
		const { actors, ctx } = world();
		const verdicts = Object.fromEntries(
			ROLES.map((role) => [role, RULE_CHECKS[rule](db, actors[role], ctx)])
		);
		const declared = Object.fromEntries(ROLES.map((role) => [role, PASSES[rule].includes(role)]));
		expect(verdicts, command).toEqual(declared);
	});
});

const SERVER = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.(ts|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name)
				? [join(dir, e.name)]
				: []
	);
}

/** Exported functions whose caller is named right after the database: the domain's commands. */
function domainCommands(): string[] {
	const found: string[] = [];
	for (const file of sources(SERVER)) {
		// The permission predicates take an actor too, but decide rather than act.
		if (relative(SERVER, file).startsWith('permissions')) continue;
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(
			/export (?:async )?function (\w+)(?:<[^>]*>)?\(\s*db: Db,\s*(?:actor|actorId|userId)\b/g
		))
			found.push(m[1]);
	}
	return found;
}

describe('the table', () => {
	it('declares a rule for every domain command', () => {
		const commands = domainCommands();
		expect(commands.length).toBeGreaterThan(70);
		expect(commands.filter((c) => !(c in COMMANDS))).toEqual([]);
	});

	it('names only commands that exist', () => {
		const exported = new Set(
			sources(SERVER).flatMap((f) =>
				[...readFileSync(f, 'utf8').matchAll(/export (?:async )?function (\w+)/g)].map((m) => m[1])
			)
		);
		expect(Object.keys(COMMANDS).filter((c) => !exported.has(c))).toEqual([]);
	});

	it('gives every form action a gate, and no action an internal command', () => {
		for (const actions of Object.values(ROUTE_ACTIONS))
			for (const ref of Object.values(actions)) expect(() => gateOfAction(ref)).not.toThrow();
		expect(() => gateOfAction('applyImport')).toThrow(/internal/);
	});
});
