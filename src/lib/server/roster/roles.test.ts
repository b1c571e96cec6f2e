import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { assignRole, endRole, recordFullMembership, rolesOfPerson, type NewRole } from './roles';
import { setPersonStatus } from './people';
import { createAccount } from '../auth/accounts';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import { rosterFixture } from './test-fixture';

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
