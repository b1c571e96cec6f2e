// A meeting notice reaches people (issue 19 items 3 and 4): the clerk notes that a representative
// is reached by a phone call and notifies a meeting; the outbox shows its message with the counts
// by channel, the WeChat group text with title, time, place and link, and the call list of the
// representative's grid; the grid head finds it from her grid point and ticks the call done on a
// 360 px phone without JavaScript.
import type { Page } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { addAgendaItem, createMeeting } from '../src/lib/server/meetings/calling.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	hydrated,
	login,
	loginWithoutScripts,
	open,
	test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll, zoom200 } from './layout-checks.ts';
import { query } from './meeting-helpers.ts';

const GRID_HEAD = { phone: '13800000004', password: 'demo-gridhead-2026' }; // 赵桂兰, 第一网格
const TITLE = '村民代表会议：村道路灯维修';
const PLACE = '村委会二楼会议室';

const chinaDay = (offset: number) =>
	new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A draft representatives' meeting five days ahead, with its place, time and one agenda item. */
function draftWithPlace(app: App): number {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const village = db.prepare("select id from villages where slug = 'xinyang'").pluck().get();
		const clerk = db
			.prepare('select id as userId, person_id as personId, role from users where phone = ?')
			.get(DEMO.clerk.phone) as { userId: number; personId: number | null; role: 'clerk' };
		const r = createMeeting(db, clerk, village as number, {
			type: 'reps_meeting',
			title: TITLE,
			meetingDate: chinaDay(5),
			startsAt: '19:30',
			place: PLACE
		});
		if (!r.ok) throw new Error(r.reason);
		addAgendaItem(db, clerk, village as number, r.meeting.id, { title: '维修村道路灯' });
		return r.meeting.id;
	} finally {
		db.close();
	}
}

/** A representative living in the grid head's grid: one the notice calls and her list shows. */
function repOfGridHeadsGrid(app: App) {
	const [rep] = query<{ id: number; name: string; phone: string | null; gridId: number }>(
		app,
		`select p.id, p.name, p.phone, h.grid_id as gridId from people p
		 join households h on h.id = p.household_id
		 join roles r on r.person_id = p.id and r.role = 'village_rep' and r.end_date is null
		 where h.grid_id = (select r2.grid_id from roles r2 join users u on u.person_id = r2.person_id
		   where u.phone = ? and r2.role = 'grid_head')
		   and p.status = 'resident'
		 order by p.id limit 1`,
		GRID_HEAD.phone
	);
	expect(rep, 'a representative lives in the grid head’s grid').toBeTruthy();
	return rep;
}

async function phoneWithoutScripts(page: Page) {
	const context = await page
		.context()
		.browser()!
		.newContext({
			javaScriptEnabled: false,
			viewport: PHONE_VIEWPORT,
			baseURL: new URL(page.url()).origin
		});
	return context.newPage();
}

test('a meeting notice produces a call list per grid and the WeChat group text; the grid head ticks a call done without JavaScript', async ({
	page,
	app,
	context
}) => {
	const rep = repOfGridHeadsGrid(app);
	const meetingId = draftWithPlace(app);
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);

	// The clerk notes on the roster that the representative is reached by a phone call.
	await open(page, `/xinyang/roster/people/${rep.id}`);
	const channel = page.getByRole('group', { name: '首选通知方式' });
	await channel.getByLabel('电话').check();
	await page.getByRole('button', { name: '保存首选通知方式' }).click();
	await expect(page.getByText('已保存首选通知方式。')).toBeVisible();
	await expect(channel.getByLabel('电话')).toBeChecked();

	// 发出通知 on the console queues the message in the same step.
	await open(page, `/xinyang/meetings/${meetingId}/console`);
	await page.getByRole('button', { name: '发出通知' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');

	// The outbox: the message, with how many are reached how, and the call still to make.
	await open(page, '/xinyang/outbox');
	await expect(page.getByRole('link', { name: '通知', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
	const message = page.getByTestId('outbox-message').filter({ hasText: TITLE });
	await expect(message).toHaveCount(1);
	await expect(message.getByTestId('outbox-counts')).toContainText('电话：待通知 1');
	await expect(message.getByTestId('outbox-counts')).toContainText('线上：已发出');
	await checkA11y(page);
	// The filter keeps messages with work left: this one has a call to make.
	await page.getByLabel('只看待办').check();
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/show=todo/);
	await expect(page.getByTestId('outbox-message').filter({ hasText: TITLE })).toHaveCount(1);

	await page.getByRole('link', { name: `会议通知：${TITLE}` }).click();
	await hydrated(page);
	const [row] = query<{ id: number }>(
		app,
		"select id from messages where kind = 'meeting_called' and subject_id = ?",
		meetingId
	);
	await expect(page).toHaveURL(`/xinyang/outbox/${row.id}`);

	// The WeChat group text: title, day and time, place and the meeting's address.
	const wechat = page.getByRole('textbox', { name: '微信群通知文字' });
	const text = await wechat.inputValue();
	for (const fact of [
		TITLE,
		chinaDay(5),
		'19:30',
		PLACE,
		`${app.url}/xinyang/meetings/${meetingId}`
	])
		expect(text).toContain(fact);
	await expect(wechat).toHaveAttribute('readonly', '');
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
	await page.getByRole('button', { name: '复制' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已复制' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
	await expect(
		page.getByTestId('recipients').getByRole('row', { name: new RegExp(rep.name) })
	).toContainText('电话');
	await checkA11y(page);

	// The grid head, on a 360 px phone without JavaScript, finds the call from her grid point.
	const phone = await phoneWithoutScripts(page);
	await loginWithoutScripts(phone, GRID_HEAD.phone, GRID_HEAD.password);
	await phone.goto('/xinyang/grid-point');
	await phone.getByRole('link', { name: `会议通知：${TITLE}：待通知1人` }).click();
	await expect(phone).toHaveURL(`/xinyang/outbox/${row.id}/calls?grid=${rep.gridId}`);
	await expect(phone.getByRole('heading', { level: 1 })).toContainText('电话通知名单');
	const calls = phone.getByTestId('call-row');
	await expect(calls).toHaveCount(1);
	await expect(calls).toContainText(rep.name);
	if (rep.phone) await expect(calls).toContainText(rep.phone);
	await expectNoHorizontalScroll(phone);
	await checkA11yWithoutScripts(phone);

	await calls.getByRole('button', { name: `已通知${rep.name}` }).click();
	await expect(phone.getByRole('status')).toHaveText(`已记下：${rep.name}已通知。`);
	await expect(calls.getByTestId('call-state')).toHaveText('已通知');
	await expect(calls.getByRole('button')).toHaveCount(0);
	await expectNoHorizontalScroll(phone);
	await zoom200(phone);
	await expectNoHorizontalScroll(phone);

	// A grid that is not hers is not hers to see.
	const [other] = query<{ id: number }>(
		app,
		"select min(id) as id from grids where id <> ? and village_id = (select id from villages where slug = 'xinyang')",
		rep.gridId
	);
	const refused = await phone.goto(`/xinyang/outbox/${row.id}/calls?grid=${other.id}`);
	expect(refused?.status()).toBe(404);

	// The record: who ticked it and when, in the audit chain; the outbox shows it done.
	const [done] = query<{ state: string; phone: string }>(
		app,
		`select d.state, u.phone from message_deliveries d join users u on u.id = d.done_by
		 where d.message_id = ? and d.person_id = ?`,
		row.id,
		rep.id
	);
	expect(done).toEqual({ state: 'done', phone: GRID_HEAD.phone });
	expect(
		query(
			app,
			"select 1 from audit where action = 'message.marked_done' and subject_id = ?",
			String(row.id)
		)
	).toHaveLength(1);
	await open(page, '/xinyang/outbox');
	await expect(
		page.getByTestId('outbox-message').filter({ hasText: TITLE }).getByTestId('outbox-counts')
	).toContainText('电话：已通知 1');
});
