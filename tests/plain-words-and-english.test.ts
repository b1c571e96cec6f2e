// Issue 16 items 3 and 6: villagers read the quorum, the vote and the co-signing in plain words,
// with the arithmetic one tap away under 计算方法 and the hashes under 核验信息; the same pages in
// English carry no Chinese the app wrote itself and no full-width punctuation.
import type { Page } from '@playwright/test';
import { DEMO, addSession, checkA11y, expect, readOnlyTest as test, type App } from './fixtures.ts';
import { DEMO_TODAY_MEETING_TITLE, query } from './meeting-helpers.ts';
import { noticeSeq } from './notice-helpers.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff60]/;
const HASH = /[0-9a-f]{64}/;

/** The latest resolution the demo published, its notice and the meeting that adopted it. */
function published(app: App) {
	const [r] = query<{ id: number; meetingId: number; seq: number }>(
		app,
		`select r.id, r.meeting_id as meetingId, n.seq from resolutions r
		 join notices n on n.resolution_id = r.id and n.kind = 'resolution' and n.corrects_id is null
		 order by r.id desc limit 1`
	);
	return r;
}

/** The storage-house topic the demo had twelve villagers co-sign. */
const storageTopic = (app: App) =>
	query<{ number: string }>(app, "select number from topics where title like '%储藏库%'")[0].number;

/**
 * Everything the village itself wrote, line by line, longest first: titles, names, places, texts.
 * Not the words the app generated into notices (a resolution notice's summary and body), which
 * the English page must show in English.
 */
function villageWords(app: App): string[] {
	const tables = query<{ name: string }>(
		app,
		"select name from sqlite_master where type = 'table' and name not in ('notices', 'audit') and name not like 'sqlite%'"
	).map((t) => t.name);
	const values = new Set<string>();
	const add = (v: unknown) => {
		if (typeof v !== 'string' || !CJK.test(v)) return;
		for (const line of v.split('\n')) if (line.trim()) values.add(line.trim());
		values.add(v.trim());
	};
	for (const table of tables) {
		const columns = query<{ name: string; type: string }>(app, `pragma table_info("${table}")`)
			.filter((c) => c.type.toUpperCase() === 'TEXT')
			.map((c) => c.name);
		for (const c of columns)
			for (const row of query<Record<string, unknown>>(
				app,
				`select distinct "${c}" as v from "${table}"`
			))
				add(row.v);
	}
	// The notices the app writes itself, rebuilt in the reader's language: a resolution's and a
	// result's summary and body, a consultation outcome's summary (its body is the clerk's words).
	for (const n of query<{ title: string; summary: string; body: string; kind: string }>(
		app,
		"select title, summary, body, case when corrects_id is null then kind else '' end as kind from notices"
	)) {
		add(n.title);
		const generated = ['resolution', 'implementation_result', 'consultation_outcome'].includes(
			n.kind
		);
		if (!generated) add(n.summary);
		if (!generated || n.kind === 'consultation_outcome') add(n.body);
	}
	// The language switch names each language in itself.
	values.add('中文');
	return [...values].sort((a, b) => b.length - a.length);
}

/** The page's text with every detail opened and the village's own words taken out. */
async function generatedText(page: Page, words: string[]): Promise<string> {
	await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	let text = await page.locator('body').innerText();
	for (const w of words) text = text.replaceAll(w, ' ');
	return text;
}

function strays(text: string): string[] {
	const found: string[] = [];
	const all = new RegExp(`${CJK.source}|${FULL_WIDTH.source}`, 'g');
	for (const match of text.matchAll(all))
		found.push(text.slice(Math.max(0, match.index - 20), match.index + 20));
	return found;
}

test('villagers read plain words, with the arithmetic and the hashes one tap away', async ({
	page,
	app
}) => {
	const r = published(app);

	// The board: 订阅更新, not a feed format's name.
	await page.goto('/xinyang/notices');
	await expect(page.getByRole('link', { name: '订阅更新' })).toHaveAttribute(
		'href',
		/notices\.atom$/
	);

	// A resolution notice: the decision under 决议内容, never under 议程; the vote in a sentence.
	await page.goto(`/xinyang/notices/${r.seq}`);
	await expect(page.getByRole('heading', { name: '决议内容' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '议程' })).toHaveCount(0);
	await expect(page.getByTestId('pass-sentence')).toHaveText(
		/^同意 \d+ 票，(超过|达到)(实到|应到) \d+ 人的(半数|三分之二)(以上)?（\d+ 票），通过$/
	);
	const arithmetic = page.locator('details.arithmetic');
	await expect(arithmetic.getByText(/^通过计算：\d+ × \d+ >/)).toBeHidden();
	await arithmetic.getByText('计算方法').click();
	await expect(arithmetic.getByText(/^通过计算：\d+ × \d+ >/)).toBeVisible();
	const verification = page.getByTestId('verification');
	await expect(verification.getByText(HASH)).toBeHidden();
	await verification.getByText('核验信息').click();
	await expect(verification.getByText(HASH)).toBeVisible();
	await checkA11y(page);

	// A meeting's notice keeps its agenda under 议程, its hash folded too.
	await page.goto(`/xinyang/notices/${noticeSeq(app, DEMO_TODAY_MEETING_TITLE)}`);
	await expect(page.getByRole('heading', { name: '议程' })).toBeVisible();
	await expect(page.getByTestId('verification').getByText(HASH)).toBeHidden();

	// Today's meeting: who is expected, who is here, and whether it may vote, in one sentence.
	const [today] = query<{ id: number }>(
		app,
		'select id from meetings where title = ?',
		DEMO_TODAY_MEETING_TITLE
	);
	await page.goto(`/xinyang/meetings/${today.id}`);
	await expect(page.getByTestId('quorum-verdict')).toHaveText(
		'应到 25 人，实到 0 人，还差 17 人才能表决（需三分之二以上，即至少 17 人）'
	);
	await expect(page.getByTestId('pass-rule')).toHaveText('同意票超过实到人数的半数，即为通过');
	await expect(page.getByTestId('quorum-formula')).toBeHidden();

	// The meeting that adopted the resolution: its closed vote as a sentence, arithmetic folded.
	await page.goto(`/xinyang/meetings/${r.meetingId}`);
	const result = page.getByTestId('motion-result').first();
	await expect(result.getByTestId('pass-sentence')).toHaveText(/^同意 \d+ 票，.*，通过$/);
	await expect(result.getByText(/^通过条件/)).toBeHidden();
	await result.getByText('计算方法').click();
	await expect(result.getByText(/^通过条件/)).toBeVisible();

	// The resolution's own page: the sentence, and the hash under 核验信息.
	await page.goto(`/xinyang/resolutions/${r.id}`);
	await expect(page.getByTestId('pass-sentence')).toHaveText(/^同意 \d+ 票，.*，通过$/);
	await expect(page.getByTestId('pass-check')).toBeHidden();
	await expect(page.getByTestId('verification').getByText(HASH)).toBeHidden();

	// Co-signing: twelve of about 330 adults, and how many more oblige a villagers' meeting.
	await addSession(page, DEMO.villager.phone, DEMO.villager.password);
	await page.goto(`/xinyang/topics/${storageTopic(app)}`);
	const sentences = page.getByTestId('cosign-sentence');
	await expect(sentences.first()).toHaveText(/^已有 1[23] 人附议，还需 \d+ 人即须召开村民会议$/);
	const panel = page.getByRole('region', { name: /^附议 \d+ 人$/ });
	await expect(panel.getByText(/^10 × 附议人数/).first()).toBeHidden();
	await panel.getByText('计算方法').first().click();
	await expect(panel.getByText(/10 × 附议人数/).first()).toBeVisible();
});

test('the same pages in English carry no Chinese the app wrote, and no full-width punctuation', async ({
	page,
	context,
	app
}) => {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: app.url }]);
	const r = published(app);
	const words = villageWords(app);
	const [today] = query<{ id: number }>(
		app,
		'select id from meetings where title = ?',
		DEMO_TODAY_MEETING_TITLE
	);
	const pages = [
		'/xinyang/notices?kind=resolution',
		`/xinyang/notices/${r.seq}`,
		`/xinyang/notices/${noticeSeq(app, DEMO_TODAY_MEETING_TITLE)}`,
		`/xinyang/meetings/${today.id}`,
		`/xinyang/meetings/${r.meetingId}`,
		`/xinyang/resolutions/${r.id}`
	];
	for (const path of pages) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		expect(strays(await generatedText(page, words)), path).toEqual([]);
	}
	await page.goto(`/xinyang/notices/${r.seq}`);
	await expect(page.getByTestId('pass-sentence')).toHaveText(
		/^\d+ in favour, (more than|\w+ or more of) .* \(\d+ votes\): passed$/
	);
	await expect(page.getByRole('heading', { name: 'Text of the resolution' })).toBeVisible();

	await addSession(page, DEMO.villager.phone, DEMO.villager.password);
	await page.goto(`/xinyang/topics/${storageTopic(app)}`);
	await expect(page.getByTestId('cosign-sentence').first()).toHaveText(
		/^1[23] have co-signed; \d+ more and a villagers' meeting must be called$/
	);
	expect(strays(await generatedText(page, words)), 'topic page').toEqual([]);

	// The whole board, the result notice, and the record of the decided matter: its procedure,
	// its register and the minutes of the meeting that adopted it.
	const [road] = query<{ number: string; seq: number }>(
		app,
		`select t.number, n.seq from notices n join topics t on t.id = n.topic_id
		 where n.kind = 'implementation_result' and n.resolution_id is not null`
	);
	for (const path of [
		'/xinyang/notices',
		`/xinyang/notices/${road.seq}`,
		`/xinyang/topics/${road.number}/procedure`,
		`/xinyang/topics/${road.number}/procedure/register`,
		`/xinyang/meetings/${r.meetingId}/minutes`
	]) {
		expect((await page.goto(path))?.status(), path).toBe(200);
		expect(strays(await generatedText(page, words)), path).toEqual([]);
	}
	// Each sheet's result reads as one line, the parts spaced alike.
	await page.goto(`/xinyang/topics/${road.number}/procedure/register`);
	await expect(
		page
			.getByRole('cell', { name: /^[A-Z][\w ]+ · Passed · Yes \d+, no \d+, abstain \d+$/ })
			.first()
	).toBeVisible();
});
