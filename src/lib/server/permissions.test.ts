import { describe, expect, it } from 'vitest';
import { canCreateVillage, canManageAccounts, canReadVillagePrivate } from './permissions';

const A = { id: 1 };
const users = {
	anonymous: null,
	admin: { id: 1, role: 'admin', villageId: null },
	clerkA: { id: 2, role: 'clerk', villageId: 1 },
	secretaryA: { id: 3, role: 'secretary', villageId: 1 },
	villagerA: { id: 4, role: 'villager', villageId: 1 },
	clerkB: { id: 5, role: 'clerk', villageId: 2 },
	villagerB: { id: 6, role: 'villager', villageId: 2 }
} as const;

describe.each([
	// who, create villages, manage accounts of A, read private pages of A
	['anonymous', false, false, false],
	['admin', true, false, false],
	['clerkA', false, true, true],
	['secretaryA', false, true, true],
	['villagerA', false, false, true],
	['clerkB', false, false, false],
	['villagerB', false, false, false]
] as const)('%s', (who, create, manage, read) => {
	const user = users[who];
	it(`canCreateVillage → ${create}`, () => expect(canCreateVillage(user)).toBe(create));
	it(`canManageAccounts(A) → ${manage}`, () => expect(canManageAccounts(user, A)).toBe(manage));
	it(`canReadVillagePrivate(A) → ${read}`, () => expect(canReadVillagePrivate(user, A)).toBe(read));
});
