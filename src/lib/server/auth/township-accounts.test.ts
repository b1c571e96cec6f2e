import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { redeemActivationCode } from './accounts';
import { listTownshipAccounts, openTownshipAccount } from './township-accounts';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const townshipOf = (villageId: number) =>
	db.prepare('select township_id from villages where id = ?').pluck().get(villageId) as number;

const reviewer = (townshipId: number, phone = '13600000021') => ({
	townshipId,
	role: 'township_reviewer' as const,
	name: '冯敏',
	phone,
	position: '长青乡司法所'
});

const counts = () => ({
	users: db.prepare('select count(*) from users').pluck().get(),
	codes: db.prepare('select count(*) from activation_codes').pluck().get(),
	audit: db.prepare('select count(*) from audit').pluck().get()
});

describe('the administrator opens a township account', () => {
	it('creates the account with its office and a code that signs it in', async () => {
		const townshipId = townshipOf(demoVillageId(db));
		const r = openTownshipAccount(db, demoActor(db, '13900000000').userId, reviewer(townshipId));
		if (!r.ok) throw new Error(r.reason);
		expect(listTownshipAccounts(db, townshipId)).toContainEqual({
			id: r.account.id,
			townshipId,
			role: 'township_reviewer',
			name: '冯敏',
			phone: '13600000021',
			position: '长青乡司法所',
			disabled: false
		});
		const redeemed = await redeemActivationCode(
			db,
			'13600000021',
			r.activationCode,
			'a-long-new-password-2026'
		);
		expect(redeemed.ok).toBe(true);
	});

	it.each([
		['the clerk', '13800000001', 'forbidden'],
		['the branch secretary', '13800000002', 'forbidden'],
		['a township official', '13800000010', 'forbidden']
	] as const)('refuses %s, writing nothing', (_, phone, reason) => {
		const townshipId = townshipOf(demoVillageId(db));
		const before = counts();
		expect(openTownshipAccount(db, demoActor(db, phone).userId, reviewer(townshipId))).toEqual({
			ok: false,
			reason
		});
		expect(counts()).toEqual(before);
	});

	it.each([
		['a taken phone', (t: number) => reviewer(t, '13800000003'), 'phone_taken'],
		['no such township', () => reviewer(999_999), 'not_found']
	] as const)('refuses %s, writing nothing', (_, input, reason) => {
		const townshipId = townshipOf(demoVillageId(db));
		const before = counts();
		const r = openTownshipAccount(db, demoActor(db, '13900000000').userId, input(townshipId));
		expect(r).toEqual({ ok: false, reason });
		expect(counts()).toEqual(before);
	});
});
