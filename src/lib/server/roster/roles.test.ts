import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { assignRole, endRole, recordFullMembership, rolesOfPerson, type NewRole } from './roles';
import { setPersonStatus } from './people';
import { createAccount } from '../auth/accounts';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import { rosterFixture } from './test-fixture';
import { recordRelation, removeRelation, type RelationKind } from './relations';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

function setup() {
	const f = rosterFixture(db);
	const home = f.household();
	const neighbour = f.household();
	return {
		...f,
		a: f.person(home, '1970-01-01'),
		sameHousehold: f.person(home, '1972-01-01', { gender: 'f' }),
		b: f.person(neighbour, '1975-01-01'),
		assign: (input: Omit<NewRole, 'startDate'> & { startDate?: string }) =>
			assignRole(db, f.clerkId, f.villageId, { startDate: '2021-01-01', ...input })
	};
}

describe('assignRole refusals', () => {
	it.each([
		[
			'supervision member who sits on the villagers committee',
			'villagers_committee',
			'a',
			'supervision_committee',
			'a',
			'supervision_conflict_self'
		],
		[
			'supervision member living with a committee member',
			'villagers_committee',
			'a',
			'supervision_committee',
			'sameHousehold',
			'supervision_conflict_household'
		],
		[
			'committee member living with a supervision member',
			'supervision_committee',
			'a',
			'villagers_committee',
			'sameHousehold',
			'supervision_conflict_household'
		],
		['the same role twice at once', 'village_rep', 'a', 'village_rep', 'a', 'already_holds'],
		['a second branch secretary', 'branch_secretary', 'a', 'branch_secretary', 'b', 'one_at_a_time']
	] as const)('%s', (_label, firstRole, firstWho, secondRole, secondWho, reason) => {
		const v = setup();
		expect(v.assign({ personId: v[firstWho], role: firstRole }).ok).toBe(true);
		const auditBefore = db.prepare('select count(*) as n from audit').get();
		expect(v.assign({ personId: v[secondWho], role: secondRole })).toEqual({ ok: false, reason });
		expect(db.prepare('select count(*) as n from audit').get()).toEqual(auditBefore);
	});

	it('allows the supervision role once the conflicting term has ended', () => {
		const v = setup();
		const c = v.assign({ personId: v.a, role: 'villagers_committee' });
		if (!c.ok) throw new Error();
		expect(endRole(db, v.clerkId, v.villageId, c.role.id, '2023-12-31')).toEqual({ ok: true });
		expect(
			v.assign({
				personId: v.sameHousehold,
				role: 'supervision_committee',
				startDate: '2024-01-01'
			}).ok
		).toBe(true);
	});

	it.each([
		[{ role: 'grid_head' }, 'grid_required'],
		[{ role: 'village_rep', gridId: 1 }, 'grid_required'],
		[{ role: 'village_rep', startDate: '2021-02-30' }, 'bad_dates'],
		[{ role: 'village_rep', endDate: '2020-12-31' }, 'bad_dates'],
		[{ role: 'party_member', fullSince: '2020-01-01' }, 'bad_dates'],
		[{ role: 'village_rep', householdIds: [999] }, 'household_not_found'],
		[{ role: 'mayor' }, 'bad_role'],
		[{ role: 'village_rep', personId: 999 }, 'person_not_found']
	] as [Partial<NewRole>, string][])('%j → %s', (input, reason) => {
		const v = setup();
		expect(v.assign({ personId: v.a, ...input } as NewRole)).toEqual({ ok: false, reason });
	});

	it('refuses a person of another village', () => {
		const v = setup();
		const other = rosterFixture(db, 'dongshan');
		const stranger = other.person(other.household(), '1980-01-01');
		expect(v.assign({ personId: stranger, role: 'village_rep' })).toEqual({
			ok: false,
			reason: 'person_not_found'
		});
	});
});

describe('the supervision conflict reads recorded close relatives', () => {
	// Relatives living apart: only the recorded relation links them.
	function kin() {
		const f = rosterFixture(db);
		const clerk = { userId: f.clerkId, personId: null, role: 'clerk' as const };
		const member = f.person(f.household(), '1965-01-01', { name: '村委委员' });
		const relative = f.person(f.household(), '1968-01-01', { name: '亲属', gender: 'f' });
		const relate = (personId: number, relativeId: number, kind: RelationKind) =>
			expect(recordRelation(db, clerk, f.villageId, { personId, relativeId, kind }).ok).toBe(true);
		const assign = (personId: number, role: NewRole['role'], startDate = '2021-01-01') =>
			assignRole(db, f.clerkId, f.villageId, { personId, role, startDate });
		return { ...f, clerk, member, relative, relate, assign };
	}

	const C = 'villagers_committee';
	const S = 'supervision_committee';
	it.each<[string, typeof C | typeof S, typeof C | typeof S, RelationKind]>([
		// [label, role held first, role asked for, what its holder is to the one asking]
		['the spouse of a committee member', C, S, 'spouse'],
		['the parent of a committee member', C, S, 'child'],
		['the child of a committee member', C, S, 'parent'],
		['the sibling of a committee member', C, S, 'sibling'],
		['the grandchild of a committee member', C, S, 'grandparent'],
		['the grandparent of a committee member', C, S, 'grandchild'],
		['a committee member whose spouse is on the supervision committee', S, C, 'spouse'],
		['a committee member whose child is on the supervision committee', S, C, 'child']
	])('refuses %s, naming the relative', (_label, held, asked, holderIs) => {
		const v = kin();
		expect(v.assign(v.member, held).ok).toBe(true);
		v.relate(v.relative, v.member, holderIs);
		const auditBefore = db.prepare('select count(*) from audit').pluck().get();
		expect(v.assign(v.relative, asked)).toEqual({
			ok: false,
			reason: 'supervision_conflict_relative',
			relative: { name: '村委委员', kind: holderIs, role: held }
		});
		expect(db.prepare('select count(*) from audit').pluck().get()).toBe(auditBefore);
		expect(db.prepare('select count(*) from roles where role = ?').pluck().get(asked)).toBe(0);
	});

	it.each<[string, RelationKind]>([
		['recorded from the other side', 'spouse'],
		['recorded as the parent, read as the child', 'parent']
	])('reads a relation %s', (_label, kind) => {
		const v = kin();
		expect(v.assign(v.member, 'villagers_committee').ok).toBe(true);
		// Recorded on the committee member's side: the relative is the member's `kind`.
		v.relate(v.member, v.relative, kind);
		const refused = v.assign(v.relative, 'supervision_committee');
		expect(refused).toMatchObject({ ok: false, reason: 'supervision_conflict_relative' });
	});

	it.each<[string, string, string | null, boolean]>([
		// [label, asked from, relative's committee term ends, refused]
		['terms that overlap', '2021-01-01', null, true],
		[
			'a supervision term starting the day the committee term ended',
			'2024-01-01',
			'2024-01-01',
			true
		],
		[
			'a supervision term starting after the committee term ended',
			'2024-01-02',
			'2024-01-01',
			false
		]
	])('%s', (_label, from, memberUntil, refused) => {
		const v = kin();
		const held = v.assign(v.member, 'villagers_committee');
		if (!held.ok) throw new Error('not assigned');
		if (memberUntil) endRole(db, v.clerkId, v.villageId, held.role.id, memberUntil);
		v.relate(v.relative, v.member, 'sibling');
		expect(v.assign(v.relative, 'supervision_committee', from).ok).toBe(!refused);
	});

	it('allows the role once the relation recorded by mistake is removed', () => {
		const v = kin();
		expect(v.assign(v.member, 'villagers_committee').ok).toBe(true);
		v.relate(v.relative, v.member, 'spouse');
		expect(v.assign(v.relative, 'supervision_committee').ok).toBe(false);
		expect(removeRelation(db, v.clerk, v.villageId, v.relative, v.member)).toEqual({ ok: true });
		expect(v.assign(v.relative, 'supervision_committee').ok).toBe(true);
	});

	it('does not bar relatives of other roles, nor relatives of relatives', () => {
		const v = kin();
		const nephew = v.person(v.household(), '1990-01-01', { name: '外甥' });
		expect(v.assign(v.member, 'villagers_committee').ok).toBe(true);
		v.relate(v.relative, v.member, 'sibling');
		v.relate(nephew, v.relative, 'parent');
		expect(v.assign(nephew, 'supervision_committee').ok).toBe(true);
		expect(v.assign(v.relative, 'village_rep').ok).toBe(true);
	});
});

describe('terms over time', () => {
	it('keeps the history of a person, audited', () => {
		const v = setup();
		const party = v.assign({ personId: v.a, role: 'party_member' });
		const grid = v.assign({
			personId: v.a,
			role: 'grid_head',
			gridId: v.grid,
			startDate: '2022-01-01'
		});
		if (!party.ok || !grid.ok) throw new Error();
		expect(recordFullMembership(db, v.clerkId, v.villageId, party.role.id, '2022-01-01')).toEqual({
			ok: true
		});
		expect(endRole(db, v.clerkId, v.villageId, grid.role.id, '2021-12-31')).toEqual({
			ok: false,
			reason: 'bad_dates'
		});
		expect(endRole(db, v.clerkId, v.villageId, grid.role.id, '2025-12-31')).toEqual({ ok: true });
		const roles = rolesOfPerson(db, v.villageId, v.a);
		expect(roles.map((r) => [r.role, r.startDate, r.endDate, r.fullSince])).toEqual([
			['grid_head', '2022-01-01', '2025-12-31', null],
			['party_member', '2021-01-01', null, '2022-01-01']
		]);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('ends the terms of someone who moves out, the day before they leave', () => {
		const v = setup();
		v.assign({ personId: v.a, role: 'village_rep' });
		expect(setPersonStatus(db, v.clerkId, v.villageId, v.a, 'moved_out', '2026-03-01')).toEqual({
			ok: true
		});
		expect(rolesOfPerson(db, v.villageId, v.a)[0].endDate).toBe('2026-02-28');
		expect(v.assign({ personId: v.a, role: 'party_member' })).toEqual({
			ok: false,
			reason: 'person_not_resident'
		});
	});

	it.each(['moved_out', 'deceased'] as const)(
		'disables the login of someone %s and ends its sessions',
		(status) => {
			const v = setup();
			const created = createAccount(db, v.clerkId, {
				villageId: v.villageId,
				role: 'villager',
				name: '离开的人',
				phone: '13800000042'
			});
			if (!created.ok) throw new Error('account not created');
			db.prepare('update users set person_id = ? where id = ?').run(v.a, created.account.id);
			const token = generateSessionToken();
			createSession(db, token, created.account.id);
			expect(validateSessionToken(db, token).session).not.toBeNull();

			expect(setPersonStatus(db, v.clerkId, v.villageId, v.a, status, '2026-03-01')).toEqual({
				ok: true
			});
			expect(validateSessionToken(db, token).session).toBeNull();
			expect(
				db
					.prepare('select disabled_at is not null from users where id = ?')
					.pluck()
					.get(created.account.id)
			).toBe(1);
			expect(verifyChain(db).ok).toBe(true);
		}
	);
});
