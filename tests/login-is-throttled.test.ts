import type { Page } from '@playwright/test';
import {
	DEMO,
	accountNav,
	checkA11y,
	expect,
	formPostHeaders,
	hydrated,
	loginThroughForm,
	open,
	test
} from './fixtures.ts';

const { villager, secretary } = DEMO;
const WAIT = /^尝试次数过多，请在 (\d+) 秒后再试。$/;

/** Seconds named in the wait message on the page. */
async function waitSeconds(page: Page): Promise<number> {
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText(WAIT);
	return Number(WAIT.exec((await alert.textContent()) ?? '')?.[1]);
}

test('repeated wrong passwords slow down one account, not the whole village', async ({
	page,
	app,
	newContext
}) => {
	// A wrong guess sent straight to the server, as a script would: fast, so the timing below holds.
	const guess = async (password: string) =>
		(
			await page.request.post('/login', {
				form: { phone: villager.phone, password },
				headers: formPostHeaders(app),
				maxRedirects: 0
			})
		).status();
	const fillForm = async (password: string) => {
		await hydrated(page);
		await page.getByLabel('手机号').fill(villager.phone);
		await page.getByLabel('密码', { exact: true }).fill(password);
	};
	const submit = async () => {
		await page.getByRole('main').getByRole('button', { name: '登录' }).click();
		await page.waitForLoadState('domcontentloaded');
	};

	// The first wrong password gets the ordinary answer.
	await open(page, '/login');
	await fillForm('wrong-password-1');
	await submit();
	await expect(page.getByRole('alert')).toHaveText('手机号或密码不正确。');

	// Two more are still free; after the third, even the right password is refused for a second.
	await fillForm(villager.password);
	expect(await guess('wrong-password-2')).toBe(400);
	expect(await guess('wrong-password-3')).toBe(400);
	await submit();
	expect(await waitSeconds(page)).toBe(1);
	await expect(page).toHaveURL('/login');
	await expect(accountNav(page).getByRole('link', { name: '登录' })).toBeVisible();
	await expect(page.getByLabel('手机号')).toHaveValue(villager.phone);
	await checkA11y(page);

	// Meanwhile a neighbour behind the same address signs in normally: no global lockout.
	const neighbour = await (await newContext()).newPage();
	await loginThroughForm(neighbour, secretary.phone, secretary.password);
	await expect(neighbour).toHaveURL('/xinyang');
	await expect(accountNav(neighbour).getByRole('link', { name: secretary.name })).toBeVisible();

	// Once the second is over a guess is judged again (400, not 429); failing makes the next wait 2 s.
	// A refused guess counts nothing, so the story asks until one is judged instead of sleeping.
	await expect.poll(() => guess('wrong-password-4')).toBe(400);
	const failedAt = Date.now();
	const refused = await page.request.post('/login', {
		form: { phone: villager.phone, password: villager.password },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	const answeredAt = Date.now();
	expect(refused.status(), 'the right password is refused while waiting').toBe(429);
	expect(answeredAt - failedAt, 'too slow to tell a 2 s wait from a 1 s one').toBeLessThan(1_000);
	// Asked straight, not through the form: a busy browser could not ask within the second.
	expect(await refused.text()).toContain('尝试次数过多，请在 2 秒后再试。');

	// After the wait the right password works again: another phone asks until it is let in.
	const probe = (await newContext()).request;
	await expect
		.poll(async () =>
			(
				await probe.post('/login', {
					form: { phone: villager.phone, password: villager.password },
					headers: formPostHeaders(app),
					maxRedirects: 0
				})
			).status()
		)
		.toBe(303);
	await fillForm(villager.password);
	await submit();
	await expect(page).toHaveURL('/xinyang');
	await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();
});
