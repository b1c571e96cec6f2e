// The village rules revised article by article: the clerk drafts a change of the straw-burning
// article and a new article, villagers comment (one on a phone without JavaScript, one through her
// grid head), the committee answers, and the township's review comes back approved.
import type { Page } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	login,
	open,
	test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll, inElderlyMode, useElderlyMode } from './layout-checks.ts';

const { clerk, villager } = DEMO;
const gridHead = { phone: '13800000004', password: 'demo-gridhead-2026' };

const chinaDay = (offset = 0) =>
	new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const chinaNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);

/**
 * The rules in force: the village's latest version when the demo has one, else a version 1 of six
 * articles written here, the sixth the straw-burning ban. Returns that article as the base has it.
 */
function rulesInForce(db: Db): { key: number; position: number; body: string } {
	const village = db.prepare("select id from villages where slug = 'xinyang'").pluck().get();
	let doc = db
		.prepare("select id from rules_documents where village_id = ? and kind = 'village_rules'")
		.pluck()
		.get(village) as number | undefined;
	if (!doc)
		doc = Number(
			db
				.prepare(
					"insert into rules_documents (village_id, kind, title, created_at) values (?, 'village_rules', '村规民约', '2025-01-01T00:00:00Z')"
				)
				.run(village).lastInsertRowid
		);
	const latest = db
		.prepare('select id from rules_versions where document_id = ? order by number desc limit 1')
		.pluck()
		.get(doc) as number | undefined;
	let version = latest;
	if (!version) {
		version = Number(
			db
				.prepare(
					`insert into rules_versions (document_id, number, adopted_on, effective_on, source, created_at)
					 values (?, 1, '2025-01-01', '2025-01-01', '2024年村民会议通过', '2025-01-01T00:00:00Z')`
				)
				.run(doc).lastInsertRowid
		);
		[
			'本村村民应当遵守国家法律法规，团结邻里。',
			'爱护村内公共设施，不得私自占用集体土地。',
			'提倡婚事新办、丧事简办。',
			'保持房前屋后整洁，垃圾分类投放。',
			'爱护山林水源，不得乱砍滥伐。',
			'禁止露天焚烧秸秆和垃圾。'
		].forEach((body, i) =>
			db
				.prepare(
					'insert into rules_articles (version_id, article_key, position, body) values (?, ?, ?, ?)'
				)
				.run(version, i + 1, i + 1, body)
		);
	}
	return db
		.prepare(
			`select article_key as key, position, body from rules_articles
			 where version_id = ? and body like '%秸秆%' order by position limit 1`
		)
		.get(version) as { key: number; position: number; body: string };
}

/** The revision's section for one change, found by its heading. */
const changeItem = (page: Page, heading: string) =>
	page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 3, name: heading }) });

async function fileRulesTopic(page: Page): Promise<string> {
	await open(page, '/xinyang/topics/new');
	await page.getByLabel('标题').fill('村规民约加上秸秆禁烧巡查');
	await page
		.getByLabel('具体内容')
		.fill('秋收后还有人烧秸秆，建议在村规民约里写明巡查和还田支持。');
	await page.getByLabel('类别').selectOption({ label: '村规民约' });
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	return /XY-\d{4}-\d{4}/.exec(page.url())![0];
}

test('a rules revision: drafted, commented on by villagers, answered, reviewed by the township', async ({
	page,
	app,
	newContext
}) => {
	test.setTimeout(180_000);
	const db = openDatabase(app.dbPath) as Db;
	const straw = rulesInForce(db);
	const PROPOSED = '禁止露天焚烧秸秆和垃圾。秋收期间网格员每日巡查，村里为秸秆还田提供机械补助。';
	const ADDED = '本村规民约由村民委员会负责解释。';

	// The clerk files the topic at the window, then opens the revision on it.
	await login(page, clerk.phone, clerk.password);
	const topic = await fileRulesTopic(page);
	const section = page.getByRole('region', { name: '村规民约修订草案' });
	await section.getByRole('button', { name: '开始拟定修订草案' }).click();
	await expect(page).toHaveURL(/\/xinyang\/rules\/revisions\/\d+$/);
	const revisionPath = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(新阳村)?村规民约修订草案$/);
	await expect(page.getByRole('main')).toContainText('拟定草案中');

	// The change of the straw-burning article, and a new article after it.
	await page.getByRole('radio', { name: '修改现有条款' }).check();
	await page.getByLabel('修改或删除哪一条').selectOption(String(straw.key));
	await page.getByLabel('草案条文').fill(PROPOSED);
	await page.getByLabel('修改理由').fill('写明网格员巡查和秸秆还田支持。');
	await page.getByRole('button', { name: '加入草案' }).click();
	await expect(page.getByRole('status')).toHaveText('已加入草案。');
	await page.getByRole('radio', { name: '新增条款' }).check();
	await page.getByLabel('新增条款放在哪一条之后').selectOption(String(straw.key));
	await page.getByLabel('草案条文').fill(ADDED);
	await page.getByLabel('修改理由').fill('明确解释主体。');
	await page.getByRole('button', { name: '加入草案' }).click();
	await expect(page.getByRole('status')).toHaveText('已加入草案。');
	const changed = changeItem(page, `修改第${straw.position}条`);
	await expect(changed).toContainText(straw.body);
	await expect(changed).toContainText(PROPOSED);
	await expect(changeItem(page, `在第${straw.position}条之后新增一条`)).toContainText(ADDED);

	// A week is the least; then the draft is open for comments and frozen.
	await page.getByLabel('开始日期').fill(chinaDay());
	await page.getByLabel('截止日期').fill(chinaDay(5));
	await page.getByRole('button', { name: '开始征求意见' }).click();
	await expect(page.getByRole('alert')).toHaveText('征求意见时间太短：至少 7 天。');
	await page.getByLabel('开始日期').fill(chinaDay());
	await page.getByLabel('截止日期').fill(chinaDay(6));
	await page.getByRole('button', { name: '开始征求意见' }).click();
	await expect(page.getByRole('status')).toHaveText('已开始征求意见。');
	await expect(page.getByRole('button', { name: '加入草案' })).toHaveCount(0);

	// 张秀英 comments on the straw article on a 360 px phone that runs no JavaScript.
	const phone = await (
		await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false })
	).newPage();
	await addSession(phone, villager.phone, villager.password);
	await phone.goto(revisionPath);
	const hers = changeItem(phone, `修改第${straw.position}条`);
	await hers.getByLabel('我对这一条的意见').fill('赞成巡查，建议写明补助标准。');
	await hers.getByRole('button', { name: '提交意见' }).click();
	await expect(phone.getByRole('status')).toHaveText('意见已收到，谢谢。');
	await expect(changeItem(phone, `修改第${straw.position}条`)).toContainText(
		'赞成巡查，建议写明补助标准。'
	);
	// Other villagers read the words, never the name.
	await expect(phone.getByRole('main')).not.toContainText('张秀英');
	await expectNoHorizontalScroll(phone);
	await checkA11yWithoutScripts(phone);

	// The grid head writes down what an elderly villager said, read back to her.
	const grid = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await addSession(grid, gridHead.phone, gridHead.password);
	await open(grid, `${revisionPath}?for=${encodeURIComponent('张秀英')}`);
	const forHer = grid.getByRole('region', { name: '为村民代写意见' });
	await forHer.getByLabel('为哪位村民代写').selectOption({ label: '张秀英（003 · 第一网格）' });
	await forHer.getByLabel('对哪一处改动').selectOption({ label: `修改第${straw.position}条` });
	await forHer.getByLabel('我对这一条的意见').fill('烧秸秆呛得老人咳嗽，支持禁烧。');
	await forHer.getByRole('radio', { name: '当面念读，村民确认同意' }).check();
	await forHer.getByLabel('念给村民听并得到同意的时间').fill(chinaNow());
	await forHer.getByRole('button', { name: '提交代写的意见' }).click();
	await expect(grid.getByRole('status')).toHaveText('意见已收到，谢谢。');
	const stored = db
		.prepare(
			"select consent_kind as kind, (select name from people where id = person_id) as name from rules_comments where body like '烧秸秆呛得%'"
		)
		.get();
	expect(stored).toEqual({ kind: 'read_back', name: '张秀英' });

	// Staff see who said what, and answer.
	await open(page, revisionPath);
	const staffView = changeItem(page, `修改第${straw.position}条`);
	await expect(staffView).toContainText('张秀英（代写）');
	await expect(staffView).toContainText('村民意见 2 条');
	await staffView
		.getByLabel('答复这条意见（是否采纳、为什么）')
		.first()
		.fill('采纳：补助标准另行公布。');
	await staffView.getByRole('button', { name: '提交答复' }).first().click();
	await expect(page.getByRole('status')).toHaveText('答复已保存。');
	await expect(changeItem(page, `修改第${straw.position}条`)).toContainText(
		'村委会答复：采纳：补助标准另行公布。'
	);

	// While comments are open it cannot go to the township; the week passes.
	await expect(page.getByRole('button', { name: '已报乡镇审核' })).toHaveCount(0);
	db.prepare(
		"update rules_revisions set comments_from = date(comments_from, '-8 days'), comments_until = date(comments_until, '-8 days') where id = ?"
	).run(Number(revisionPath.split('/').pop()));
	await open(page, revisionPath);
	await page.getByRole('button', { name: '已报乡镇审核' }).click();
	await expect(page.getByRole('status')).toHaveText('已记录报乡镇审核。');

	// The township's answer, as the clerk records it: who reviewed, in which office, when.
	const review = page.getByRole('region', { name: '乡镇审核意见' });
	await review.getByLabel('审核人姓名').fill('周明');
	await review.getByLabel('审核单位').fill('青山镇司法所');
	await review.getByRole('radio', { name: '审核通过' }).check();
	await review.getByLabel('审核日期').fill(chinaDay());
	await review.getByRole('button', { name: '记录审核结果' }).click();
	await expect(page.getByRole('status')).toHaveText('审核结果已记录。');
	await expect(page.getByRole('main')).toContainText('审核通过，待村民会议表决');
	await expect(page.getByRole('region', { name: '乡镇审核意见' })).toContainText('审核通过');
	const enact = page.getByRole('link', { name: '村民会议表决后施行' });
	expect(await enact.evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)).toBe(
		`${revisionPath}/enact`
	);
	await checkA11y(page);

	// Anyone reads the draft under consultation and how many commented, but no names or words.
	const visitor = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await visitor.goto(revisionPath);
	const seen = changeItem(visitor, `修改第${straw.position}条`);
	await expect(seen).toContainText(PROPOSED);
	await expect(seen).toContainText('村民意见 2 条');
	await expect(visitor.getByRole('main')).not.toContainText('张秀英');
	await expect(visitor.getByRole('main')).not.toContainText('烧秸秆呛得');
	await expect(visitor.getByRole('link', { name: '村民会议表决后施行' })).toHaveCount(0);
	await expect(visitor.getByRole('link', { name: new RegExp(topic) })).toHaveCount(0);
	await expectNoHorizontalScroll(visitor);
	await checkA11y(visitor);

	// In elderly mode the page still fits the phone.
	await useElderlyMode(visitor, app as Pick<App, 'url'>);
	await visitor.goto(revisionPath);
	expect(await inElderlyMode(visitor)).toBe(true);
	await expectNoHorizontalScroll(visitor);
	db.close();
});
