// Posting an opinion answers with a redirect (post/redirect/get): reloading the page, or a second
// tap that sends the same words again, leaves one opinion, with and without JavaScript.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	DEMO,
	expect,
	formPostHeaders,
	login,
	loginWithoutScripts,
	test,
	type App
} from './fixtures.ts';

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

const count = (app: App, body: string) =>
	withDb(app, (db) =>
		db.prepare('select count(*) from topic_opinions where body = ?').pluck().get(body)
	) as number;

test('an opinion posted, reloaded and tapped twice is stored once', async ({ app, newContext }) => {
	const number = withDb(
		app,
		(db) =>
			db
				.prepare(
					"select min(number) from topics where state = 'submitted' and village_id = (select id from villages where slug = 'xinyang')"
				)
				.pluck()
				.get() as string
	);
	const path = `/xinyang/topics/${number}`;

	for (const javaScriptEnabled of [false, true]) {
		const words = javaScriptEnabled ? '同意，建议先修排水沟。' : '同意，越快越好。';
		const page = await (await newContext({ javaScriptEnabled })).newPage();
		if (javaScriptEnabled) await login(page, DEMO.villager.phone, DEMO.villager.password);
		else await loginWithoutScripts(page, DEMO.villager.phone, DEMO.villager.password);
		await page.goto(path);
		await page.getByLabel('您的意见').fill(words);
		await page.getByRole('button', { name: '发表意见' }).click();
		await expect(page).toHaveURL(`${path}?filed=opinion#opinions-title`);
		await expect(page.getByRole('status').filter({ hasText: '意见已发表。' })).toBeVisible();
		await expect(page.getByText(words)).toHaveCount(1);
		await page.reload();
		await expect(page.getByText(words)).toHaveCount(1);
		expect(count(app, words), `JavaScript ${javaScriptEnabled}`).toBe(1);

		// A second tap sends the same form again: answered the same way, stored once.
		const again = await page.request.post(`${path}?/opinion`, {
			headers: formPostHeaders(app),
			form: { body: words },
			maxRedirects: 0
		});
		expect(again.status()).toBe(303);
		expect(count(app, words), `JavaScript ${javaScriptEnabled}`).toBe(1);
	}
});
