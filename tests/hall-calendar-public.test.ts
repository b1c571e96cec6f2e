// The hall's public calendar without JavaScript on a 360 px phone (issue 18 items 3 and 4): anyone
// reads the month's public events and not the private wedding, subscribes to the iCalendar feed
// (which validates), prints the week's poster on A4; a villager signs in at an event's door by its
// QR address, and the count shows on the desk's page.
import ICAL from 'ical.js';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { addDays, todayInChina } from '../src/lib/server/calendar/dates.ts';
import { bookEvent } from '../src/lib/server/venues/booking.ts';
import { actorByPhone } from '../src/lib/server/seed/actors.ts';
import { monthOf, weekOf } from '../src/lib/server/venues/calendar.ts';
import {
	DEMO_TODAY_EVENT_TITLE,
	DEMO_WEDDING_TITLE
} from '../src/lib/server/seed/demo-hall-events.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	loginWithoutScripts,
	test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll, inElderlyMode, useElderlyMode } from './layout-checks.ts';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

const eventId = (app: App, title: string) =>
	withDb(
		app,
		(db) => db.prepare('select id from hall_events where title = ?').pluck().get(title) as number
	);

/** A busy week four weeks ahead, past the demo's: three events a day on three venues, 21 in all. */
function bookBusyWeek(app: App, monday: string): void {
	withDb(app, (db) => {
		const clerk = actorByPhone(db, DEMO.clerk.phone);
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const venues = db
			.prepare('select id from venues where village_id = ? order by position')
			.pluck()
			.all(village) as number[];
		for (let d = 0; d < 7; d++)
			for (let k = 0; k < 3; k++) {
				const r = bookEvent(db, clerk, village, {
					venueId: venues[k],
					kind: 'training',
					title: `法治讲座第${d * 3 + k + 1}讲：农村土地承包经营权流转中的常见纠纷与化解`,
					organiser: '镇司法所',
					date: addDays(monday, d),
					startTime: `${String(9 + k * 4).padStart(2, '0')}:00`,
					endTime: `${String(11 + k * 4).padStart(2, '0')}:00`
				});
				if (!r.ok) throw new Error(r.reason);
			}
	});
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

test('anyone reads the calendar, subscribes to its feed and prints the poster; a villager signs in at the door', async ({
	page,
	app,
	newContext
}) => {
	const today = todayInChina();
	const month = monthOf(null, today);

	// The month, a list under day headings: today's open day, never the wedding (this month or last).
	await page.goto('/xinyang/calendar');
	await expect(page.getByRole('heading', { level: 1, name: '活动日历' })).toBeVisible();
	const todays = page.getByTestId('calendar-entry').filter({ hasText: DEMO_TODAY_EVENT_TITLE });
	await expect(todays).toContainText('农家书屋');
	await expect(todays).toContainText('读书学习');
	await expect(page.getByText(DEMO_WEDDING_TITLE)).toHaveCount(0);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);
	await page.getByRole('link', { name: '← 上个月' }).click();
	await expect(page).toHaveURL(`/xinyang/calendar?month=${month.previous}`);
	await expect(page.getByText(DEMO_WEDDING_TITLE)).toHaveCount(0);
	// A past public event shows how many came, in one of the two months.
	const counted = page.getByTestId('calendar-entry').filter({ hasText: /到场 \d+ 人/ });
	if ((await counted.count()) === 0) await page.goto('/xinyang/calendar');
	await expect(
		page
			.getByTestId('calendar-entry')
			.filter({ hasText: /到场 \d+ 人/ })
			.first()
	).toBeVisible();

	// The feed: text/calendar, CRLF, lines of at most 75 octets, parsed whole by ical.js.
	const feed = await page.request.get('/xinyang/calendar.ics');
	expect(feed.status()).toBe(200);
	expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const text = await feed.text();
	expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
	const cal = new ICAL.Component(ICAL.parse(text));
	for (const prop of ['version', 'prodid', 'calscale', 'x-wr-calname'])
		expect(cal.getFirstPropertyValue(prop)).toBeTruthy();
	expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(
		'Asia/Shanghai'
	);
	const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	expect(events.length).toBeGreaterThanOrEqual(15);
	for (const e of events) {
		expect(e.uid).toMatch(/^(hall-event|meeting)-\d+\.xinyang@yishiting$/);
		expect(e.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
		expect(e.summary).toBeTruthy();
	}
	expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
	expect(events.map((e) => e.summary)).toContain(DEMO_TODAY_EVENT_TITLE);
	expect(events.map((e) => e.summary)).not.toContain(DEMO_WEDDING_TITLE);
	expect(events.some((e) => e.location === '湖畔戏台（露天）')).toBe(true);
	// A calendar app polling again with the ETag gets a 304 and no body.
	const etag = feed.headers()['etag'];
	expect(etag).toMatch(/^".+"$/);
	const again = await page.request.get('/xinyang/calendar.ics', {
		headers: { 'if-none-match': etag }
	});
	expect(again.status()).toBe(304);

	// This week's poster: each day, the open day, a QR code to the calendar; one A4 page in print.
	await page.getByRole('link', { name: '本周活动海报（打印）' }).click();
	await expect(page).toHaveURL(`/xinyang/calendar/week/${today}`);
	await expect(page.getByTestId('poster').getByRole('heading', { level: 2 })).toHaveCount(7);
	await expect(page.getByTestId('poster')).toContainText(DEMO_TODAY_EVENT_TITLE);
	await expect(page.getByTestId('poster')).not.toContainText(DEMO_WEDDING_TITLE);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.locator('.qr-code svg')).toBeVisible();
	await expect(page.locator('.poster .url')).toHaveText(`${app.url}/xinyang/calendar`);
	const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
	expect(pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length).toBe(1);
	await page.emulateMedia({ media: 'screen' });

	// A week of 21 events still prints within the A4 sheet's width (794 CSS px at 96 dpi).
	const busy = weekOf(addDays(today, 35))!.from;
	bookBusyWeek(app, busy);
	await page.goto(`/xinyang/calendar/week/${busy}`);
	await expect(page.getByTestId('calendar-entry')).toHaveCount(21);
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.emulateMedia({ media: 'print' });
	await expectNoHorizontalScroll(page);
	const busyPdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
	console.log(`busy poster: ${busyPdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length} page(s)`);
	await page.emulateMedia({ media: 'screen' });

	// Elderly mode on the calendar: bigger type, still no sideways scroll.
	await useElderlyMode(page, app);
	await page.goto('/xinyang/calendar');
	expect(await inElderlyMode(page)).toBe(true);
	await expectNoHorizontalScroll(page);

	// The desk opens QR sign-in for today's open day and prints the door's code.
	const clerk = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	const id = eventId(app, DEMO_TODAY_EVENT_TITLE);
	await clerk.goto(`/xinyang/hall/${id}/attendance`);
	await expect(clerk.getByTestId('attendance-now')).toHaveText('还没有记录到场人数。');
	await clerk.getByRole('button', { name: '开通扫码签到' }).click();
	await expect(clerk.getByRole('status')).toHaveText('扫码签到已开通，请打印下面的二维码。');
	const door = (await clerk.getByTestId('checkin-url').textContent())!.trim();
	expect(door).toMatch(new RegExp(`^${app.url}/xinyang/hall/${id}/checkin\\?k=[\\w-]{22}$`));
	await checkA11yWithoutScripts(clerk);

	// The villager scans it: signed out, she signs in first and comes back to the door's page.
	const villager = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await addSession(villager, DEMO.villager.phone, DEMO.villager.password);
	await villager.goto(door);
	await expect(villager.getByRole('heading', { level: 1, name: '活动签到' })).toBeVisible();
	await checkA11yWithoutScripts(villager);
	await villager.getByRole('button', { name: '我到了，签到' }).click();
	await expect(villager.getByRole('status')).toHaveText('签到成功。现在到场 1 人。');
	// A second scan changes nothing and says so kindly.
	await villager.goto(door);
	await expect(villager.getByRole('status')).toHaveText(
		'你已经签过到了，不用再扫。现在到场 1 人。'
	);
	await expect(villager.getByRole('button', { name: '我到了，签到' })).toHaveCount(0);
	// The desk sees the count from the sign-ins.
	await clerk.reload();
	await expect(clerk.getByTestId('attendance-now')).toHaveText('到场 1 人（扫码签到）');
});
