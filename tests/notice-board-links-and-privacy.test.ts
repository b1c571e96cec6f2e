// No page of the public board shows a phone number, an ID number or a household
// address, whatever the notice was generated from; and the pages that name a notice link it.
import { openDatabase } from '../src/lib/server/db/open.js';
import { addAgendaItem, createMeeting } from '../src/lib/server/meetings/calling.ts';
import { closeMeeting } from '../src/lib/server/procedure/closing.ts';
import { notifyMeeting, openMeeting } from '../src/lib/server/meetings/notice.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	completeImplementation,
	startImplementation
} from '../src/lib/server/implementation/progress.ts';
import { discloseResult } from '../src/lib/server/implementation/disclosure.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	loginWithoutScripts,
	readOnlyTest,
	test,
	type App
} from './fixtures.ts';
import { type Actor } from '../src/lib/server/permissions/index.ts';

// A mobile number, or an 18-character ID number, not inside a hex audit hash.
const PHONE = /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/;
const ID_NUMBER = /(?<![0-9a-f])\d{17}[\dXx](?![0-9a-f])/;

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

// It gives every household an address first: its own server.
test('no public page of the board shows a phone number, ID number or address', async ({
	app,
	page
}) => {
	const { seqs, resolutions, meetings, addresses, phones } = withDb(app, (db) => {
		const v = db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;
		// Give every household an address, so that a leak would show.
		db.prepare(
			"update households set address = '新阳村三组' || id || '号院' where village_id = ? and address = ''"
		).run(v);
		return {
			seqs: db.prepare('select seq from notices where village_id = ?').pluck().all(v) as number[],
			resolutions: db
				.prepare('select id from resolutions where village_id = ?')
				.pluck()
				.all(v) as number[],
			meetings: db
				.prepare(
					'select distinct meeting_id from notices where village_id = ? and meeting_id is not null'
				)
				.pluck()
				.all(v) as number[],
			addresses: db
				.prepare("select address from households where address != ''")
				.pluck()
				.all() as string[],
			phones: db
				.prepare('select phone from people where phone is not null')
				.pluck()
				.all() as string[]
		};
	});
	// The demo holds every generated kind: meeting, resolution, consultation, result notices.
	const kinds = withDb(app, (db) =>
		db.prepare('select distinct kind from notices').pluck().all()
	) as string[];
	for (const kind of ['meeting', 'resolution', 'consultation_outcome', 'implementation_result'])
		expect(kinds).toContain(kind);
	expect(resolutions.length).toBeGreaterThan(0);
	expect(phones.length).toBeGreaterThan(0);

	const paths = [
		'/xinyang/notices',
		...seqs.map((s) => `/xinyang/notices/${s}`),
		...resolutions.map((id) => `/xinyang/resolutions/${id}`),
		...meetings.map((id) => `/xinyang/meetings/${id}`)
	];
	const clean = (path: string, text: string) => {
		expect(text, path).not.toMatch(PHONE);
		expect(text, path).not.toMatch(ID_NUMBER);
		for (const a of addresses) expect(text.includes(a), `${path} shows ${a}`).toBe(false);
	};
	for (const path of paths) {
		const r = await page.request.get(path);
		expect(r.status(), path).toBe(200);
		clean(path, await r.text());
	}
	const atom = await page.request.get('/xinyang/notices.atom');
	clean('atom', await atom.text());
	// The printed page is the notice page itself under print CSS; read as a person sees it.
	await page.emulateMedia({ media: 'print' });
	await page.goto(`/xinyang/notices/${seqs.at(-1)}`);
	clean('print', await page.locator('body').innerText());
});

// Only reads and follows links: one server per worker is enough.
readOnlyTest(
	'the implementation, consultation and register pages link the notices they name',
	async ({ app, page }) => {
		const numbers = withDb(app, (db) => {
			const n = (title: string) =>
				db.prepare('select number from topics where title = ?').pluck().get(title) as string;
			return {
				stage: n('建一个文艺演出舞台'),
				trees: n('荒山栽种果树4900棵'),
				straw: n('修订村规民约：禁止露天焚烧秸秆')
			};
		});
		await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);

		await page.goto(`/xinyang/topics/${numbers.stage}/implementation`);
		const disclosure = page.getByRole('region', { name: '实施结果公开' });
		const resultLink = disclosure.getByRole('link', { name: '查看公告' });
		await expect(resultLink).toHaveAttribute('href', /\/xinyang\/notices\/\d+$/);
		await resultLink.click();
		await expect(page.getByText('实施结果公开').first()).toBeVisible();
		await expect(page).toHaveURL(/\/xinyang\/notices\/\d+$/);

		await page.goto(`/xinyang/topics/${numbers.trees}/consultation`);
		const outcome = page.getByRole('region', { name: '协商意见' });
		await expect(outcome.getByRole('link', { name: '查看公告' })).toHaveAttribute(
			'href',
			/\/xinyang\/notices\/\d+$/
		);

		// The straw-burning rule is published (step 5) with no result yet: sheet 5 links its notice,
		// sheet 6 waits for the supervision committee.
		await page.goto(`/xinyang/topics/${numbers.straw}/procedure/register`);
		await expect(
			page.getByTestId('sheet-5').getByRole('link', { name: /^公告：第\d+号/ })
		).toHaveAttribute('href', /\/xinyang\/notices\/\d+$/);
		await expect(page.getByTestId('supervision')).toHaveText('尚未进行');
		await expectNoHorizontalOverflow(page);
		await checkA11yWithoutScripts(page);
	}
);

test('an urgent coordination meeting’s page links its outcome', async ({ app, page }) => {
	const meetingId = withDb(app, (db) => {
		const u = db
			.prepare("select id, person_id, role from users where phone = '13800000001'")
			.get() as { id: number; person_id: number; role: Actor['role'] };
		const clerk: Actor = { userId: u.id, personId: u.person_id, role: u.role };
		const v = db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
		const m = createMeeting(db, clerk, v, {
			type: 'urgent_coordination',
			title: '紧急协调会：村民户口迁移',
			meetingDate: today
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, clerk, v, m.meeting.id, { title: '户口迁移证明' });
		if (!notifyMeeting(db, clerk, v, m.meeting.id, { attendees: [u.person_id] }).ok)
			throw new Error('notify');
		if (!openMeeting(db, clerk, v, m.meeting.id).ok) throw new Error('open');
		if (!closeMeeting(db, clerk, v, m.meeting.id, { confirmed: true }).ok) throw new Error('close');
		return m.meeting.id;
	});
	// Logged out, the public notice has no such link: the outcome is for members.
	await page.goto(`/xinyang/meetings/${meetingId}`);
	await expect(page.getByRole('link', { name: '协调结果' })).toHaveCount(0);
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/meetings/${meetingId}`);
	await page.getByRole('link', { name: '协调结果' }).click();
	await expect(page).toHaveURL(`/xinyang/meetings/${meetingId}/outcome`);
	await expect(page.getByTestId('no-resolution')).toBeVisible();
});

test('no request edits a published resolution: the clerk has no such action', async ({
	app,
	page
}) => {
	const read = () =>
		withDb(app, (db) =>
			db.prepare('select id, text from resolutions order by id limit 1').get()
		) as { id: number; text: string };
	const before = read();
	await loginWithoutScripts(page, DEMO.clerk.phone, DEMO.clerk.password);
	for (const action of ['edit', 'update', 'delete']) {
		const r = await page.request.post(`/xinyang/resolutions/${before.id}?/${action}`, {
			headers: formPostHeaders(app),
			form: { text: '改过的决议' }
		});
		expect(r.status(), action).toBe(404);
	}
	// A correction with no text is refused in words, and appends nothing.
	const empty = await page.request.post(`/xinyang/resolutions/${before.id}?/correct`, {
		headers: formPostHeaders(app),
		form: { text: ' ', reason: '笔误' }
	});
	expect(empty.status()).toBe(400);
	expect(await empty.text()).toContain('请填写更正内容');
	expect(read()).toEqual(before);
	expect(
		withDb(app, (db) => db.prepare('select count(*) from resolution_corrections').pluck().get())
	).toBe(0);
});

test('register sheet 6 shows the supervision committee’s opinion and links the result notice', async ({
	app,
	page
}) => {
	const number = withDb(app, (db) => {
		const actor = (phone: string) => {
			const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
				id: number;
				person_id: number;
				role: Actor['role'];
			};
			return { userId: u.id, personId: u.person_id, role: u.role };
		};
		const v = db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;
		const t = db
			.prepare("select id, number from topics where title = '修订村规民约：禁止露天焚烧秸秆'")
			.get() as { id: number; number: string };
		const clerk = actor('13800000001');
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
		const steps = [
			startImplementation(db, clerk, v, t.id, {
				responsiblePersonId: clerk.personId,
				plan: '印发村规民约，逐户宣传',
				budget: [{ source: '村集体自筹', amountFen: 50_000 }]
			}),
			completeImplementation(db, clerk, v, t.id, { completedOn: today, summary: '已逐户宣传' }),
			discloseResult(db, actor('13800000006'), v, t.id, { opinion: '宣传到户，同意公开' })
		];
		for (const r of steps) if (!r.ok) throw new Error(JSON.stringify(r));
		return t.number;
	});
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/topics/${number}/procedure/register`);
	const supervision = page.getByTestId('supervision');
	await expect(supervision).toContainText('宣传到户，同意公开');
	await expect(supervision).toContainText('监委会成员陈淑珍');
	const link = supervision.getByRole('link', { name: /^公告第\d+号$/ });
	await expect(link).toHaveAttribute('href', /\/xinyang\/notices\/\d+$/);
	await expect(
		page.getByTestId('sheet-6').getByRole('link', { name: /^公告：第\d+号/ })
	).toBeVisible();
	await checkA11yWithoutScripts(page);
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('村规民约');
});
