import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { createAccount, issueActivationCode, setAccountDisabled } from '../auth/accounts';
import type { Role } from '../auth/session';
import { movePerson, setPersonStatus, updateHousehold } from '../roster/people';
import { assignRole, endRole } from '../roster/roles';
import { addStructureNames } from '../roster/structure';
import { updateRuleOptions, updateVillageSettings } from '../villages/settings';
import { issueGridActivationCodes } from '../roster/person-accounts';
import { rosterFixture } from '../roster/test-fixture';
import { addVillageStaff } from '../villages/villages';
import { grantableRoles, mayManageAccount } from './accounts';

const A = 1;
const B = 2;
const login = (id: number, role: Role, villageId: number | null) => ({ id, role, villageId });
const actors = {
	admin: login(1, 'admin', null),
	secretaryA: login(2, 'secretary', A),
	clerkA: login(3, 'clerk', A),
	villagerA: login(4, 'villager', A),
	clerkB: login(5, 'clerk', B)
};

describe.each([
	// actor; whether they manage a villager, clerk, secretary and admin login of village A; the roles
	// their own village's account form offers them
	['admin', [true, true, true, false], ['villager', 'clerk', 'secretary']],
	['secretaryA', [true, true, true, false], ['villager', 'clerk', 'secretary']],
	['clerkA', [true, false, false, false], ['villager']],
	['villagerA', [false, false, false, false], []],
	['clerkB', [false, false, false, false], ['villager']]
] as const)('%s', (who, verdicts, grantable) => {
	const actor = actors[who];
	const roles = ['villager', 'clerk', 'secretary', 'admin'] as const;
	it.each(roles.map((role, i) => [role, verdicts[i]] as const))('manages a %s → %s', (role, v) =>
		expect(mayManageAccount(actor, { id: 99, role, villageId: A })).toBe(v)
	);
	it('never their own login', () => expect(mayManageAccount(actor, actor)).toBe(false));
	it(`is offered ${grantable.join(', ') || 'nothing'}`, () =>
		expect(grantableRoles({ ...actor, villageId: actor.villageId ?? A })).toEqual(grantable));
});

describe('the account commands ask the rule of the live account', () => {
	let db: Db;
	let cleanup: () => void;
	beforeEach(() => ({ db, cleanup } = createTestDb()));
	afterEach(() => cleanup());

	let phone = 0;
	const make = (actorId: number | null, villageId: number | null, role: Role) =>
		createAccount(db, actorId, {
			villageId,
			role,
			name: role,
			phone: `1390000${String(++phone).padStart(4, '0')}`
		});
	const id = (r: ReturnType<typeof make>) => {
		if (!r.ok) throw new Error(r.reason);
		return r.account.id;
	};
	const counts = () =>
		db
			.prepare(
				'select (select count(*) from users), (select count(*) from activation_codes), (select count(*) from audit)'
			)
			.raw()
			.get();

	it('refuses a clerk a secretary or clerk login, a code for one, or disabling one', () => {
		const v = rosterFixture(db);
		const secretary = id(make(null, v.villageId, 'secretary'));
		const otherClerk = id(make(secretary, v.villageId, 'clerk'));
		const before = counts();
		expect(make(v.clerkId, v.villageId, 'secretary')).toEqual({ ok: false, reason: 'forbidden' });
		expect(make(v.clerkId, v.villageId, 'clerk')).toEqual({ ok: false, reason: 'forbidden' });
		for (const target of [secretary, otherClerk, v.clerkId]) {
			expect(issueActivationCode(db, v.clerkId, target)).toEqual({
				ok: false,
				reason: 'forbidden'
			});
			expect(setAccountDisabled(db, v.clerkId, target, true)).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
		expect(counts()).toEqual(before);
		// The secretary may; and a secretary disabled a moment ago no longer may.
		expect(issueActivationCode(db, secretary, v.clerkId).ok).toBe(true);
		expect(setAccountDisabled(db, null, secretary, true)).toEqual({ ok: true });
		expect(issueActivationCode(db, secretary, v.clerkId)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(verifyChain(db).ok).toBe(true);
	});

	it('refuses a clerk the logins of another village', () => {
		const a = rosterFixture(db, 'aa');
		const b = rosterFixture(db, 'bb');
		const villager = id(make(null, b.villageId, 'villager'));
		expect(make(a.clerkId, b.villageId, 'villager')).toEqual({ ok: false, reason: 'forbidden' });
		expect(issueActivationCode(db, a.clerkId, villager)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(issueActivationCode(db, b.clerkId, villager).ok).toBe(true);
	});

	it('the administrator adds a village’s first secretary; its clerk cannot', () => {
		const v = rosterFixture(db);
		const admin = id(make(null, null, 'admin'));
		const input = {
			villageId: v.villageId,
			role: 'secretary',
			name: '书记',
			phone: '13600000001'
		} as const;
		expect(addVillageStaff(db, v.clerkId, input)).toEqual({ ok: false, reason: 'forbidden' });
		const added = addVillageStaff(db, admin, input);
		expect(added).toMatchObject({ ok: true, account: { role: 'secretary', hasPassword: false } });
		expect(addVillageStaff(db, admin, input)).toEqual({ ok: false, reason: 'phone_taken' });
		expect(addVillageStaff(db, admin, { ...input, villageId: 999 })).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('a grid sheet codes villager logins only', () => {
		const v = rosterFixture(db);
		const secretary = id(make(null, v.villageId, 'secretary'));
		const h = v.household();
		const people = ['villager', 'clerk', 'secretary'].map((name, i) => {
			const p = v.person(h, '1970-01-01', { name });
			db.prepare('update people set phone = ? where id = ?').run(`1350000000${i}`, p);
			return p;
		});
		for (const role of ['clerk', 'secretary'] as const)
			createAccount(db, secretary, {
				villageId: v.villageId,
				role,
				name: role,
				phone: `1350000000${role === 'clerk' ? 1 : 2}`
			});
		for (const actor of [v.clerkId, secretary]) {
			const sheet = issueGridActivationCodes(db, actor, v.villageId, v.grid);
			if (!sheet || sheet === 'forbidden') throw new Error('no sheet');
			expect(sheet.issued.map((s) => s.personId)).toEqual([people[0]]);
			expect(sheet.skipped).toEqual([
				{ personId: people[1], name: 'clerk', reason: 'staff_account' },
				{ personId: people[2], name: 'secretary', reason: 'staff_account' }
			]);
		}
		const villager = db.prepare('select id from users where person_id = ?').pluck().get(people[0]);
		expect(issueGridActivationCodes(db, villager as number, v.villageId, v.grid)).toBe('forbidden');
	});

	it('a clerk cannot end the secretary’s login by marking them moved out', () => {
		const v = rosterFixture(db);
		const person = v.person(v.household(), '1970-01-01');
		const secretary = id(make(null, v.villageId, 'secretary'));
		db.prepare('update users set person_id = ? where id = ?').run(person, secretary);
		const before = counts();
		expect(setPersonStatus(db, v.clerkId, v.villageId, person, 'moved_out', '2026-06-01')).toEqual({
			ok: false,
			reason: 'login_not_yours'
		});
		expect(counts()).toEqual(before);
		expect(db.prepare('select status from people where id = ?').pluck().get(person)).toBe(
			'resident'
		);
	});

	it('the roster and settings commands refuse anyone but the village’s live staff', () => {
		const v = rosterFixture(db, 'aa');
		const other = rosterFixture(db, 'bb');
		const h = v.household();
		const person = v.person(h, '1970-01-01');
		const villager = id(make(null, v.villageId, 'villager'));
		const term = assignRole(db, v.clerkId, v.villageId, {
			personId: person,
			role: 'party_member',
			startDate: '2020-01-01'
		});
		if (!term.ok) throw new Error(term.reason);
		const settings = { triageDays: 10, noticeDays: 15, holidays: [], oneShoulder: true };
		const calls = (actor: number) => [
			addStructureNames(db, actor, v.villageId, 'grid', ['新网格']),
			movePerson(db, actor, v.villageId, person, h),
			updateHousehold(db, actor, v.villageId, h, { address: '改', groupId: null, gridId: null }),
			assignRole(db, actor, v.villageId, {
				personId: person,
				role: 'village_rep',
				startDate: '2021-01-01'
			}),
			endRole(db, actor, v.villageId, term.role.id, '2025-01-01'),
			updateVillageSettings(db, actor, v.villageId, settings),
			updateRuleOptions(db, actor, v.villageId, { repsPassOnTotal: true })
		];
		const before = counts();
		for (const actor of [villager, other.clerkId])
			for (const r of calls(actor)) expect(r).toMatchObject({ ok: false, reason: 'forbidden' });
		expect(counts()).toEqual(before);
		for (const r of calls(v.clerkId)) expect(r).not.toMatchObject({ reason: 'forbidden' });
	});
});
