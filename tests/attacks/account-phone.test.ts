// Phone lookups across villages: a mobile number is the login of one account in the whole
// township, so a clerk cannot open a second account on a number in use elsewhere. The refusal
// must not tell the clerk that the number has an account somewhere: it reads the same for a number
// on another village's roster that has no account at all.
import { expect, test } from '../fixtures.ts';
import { DONGSHAN, form, send, worldOf } from './access-world.ts';
import { PEOPLE, dbValue } from './hostile.ts';

// On 东山村's roster (the template's example household head), without an account.
const DONGSHAN_RESIDENT = '13800138000';

test('opening an account does not reveal whether a number has an account in another village', async ({
	app
}) => {
	const w = await worldOf(app);
	const accounts = () => dbValue<number>(app, 'select count(*) from users');
	const audit = () => dbValue<number>(app, 'select count(*) from audit');
	expect(dbValue(app, 'select count(*) from users where phone = ?', DONGSHAN_RESIDENT)).toBe(0);
	expect(
		dbValue(
			app,
			'select count(*) from people where phone = ? and village_id = ?',
			DONGSHAN_RESIDENT,
			w.ds.villageId
		)
	).toBe(1);

	const attempt = async (phone: string) => {
		const r = await send(
			app,
			w.cookies.clerk,
			'POST',
			'/xinyang/accounts?/create',
			form({ name: '钱试探', phone, role: 'villager' })
		);
		// The number typed is echoed in its field and scripts carry a fresh nonce; nothing else may differ.
		return {
			status: r.status,
			page: r.text.replaceAll(phone, '<phone>').replace(/nonce="[^"]*"/g, '')
		};
	};
	const before = { accounts: accounts(), audit: audit() };
	const elsewhere = await attempt(DONGSHAN.clerk.phone);
	const resident = await attempt(DONGSHAN_RESIDENT);
	const township = await attempt(PEOPLE.admin.phone);
	expect(elsewhere.status).toBe(400);
	expect(resident).toEqual(elsewhere);
	expect(township).toEqual(elsewhere);
	expect({ accounts: accounts(), audit: audit() }).toEqual(before);
	for (const secret of [DONGSHAN.name, DONGSHAN.clerk.name])
		expect(elsewhere.page).not.toContain(secret);

	// A number of the clerk's own village is on the list the clerk already reads: named as such.
	const own = await attempt(PEOPLE.villager.phone);
	expect(own.status).toBe(400);
	expect(own.page).not.toEqual(elsewhere.page);
	expect(accounts()).toBe(before.accounts);

	// A number nobody has is opened: the refusals above are not the form refusing everything.
	expect((await attempt('13800009999')).status).toBe(200);
	expect(accounts()).toBe(before.accounts + 1);
});
