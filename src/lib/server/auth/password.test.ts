import { describe, expect, it } from 'vitest';
import {
	hashPassword,
	hashesInFlight,
	passwordProblem,
	verifyPassword,
	PASSWORD_MAX_LENGTH
} from './password';

describe('passwordProblem (ASVS 5.0 §6.2)', () => {
	it.each([
		['', null, 'too_short'],
		['1234567', null, 'too_short'],
		['七个汉字的密码', null, 'too_short'], // 7 characters, more than 8 bytes: characters count
		['八个汉字组成密码', null, null],
		['iloveyou', null, 'too_common'],
		['PASSWORD', null, 'too_common'], // case does not escape the list
		['password', null, 'too_common'],
		['12345678', null, 'too_common'],
		['woaini1314', null, 'too_common'],
		['lakeside hall 2026', null, null],
		['no composition rules', null, null],
		['x'.repeat(PASSWORD_MAX_LENGTH), null, null],
		['x'.repeat(PASSWORD_MAX_LENGTH + 1), null, 'too_long'],
		['13800000001ab', '13800000001', 'same_as_phone'],
		['my phone is 13800000001', '13800000001', 'same_as_phone'],
		['a long pass phrase', '13800000001', null]
	])('%j (phone %j) → %j', (password, phone, expected) => {
		expect(passwordProblem(password, phone ?? undefined)).toBe(expected);
	});

	it('allows at least 64 characters, pasted', () => {
		expect(passwordProblem('长'.repeat(64))).toBeNull();
	});
});

describe('hashPassword', () => {
	it('hashes with argon2id at OWASP minimum parameters and verifies', async () => {
		const h = await hashPassword('湖边议事厅 2026');
		expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(h, '湖边议事厅 2026')).toBe(true);
		expect(await verifyPassword(h, '湖边议事厅 2027')).toBe(false);
	});

	it('treats composed and decomposed Unicode as the same password', async () => {
		const h = await hashPassword('café au lait');
		expect(await verifyPassword(h, 'cafe\u0301 au lait')).toBe(true);
	});

	it('runs at most two hashes at a time', async () => {
		let peak = 0;
		const timer = setInterval(() => (peak = Math.max(peak, hashesInFlight())), 0);
		const all = Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`parallel-${i}-x`)));
		peak = Math.max(peak, hashesInFlight());
		await all;
		clearInterval(timer);
		expect(peak).toBe(2);
		expect(hashesInFlight()).toBe(0);
	});
});
