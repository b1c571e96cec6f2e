// Issue 20: public pages served from memory. An anonymous reader's notice board comes with a strong
// ETag and a 304 to a conditional GET; a notice the clerk posts shows on it at once; a signed-in
// villager, an English reader and an elderly-mode reader each get their own page, never the
// anonymous Chinese one.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	accountNav,
	login,
	startAppWith,
	test
} from './fixtures.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inElderlyMode, useElderlyMode } from './layout-checks.ts';

const BOARD = '/xinyang/notices';
const STRONG_ETAG = /^"[\w-]{32}"$/;

test('the board from memory: ETag and 304, a new notice at once, and nobody gets another reader’s page', async ({
	app,
	newContext
}) => {
	const reader = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();

	const first = (await reader.goto(BOARD))!;
	expect(first.status()).toBe(200);
	const etag = first.headers()['etag'];
	expect(etag).toMatch(STRONG_ETAG);
	expect(first.headers()['cache-control']).toBe('private, no-cache');
	expect(first.headers()['content-security-policy']).toContain("script-src 'self'");
	expect(first.headers()['x-content-type-options']).toBe('nosniff');
	await expect(reader.getByRole('heading', { level: 1, name: '村务公开栏' })).toBeVisible();
	await checkA11yWithoutScripts(reader);

	// From memory, the same bytes; asked conditionally, a 304 with no body.
	const again = await reader.request.get(BOARD);
	expect(again.headers()['etag']).toBe(etag);
	expect(await again.text()).toBe(await first.text());
	const unchanged = await reader.request.get(BOARD, { headers: { 'if-none-match': etag } });
	expect(unchanged.status()).toBe(304);
	expect(unchanged.headers()['etag']).toBe(etag);
	expect(await unchanged.body()).toHaveLength(0);
	const weak = await reader.request.get(BOARD, {
		headers: { 'if-none-match': `"other", W/${etag}` }
	});
	expect(weak.status()).toBe(304);

	// The clerk posts a notice through the desk's form; the anonymous board shows it at once.
	const clerk = await (await newContext()).newPage();
	await login(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await clerk.goto('/xinyang/notices/desk');
	const title = '缓存测试：村道维修通知';
	await clerk.locator('#post-title-input').fill(title);
	await clerk.locator('#post-body').fill('本周六上午维修村东头道路，请绕行。');
	await clerk.getByRole('button', { name: '发布', exact: true }).click();
	await expect(clerk).toHaveURL(/\/xinyang\/notices\/desk\?posted=\d+/);

	const stale = await reader.request.get(BOARD, { headers: { 'if-none-match': etag } });
	expect(stale.status()).toBe(200);
	expect(stale.headers()['etag']).not.toBe(etag);
	await reader.reload();
	await expect(reader.getByRole('link', { name: title }).first()).toBeVisible();

	// A signed-in villager gets their own page: their name in the header, never kept by a cache.
	const villager = await (await newContext()).newPage();
	await login(villager, DEMO.villager.phone, DEMO.villager.password);
	const own = (await villager.goto(BOARD))!;
	await expect(accountNav(villager)).toContainText(DEMO.villager.name);
	expect(own.headers()['cache-control']).toBe('private, no-store');
	expect(own.headers()['etag']).not.toBe(stale.headers()['etag']);
	await expect(villager.getByRole('link', { name: title }).first()).toBeVisible();

	// The anonymous board still has no one's name on it.
	await reader.reload();
	await expect(accountNav(reader)).not.toContainText(DEMO.villager.name);
	await expect(accountNav(reader).getByRole('link', { name: '登录' })).toBeVisible();

	// An English reader gets the English board, and an elderly-mode reader the large-text one.
	const english = await (await newContext({ javaScriptEnabled: false })).newPage();
	await english.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: app.url }]);
	const en = (await english.goto(BOARD))!;
	await expect(
		english.getByRole('heading', { level: 1, name: 'Public notice board' })
	).toBeVisible();
	expect(await english.getAttribute('html', 'lang')).toBe('en');
	expect(en.headers()['etag']).not.toBe(stale.headers()['etag']);

	const elder = await (await newContext({ javaScriptEnabled: false })).newPage();
	await useElderlyMode(elder, app);
	const large = (await elder.goto(BOARD))!;
	expect(await inElderlyMode(elder)).toBe(true);
	expect(large.headers()['etag']).not.toBe(stale.headers()['etag']);
	await checkA11yWithoutScripts(elder);
	await reader.reload();
	expect(await inElderlyMode(reader)).toBe(false);
});

const COUNTER = path.resolve('tests/support/count-answers-before-kit.mjs');

test('hits are answered before SvelteKit with the headers SvelteKit’s path gives; a new notice shows at once', async ({
	browser
}) => {
	const log = path.join(tmpdir(), `answers-before-kit-${randomUUID()}.log`);
	writeFileSync(log, '');
	const server = await startAppWith({ NODE_OPTIONS: `--import ${COUNTER}`, FAST_ANSWER_LOG: log });
	try {
		const { app } = server;
		const before = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
		const context = await browser.newContext({
			baseURL: app.url,
			javaScriptEnabled: false,
			viewport: PHONE_VIEWPORT
		});
		const reader = await context.newPage();

		// The first reader's board is rendered by SvelteKit, which keeps it.
		const first = (await reader.goto(BOARD))!;
		expect(first.status()).toBe(200);
		expect(before()).toEqual([]);

		// The next ones are answered before SvelteKit: the same bytes, then a 304.
		const hit = await reader.request.get(BOARD);
		expect(await hit.text()).toBe(await first.text());
		const etag = hit.headers()['etag'];
		expect(etag).toMatch(STRONG_ETAG);
		const unchanged = await reader.request.get(BOARD, { headers: { 'if-none-match': etag } });
		expect(unchanged.status()).toBe(304);
		await expect.poll(before).toEqual([`GET ${BOARD} -`, `GET ${BOARD} -`]);

		// A GET that carries a Content-Type is one the early path leaves to SvelteKit (adapter-node
		// refuses such a GET when it has a body); SvelteKit's handle answers it from the same entry.
		// Both answers carry the same headers but for the date.
		const viaKit = await reader.request.get(BOARD, { headers: { 'content-type': 'text/plain' } });
		const fast = await reader.request.get(BOARD);
		await expect.poll(() => before().length).toBe(3);
		expect(before().some((line) => line.endsWith('text/plain'))).toBe(false);
		const comparable = (headers: { name: string; value: string }[]) =>
			headers
				.map(({ name, value }) => `${name.toLowerCase()}: ${value}`)
				.filter((line) => !line.startsWith('date:'))
				.sort();
		expect(viaKit.headers()['etag']).toBe(etag);
		expect(comparable(fast.headersArray())).toEqual(comparable(viaKit.headersArray()));
		expect(await viaKit.text()).toBe(await fast.text());
		expect(fast.headers()['x-frame-options']).toBe('DENY');

		// The clerk posts a notice; the board without JavaScript shows it at once.
		const clerk = await (await browser.newContext({ baseURL: app.url })).newPage();
		await login(clerk, DEMO.clerk.phone, DEMO.clerk.password);
		await clerk.goto('/xinyang/notices/desk');
		const title = '缓存测试：停水通知';
		await clerk.locator('#post-title-input').fill(title);
		await clerk.locator('#post-body').fill('周日上午检修水管，停水半天。');
		await clerk.getByRole('button', { name: '发布', exact: true }).click();
		await expect(clerk).toHaveURL(/\/xinyang\/notices\/desk\?posted=\d+/);
		await reader.reload();
		await expect(reader.getByRole('link', { name: title }).first()).toBeVisible();
		const after = await reader.request.get(BOARD, { headers: { 'if-none-match': etag } });
		expect(after.status()).toBe(200);
		expect(await after.text()).toContain(title);
		await expect.poll(() => before().length).toBe(4);
		await checkA11yWithoutScripts(reader);
	} finally {
		await server.stop();
		rmSync(log, { force: true });
	}
});

test('the sign-in page from memory: one strong ETag and a 304, and signing in without JavaScript still works', async ({
	newContext
}) => {
	const reader = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	const first = (await reader.goto('/login'))!;
	expect(first.status()).toBe(200);
	const etag = first.headers()['etag'];
	expect(etag).toMatch(STRONG_ETAG);
	expect(first.headers()['cache-control']).toBe('private, no-cache');
	expect(first.headers()['set-cookie']).toBeUndefined();
	await expect(reader.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
	await checkA11yWithoutScripts(reader);

	const again = await reader.request.get('/login');
	expect(again.headers()['etag']).toBe(etag);
	expect(await again.text()).toBe(await first.text());
	const unchanged = await reader.request.get('/login', { headers: { 'if-none-match': etag } });
	expect(unchanged.status()).toBe(304);
	expect(await unchanged.body()).toHaveLength(0);

	// A wrong password: the post renders the form with its error and the phone kept; the page
	// from memory has neither.
	const { phone, password } = DEMO.villager;
	await reader.getByLabel('手机号').fill(phone);
	await reader.getByLabel('密码').fill(`${password}-wrong`);
	await reader.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(reader.getByText('手机号或密码不正确。')).toBeVisible();
	await expect(reader.getByLabel('手机号')).toHaveValue(phone);
	const still = await reader.request.get('/login');
	expect(still.headers()['etag']).toBe(etag);
	expect(await still.text()).not.toContain('手机号或密码不正确。');

	// The right one signs in and leads home; the signed-in reader is sent on from the sign-in page,
	// and the next anonymous reader still gets the same page from memory.
	await reader.getByLabel('手机号').fill(phone);
	await reader.getByLabel('密码').fill(password);
	await reader.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(reader).toHaveURL('/xinyang');
	await expect(accountNav(reader)).toContainText(DEMO.villager.name);
	const sentOn = await reader.request.get('/login', { maxRedirects: 0 });
	expect(sentOn.status()).toBe(303);
	const next = await (await newContext({ javaScriptEnabled: false })).newPage();
	const anonymous = await next.request.get('/login', { headers: { 'if-none-match': etag } });
	expect(anonymous.status()).toBe(304);
});
