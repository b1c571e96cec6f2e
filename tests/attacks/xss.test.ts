// Hostile text in the fields villagers and clerks fill (topics, opinions, objections, notices,
// meetings, agenda, person names, uploaded file names): it is shown as text on every page, print
// view, the Atom feed and the archive zip, never run; direction overrides and zero-width characters
// never reach a page; 1 MB strings are refused with a message and NUL bytes never stored.
import type { APIRequestContext, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, formPostHeaders, hydrated, login, test, unzip, type App } from '../fixtures.ts';
import { markPresent, openDemoMeeting, votingRoster } from '../meeting-helpers.ts';
import {
	PEOPLE,
	dbRead,
	dbValue,
	personIdOf,
	post,
	postMultipart,
	signedIn,
	withReadDb
} from './hostile.ts';

const RLO = '\u202E';
const ZWSP = '\u200B';
const SVG = '<svg onload=window.__xss=1>';
const IMG = '"><img src=x onerror=window.__xss=1>';
/** Fits the shortest field (32 characters, a person's name). */
const NAME = `王${RLO}${SVG}${ZWSP}`;
/** Fits an 80-character title. */
const TITLE = `议题${RLO}${IMG}${SVG}${ZWSP}`;
const LONG =
	`${TITLE} [点这里](javascript:window.__xss=1) javascript:window.__xss=1 ` +
	`<a href="javascript:window.__xss=1">链接</a> <script>window.__xss=1</script> ` +
	`<iframe src="javascript:window.__xss=1"></iframe> <style>*{display:none}</style>`;
const FILE_NAME = `<img src=x onerror=window.__xss=1>${RLO}gnp.png`;

/** What a page's raw markup must never contain: the payloads as live markup. */
const LIVE_MARKUP =
	/<svg onload|<img src=x onerror|<script>window\.__xss|<iframe src="javascript|<a href="javascript:/i;

interface Planted {
	topic: string;
	notice: number;
	meeting: number;
	person: number;
}

/** Fills every field with hostile text through the ordinary forms; returns where it went. */
async function plant(app: App, villager: APIRequestContext, clerk: APIRequestContext) {
	const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#888' } })
		.png()
		.toBuffer();
	const topicForm = new FormData();
	for (const [k, v] of Object.entries({
		title: TITLE,
		description: LONG,
		category: 'livelihood',
		place: TITLE,
		affected: TITLE,
		funding: TITLE
	}))
		topicForm.set(k, v);
	topicForm.append('files', new File([new Uint8Array(png)], FILE_NAME, { type: 'image/png' }));
	const filed = await postMultipart(villager, app, '/xinyang/topics/new?/submit', topicForm);
	expect(filed.status()).toBe(303);
	const topic = /XY-\d{4}-\d{4}/.exec(filed.headers()['location']!)![0];
	const opinion = await post(villager, app, `/xinyang/topics/${topic}?/opinion`, {
		body: LONG
	});
	expect(opinion.status()).toBeLessThan(400);

	const posted = await post(clerk, app, '/xinyang/notices/desk?/post', {
		kind: 'general',
		title: TITLE,
		summary: TITLE,
		body: LONG,
		objections: 'on'
	});
	expect(posted.status()).toBe(303);
	const notice = Number(/posted=(\d+)/.exec(posted.headers()['location']!)![1]);
	const objected = await post(villager, app, `/xinyang/notices/${notice}?/object`, { text: LONG });
	expect(objected.status()).toBe(303);

	// The representative's name, as the clerk would correct it on the roster.
	const person = personIdOf(app, PEOPLE.rep.phone);
	const p = dbRead<{ gender: string; birth_date: string; phone: string | null; relation: string }>(
		app,
		'select gender, birth_date, phone, relation from people where id = ?',
		person
	)[0];
	const renamed = await post(clerk, app, `/xinyang/roster/people/${person}?/update`, {
		name: NAME,
		gender: p.gender,
		birthDate: p.birth_date,
		phone: p.phone ?? '',
		relation: p.relation
	});
	expect(renamed.status()).toBe(200);

	const inTwentyDays = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
	const created = await post(clerk, app, '/xinyang/meetings/new?/create', {
		type: 'reps_meeting',
		title: TITLE,
		meetingDate: inTwentyDays,
		place: TITLE
	});
	expect(created.status()).toBe(303);
	const meeting = Number(/meetings\/(\d+)\/console/.exec(created.headers()['location']!)![1]);
	const agenda = await post(clerk, app, `/xinyang/meetings/${meeting}/console?/addAgenda`, {
		title: TITLE,
		materials: LONG
	});
	expect(agenda.status()).toBe(303);
	// Today's representatives' meeting, open: a motion, and a speech by a guest with a typed name.
	const today = openDemoMeeting(app);
	markPresent(app, today.meetingId, votingRoster(app, today.meetingId));
	const consolePath = `/xinyang/meetings/${today.meetingId}/console`;
	const motion = await post(clerk, app, `${consolePath}?/createMotion`, {
		item: today.agendaItemId,
		method: 'named',
		text: LONG
	});
	expect(motion.status()).toBe(303);
	const motionId = Number(/#motion-(\d+)$/.exec(motion.headers()['location']!)![1]);
	expect(
		(await post(clerk, app, `${consolePath}?/openMotion`, { motion: motionId })).status()
	).toBe(303);
	const speech = await post(clerk, app, `${consolePath}?/addSpeech`, {
		item: today.agendaItemId,
		speakerName: NAME,
		summary: LONG
	});
	expect(speech.status()).toBe(303);
	const minutes = await post(clerk, app, `/xinyang/meetings/${meeting}/minutes?/saveText`, {
		text: LONG
	});
	expect(minutes.status()).toBe(303);
	const account = await post(clerk, app, '/xinyang/accounts?/create', {
		name: NAME,
		phone: '13800000055',
		role: 'villager'
	});
	expect(account.status()).toBe(200);
	return { topic, notice, meeting, person } satisfies Planted;
}

/** In a real browser with scripts: nothing ran, no script URL became a link, nothing hides. */
async function expectInert(page: Page, path: string) {
	await page.goto(path);
	// Pages served without JavaScript (csr = false) never hydrate; the others are checked hydrated.
	const scripted = await page.evaluate(() =>
		[...document.scripts].some((s) => s.textContent?.includes('kit.start'))
	);
	if (scripted) await hydrated(page);
	const found = await page.evaluate(() => ({
		xss: (window as unknown as { __xss?: number }).__xss,
		scriptUrls: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
			.map((e) =>
				['href', 'src', 'action', 'formaction'].map((a) => e.getAttribute(a) ?? '').join(' ')
			)
			.filter((v) => /^\s*javascript:/i.test(v) || /\sjavascript:/i.test(v)),
		handlers: document.querySelectorAll('svg[onload], img[onerror], iframe, main script').length,
		invisible: /[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/.test(document.body.innerText)
	}));
	expect
		.soft(found, path)
		.toEqual({ xss: undefined, scriptUrls: [], handlers: 0, invisible: false });
}

test('hostile text and file names are shown as text everywhere, never run', async ({
	app,
	page,
	browser
}) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const { topic, notice, meeting, person } = await plant(app, villager, clerk);
	const attachment = dbValue<number>(
		app,
		'select a.id from topic_attachments a join topics t on t.id = a.topic_id where t.number = ?',
		topic
	);
	const household = dbValue<number>(app, 'select household_id from people where id = ?', person);

	const clerkPages = [
		'/xinyang',
		'/xinyang/topics',
		`/xinyang/topics?q=${encodeURIComponent('议题')}`,
		`/xinyang/topics/${topic}`,
		'/xinyang/dashboard',
		'/xinyang/notices',
		`/xinyang/notices?q=${encodeURIComponent('议题')}`,
		`/xinyang/notices/${notice}`,
		`/xinyang/notices/${notice}/print`,
		'/xinyang/notices/desk',
		'/xinyang/meetings',
		`/xinyang/meetings/${meeting}`,
		`/xinyang/meetings/${meeting}/console`,
		`/xinyang/meetings/${meeting}/minutes`,
		'/xinyang/accounts',
		'/xinyang/meetings/2',
		'/xinyang/meetings/2/console',
		'/xinyang/meetings/2/hall',
		`/xinyang/roster/people/${person}`,
		`/xinyang/roster/households/${household}`,
		`/xinyang/roster?q=${encodeURIComponent('王')}`
	];
	const villagerPages = [
		'/xinyang/topics/mine',
		`/xinyang/topics/${topic}`,
		`/xinyang/notices/${notice}`
	];

	// Raw markup and the feed: the payloads arrive escaped, as text.
	for (const [api, paths] of [
		[clerk, clerkPages],
		[villager, villagerPages]
	] as const)
		for (const path of paths) {
			const response = await api.get(path);
			expect.soft(response.status(), path).toBe(200);
			expect.soft(await response.text(), path).not.toMatch(LIVE_MARKUP);
		}
	for (const path of [`/xinyang/topics/${topic}`, `/xinyang/notices/${notice}`]) {
		expect.soft(await (await clerk.get(path)).text(), path).toContain('&lt;svg onload');
	}
	const atom = await (await villager.get('/xinyang/notices.atom')).text();
	expect(atom).toContain('&lt;svg onload');
	expect(atom).not.toMatch(LIVE_MARKUP);
	expect(atom).not.toMatch(/[\u202a-\u202e\u200b]/);

	// The uploaded file's name is a download name only.
	const file = await villager.get(`/xinyang/topics/${topic}/files/${attachment}`);
	expect(file.status()).toBe(200);
	// eslint-disable-next-line no-control-regex -- control characters would split the header
	expect(file.headers()['content-disposition']).not.toMatch(/[\u0000-\u001f\u202e]/);

	// The archive's pages escape everything too.
	const archive = await clerk.get(`/xinyang/topics/${topic}/archive`);
	expect(archive.status()).toBe(200);
	const entries = unzip(await archive.body());
	expect(Object.keys(entries)).toContain('register.html');
	for (const [name, text] of Object.entries(entries))
		if (name.endsWith('.html')) expect.soft(text, name).not.toMatch(LIVE_MARKUP);
	expect(entries['register.html']).toContain('&lt;svg onload');

	// And in the browser, nothing runs on any page.
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await login(page, PEOPLE.clerk.phone, PEOPLE.clerk.password);
	for (const path of clerkPages) await expectInert(page, path);
	await expect(page.getByText(SVG).first()).toBeAttached();
	const villagerPage = await (await browser.newContext({ baseURL: app.url })).newPage();
	villagerPage.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await login(villagerPage, PEOPLE.villager.phone, PEOPLE.villager.password);
	for (const path of villagerPages) await expectInert(villagerPage, path);
	expect(dialogs).toEqual([]);
	await villagerPage.context().close();
});

const USER_TABLES =
	"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%'";

/** Every text column of every table holding a NUL byte, as "table.column". */
function nulColumns(app: App): string[] {
	return withReadDb(app, (db) => {
		const found: string[] = [];
		for (const table of db.prepare(USER_TABLES).pluck().all() as string[])
			for (const c of db.prepare('select name, type from pragma_table_info(?)').all(table) as {
				name: string;
				type: string;
			}[])
				if (/text/i.test(c.type) || c.type === '') {
					const n = db
						.prepare(`select count(*) from "${table}" where instr("${c.name}", char(0)) > 0`)
						.pluck()
						.get() as number;
					if (n) found.push(`${table}.${c.name}`);
				}
		return found;
	});
}

/** Row counts of every table: a refused post must not add or remove a row anywhere. */
function allCounts(app: App): Record<string, number> {
	return withReadDb(app, (db) =>
		Object.fromEntries(
			(db.prepare(USER_TABLES).pluck().all() as string[]).map((t) => [
				t,
				db.prepare(`select count(*) from "${t}"`).pluck().get() as number
			])
		)
	);
}

test('1 MB in any text field is refused with a message; NUL bytes are never stored', async ({
	app
}) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const topic = dbValue<string>(app, "select number from topics where state = 'submitted' limit 1");
	const notice = dbValue<number>(
		app,
		"select seq from notices where objections_until >= date('now') order by seq desc limit 1"
	);
	const draftMeeting = Number(
		/meetings\/(\d+)\/console/.exec(
			(
				await post(clerk, app, '/xinyang/meetings/new?/create', {
					type: 'reps_meeting',
					title: '草稿会议',
					meetingDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
				})
			).headers()['location']!
		)![1]
	);
	const person = personIdOf(app, PEOPLE.gridHead.phone);
	const p = dbRead<{ gender: string; birth_date: string; phone: string | null; relation: string }>(
		app,
		'select gender, birth_date, phone, relation from people where id = ?',
		person
	)[0];
	const personForm = {
		name: '赵桂兰',
		gender: p.gender,
		birthDate: p.birth_date,
		phone: p.phone ?? '',
		relation: p.relation
	};
	const topicForm = { title: '标题', description: '内容', category: 'livelihood' };
	const meetingForm = {
		type: 'reps_meeting',
		title: '会议',
		meetingDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
	};
	const noticeForm = { kind: 'general', title: '公告', summary: '', body: '正文' };

	const targets: [APIRequestContext, string, Record<string, string>, string[]][] = [
		[
			villager,
			'/xinyang/topics/new?/submit',
			topicForm,
			['title', 'description', 'place', 'affected', 'funding']
		],
		[villager, `/xinyang/topics/${topic}?/opinion`, { body: '意见' }, ['body']],
		[clerk, '/xinyang/notices/desk?/post', noticeForm, ['title', 'summary', 'body']],
		[clerk, '/xinyang/meetings/new?/create', meetingForm, ['title', 'place']],
		[
			clerk,
			`/xinyang/meetings/${draftMeeting}/console?/addAgenda`,
			{ title: '议程', materials: '' },
			['title', 'materials']
		],
		[clerk, `/xinyang/roster/people/${person}?/update`, personForm, ['name', 'relation']],
		[
			clerk,
			'/xinyang/accounts?/create',
			{ name: '新人', phone: '13800000066', role: 'villager' },
			['name']
		]
	];
	if (notice)
		targets.push([villager, `/xinyang/notices/${notice}?/object`, { text: '异议' }, ['text']]);

	const huge = 'x'.repeat(1024 * 1024);
	for (const [api, path, form, fields] of targets)
		for (const name of fields) {
			const label = `${path} ${name} = 1 MB`;
			const before = allCounts(app);
			const r = await post(api, app, path, { ...form, [name]: huge });
			expect.soft(r.status(), label).toBe(400);
			const html = await r.text();
			// Refused in words (a field or form message), and not echoed back whole.
			expect.soft(html, label).toMatch(/不能超过|不超过|最多|须为 1–100 个字/);
			expect.soft(html.length, label).toBeLessThan(512 * 1024);
			expect.soft(allCounts(app), label).toEqual(before);
		}

	// NUL bytes: every field takes text with NULs in it without error, and none is stored.
	const nul = (text: string) => `${text.slice(0, 1)}\u0000${text.slice(1)}`;
	for (const [api, path, form, fields] of targets) {
		const withNul = Object.fromEntries(
			Object.entries(form).map(([k, v]) => [k, fields.includes(k) && v ? nul(v) : v])
		);
		for (const k of fields) if (!withNul[k]) withNul[k] = nul('文字');
		const r = await api.post(path, { form: withNul, headers: formPostHeaders(app) });
		expect.soft(r.status(), `${path} with NUL`).toBeLessThan(500);
	}
	expect(nulColumns(app)).toEqual([]);
	expect(app.stderr()).not.toMatch(/\[error /);
});
