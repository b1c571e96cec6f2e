// Who may hand out logins (issue 12, item 1). A clerk once made themselves branch secretary: they
// created a secretary's login on a roster phone they held, printed that person's grid activation
// sheet (which gave a code to every password-less login matching a roster phone, whatever its
// role), activated it, and then reissued the real secretary's code or disabled them. Every path
// that hands out a code or a login now asks one rule: the secretary manages clerks and villagers,
// a clerk manages villagers, nobody manages their own login, and a grid sheet covers villagers only.
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type App } from '../fixtures.ts';
import { PEOPLE, client, dbRead, dbValue, post, signedIn } from './hostile.ts';

interface Spare {
	name: string;
	phone: string;
	gridId: number;
}

/** Adults on 新阳's roster with a mobile number and no login yet, the grid with most of them first. */
function sparePeople(app: App, count: number): Spare[] {
	const people = dbRead<Spare>(
		app,
		`select p.name, p.phone, h.grid_id as gridId
		 from people p join households h on h.id = p.household_id
		 where p.village_id = (select id from villages where slug = 'xinyang')
		   and p.status = 'resident' and p.birth_date <= '2000-01-01' and h.grid_id is not null
		   and p.phone glob '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
		   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
		 order by h.grid_id, p.id`
	);
	const byGrid = new Map<number, Spare[]>();
	for (const p of people) byGrid.set(p.gridId, [...(byGrid.get(p.gridId) ?? []), p]);
	const grid = [...byGrid.values()].sort((a, b) => b.length - a.length)[0];
	expect(grid.length).toBeGreaterThanOrEqual(count);
	return grid.slice(0, count);
}

const accountId = (app: App, phone: string) =>
	dbValue<number | undefined>(app, 'select id from users where phone = ?', phone);

const codesFor = (app: App, userId: number) =>
	dbValue<number>(app, 'select count(*) from activation_codes where user_id = ?', userId);

/** The phone → code pairs a printed grid sheet carries. */
function codesOnSheet(html: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const card of html.split('class="slip-card"').slice(1)) {
		const phone = /1\d{10}/.exec(card)?.[0];
		const code = /class="code-slip"[^>]*>([\d ]+)</.exec(card)?.[1];
		if (phone && code) out.set(phone, code.replace(/\D/g, ''));
	}
	return out;
}

async function sheetOf(api: APIRequestContext, app: App, gridId: number) {
	const response = await post(api, app, '/xinyang/roster/activation-sheet?/issue', { gridId });
	expect(response.status()).toBe(200);
	return codesOnSheet(await response.text());
}

test('a clerk cannot make themselves branch secretary: create, grid sheet, activate, act on the secretary', async ({
	app
}) => {
	const [mole] = sparePeople(app, 1);
	const secretaryId = accountId(app, PEOPLE.secretary.phone)!;
	const secretaryBefore = dbRead(app, 'select * from users where id = ?', secretaryId);
	const secretaryCodes = codesFor(app, secretaryId);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const achieved: string[] = [];

	// 1. A secretary's login on a roster phone the clerk holds.
	const created = await post(clerk, app, '/xinyang/accounts?/create', {
		name: mole.name,
		phone: mole.phone,
		role: 'secretary'
	});
	const roleOf = () =>
		dbValue<string | undefined>(app, 'select role from users where phone = ?', mole.phone);
	if (roleOf() === 'secretary') achieved.push('created a secretary login');

	// 2. The grid's sheet, which once coded every password-less login on a roster phone.
	const code = (await sheetOf(clerk, app, mole.gridId)).get(mole.phone);
	if (code && roleOf() === 'secretary') achieved.push('the sheet coded the secretary login');

	// 3. Activate it and act, as whatever it became, on the real secretary.
	if (code) {
		const mine = await client(app);
		const activated = await post(mine, app, '/activate', {
			phone: mole.phone,
			code,
			password: '后山那条小路一到雨天就走不了'
		});
		expect(activated.status()).toBe(303);
		if (roleOf() === 'secretary') achieved.push('activated a secretary login');
		await post(mine, app, '/xinyang/accounts?/issueCode', { accountId: secretaryId });
		if (codesFor(app, secretaryId) > secretaryCodes)
			achieved.push('reissued the real secretary’s code');
		await post(mine, app, '/xinyang/accounts?/disable', { accountId: secretaryId });
		if (dbValue(app, 'select disabled_at from users where id = ?', secretaryId))
			achieved.push('disabled the real secretary');
	}

	expect(achieved).toEqual([]);
	expect(created.status()).toBe(403);
	expect(await created.text()).toContain('无权');
	expect(dbRead(app, 'select * from users where id = ?', secretaryId)).toEqual(secretaryBefore);
});

test('a grid sheet codes villager logins only, whoever made the staff login', async ({ app }) => {
	const [newClerk, newSecretary, villager] = sparePeople(app, 3);
	// The secretary may create both (the successor's login at a handover, a second clerk).
	const secretary = await signedIn(app, PEOPLE.secretary);
	for (const [who, role] of [
		[newClerk, 'clerk'],
		[newSecretary, 'secretary']
	] as const) {
		const r = await post(secretary, app, '/xinyang/accounts?/create', { ...who, role });
		expect(r.status(), role).toBe(200);
	}

	const clerk = await signedIn(app, PEOPLE.clerk);
	const sheet = await sheetOf(clerk, app, villager.gridId);
	expect(sheet.has(villager.phone), 'the villager of the grid is on the sheet').toBe(true);
	expect(sheet.has(newClerk.phone)).toBe(false);
	expect(sheet.has(newSecretary.phone)).toBe(false);
	expect(codesFor(app, accountId(app, newClerk.phone)!)).toBe(0);
	expect(codesFor(app, accountId(app, newSecretary.phone)!)).toBe(0);
	// Even the secretary's sheet leaves staff logins to the accounts page.
	expect((await sheetOf(secretary, app, villager.gridId)).has(newClerk.phone)).toBe(false);
	expect(codesFor(app, accountId(app, newClerk.phone)!)).toBe(0);
});

test('each staff role manages only the logins below it, never its own', async ({ app }) => {
	const [other, newcomer] = sparePeople(app, 2);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const secretary = await signedIn(app, PEOPLE.secretary);
	const clerkId = accountId(app, PEOPLE.clerk.phone)!;
	const secretaryId = accountId(app, PEOPLE.secretary.phone)!;
	const villagerId = accountId(app, PEOPLE.villager.phone)!;
	const accounts = '/xinyang/accounts';

	// A second clerk, made by the secretary.
	expect(
		(await post(clerk, app, `${accounts}?/create`, { ...other, role: 'clerk' })).status()
	).toBe(403);
	expect(accountId(app, other.phone)).toBeUndefined();
	expect(
		(await post(secretary, app, `${accounts}?/create`, { ...other, role: 'clerk' })).status()
	).toBe(200);
	const otherId = accountId(app, other.phone)!;

	const audit = () => dbValue<number>(app, 'select count(*) from audit');
	const before = { audit: audit(), users: dbRead(app, 'select * from users order by id') };
	const refused: [APIRequestContext, string, number][] = [
		[clerk, 'issueCode', secretaryId],
		[clerk, 'disable', secretaryId],
		[clerk, 'issueCode', otherId],
		[clerk, 'disable', otherId],
		[clerk, 'enable', otherId],
		// A code for oneself would set a new password without the current one.
		[clerk, 'issueCode', clerkId],
		[secretary, 'issueCode', secretaryId]
	];
	for (const [api, action, target] of refused) {
		const r = await post(api, app, `${accounts}?/${action}`, { accountId: target });
		expect(r.status(), `${action} ${target}`).toBe(403);
	}
	expect(audit()).toBe(before.audit);
	expect(dbRead(app, 'select * from users order by id')).toEqual(before.users);

	// What each may do still works.
	const allowed: [APIRequestContext, string, number][] = [
		[clerk, 'issueCode', villagerId],
		[secretary, 'issueCode', otherId],
		[secretary, 'disable', otherId],
		[secretary, 'enable', otherId],
		[secretary, 'issueCode', clerkId]
	];
	for (const [api, action, target] of allowed) {
		const r = await post(api, app, `${accounts}?/${action}`, { accountId: target });
		expect(r.status(), `${action} ${target}`).toBe(200);
	}
	expect(
		(await post(clerk, app, `${accounts}?/create`, { ...newcomer, role: 'villager' })).status()
	).toBe(200);
	expect(codesFor(app, otherId)).toBe(1);
	expect(audit()).toBeGreaterThan(before.audit);
});
