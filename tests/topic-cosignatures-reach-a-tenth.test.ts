import Database from 'better-sqlite3';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	open,
	test,
	type App
} from './fixtures.ts';

const { clerk, villager } = DEMO;
const representative = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };

/**
 * Co-signatures collected on paper and entered for (count) adult villagers, as if one by one.
 * Creating dozens of accounts through the pages would take minutes, so this is the one step done
 * in the database: none of the signers is a representative (so only the tenth-of-adults rule can
 * be reached) and the villager who signs last through the page is left out.
 */
function addPaperCosigns(app: App, topicNumber: string, count: number, except: string): void {
	const db = new Database(app.dbPath, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const topic = db
			.prepare(
				"select t.id, t.village_id as villageId from topics t join villages v on v.id = t.village_id where v.slug = 'xinyang' and t.number = ?"
			)
			.get(topicNumber) as { id: number; villageId: number };
		const enteredBy = db.prepare('select id from users where phone = ?').pluck().get(clerk.phone);
		const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		const adultOn = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
		const signers = db
			.prepare(
				`select p.id from people p where p.village_id = ? and p.status = 'resident' and p.birth_date <= ?
				   and p.id not in (select person_id from users where phone = ? and person_id is not null)
				   and p.id not in (select person_id from roles where village_id = p.village_id and role = 'village_rep')
				 order by p.id limit ?`
			)
			.pluck()
			.all(topic.villageId, adultOn, except, count) as number[];
		expect(signers).toHaveLength(count);
		const insert = db.prepare(
			'insert into topic_cosigns (topic_id, person_id, user_id, created_at) values (?, ?, ?, ?)'
		);
		db.transaction(() => {
			for (const personId of signers)
				insert.run(topic.id, personId, enteredBy, new Date().toISOString());
		})();
	} finally {
		db.close();
	}
}

test('the co-signature that reaches a tenth of the adults obliges a villagers meeting', async ({
	page,
	app,
	newContext
}) => {
	// A representative proposes a topic.
	await addSession(page, representative.phone, representative.password);
	await open(page, '/xinyang/topics/new');
	const title = '村小学旧址改建为村民活动中心';
	await page.getByLabel('标题').fill(title);
	await page
		.getByLabel('具体内容')
		.fill('村小学撤并后旧校舍一直空着，建议改建为村民活动中心，请召开村民会议讨论。');
	await page.getByLabel('类别').selectOption({ label: '文化活动' });
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	const number = /XY-\d{4}-\d{4}/.exec(page.url())![0];

	// The page states the basis: how many adults the roster counts today.
	const cosign = page.getByRole('region', { name: /^附议 \d+ 人$/ });
	await expect(cosign.getByRole('heading')).toHaveText('附议 0 人');
	const basis = (await cosign
		.getByText(/^按 .* 的花名册：成年村民 \d+ 人，村民代表 \d+ 人。$/)
		.textContent())!;
	const adults = Number(/成年村民 (\d+) 人/.exec(basis)![1]);
	expect(adults).toBeGreaterThan(300);
	expect(basis).toContain('村民代表 20 人');
	const needed = Math.ceil(adults / 10);

	// One short of a tenth: the formula shows it is not yet reached.
	addPaperCosigns(app, number, needed - 1, villager.phone);
	await page.reload();
	const tenth = cosign.getByRole('listitem').filter({ hasText: '10 × 附议人数' });
	await expect(cosign.getByRole('heading')).toHaveText(`附议 ${needed - 1} 人`);
	await expect(tenth).toContainText(
		new RegExp(
			`10 × 附议人数 ${needed - 1}（对比成年村民 ${adults}） = ${10 * (needed - 1)}\\s*<\\s*${adults}\\s*（未达到）`
		)
	);
	await expect(cosign.getByText('须召集村民会议')).toHaveCount(0);

	// The clerk has nothing to convene for it yet.
	const clerkPage = await (await newContext()).newPage();
	await addSession(clerkPage, clerk.phone, clerk.password);
	await open(clerkPage, '/xinyang/dashboard');
	const meetings = clerkPage.getByRole('region', { name: '须召集的会议' });
	await expect(meetings).toBeVisible();
	await expect(meetings).not.toContainText(number);

	// 张秀英 adds the co-signature that makes a tenth.
	const her = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await addSession(her, villager.phone, villager.password);
	await open(her, `/xinyang/topics/${number}`);
	await her.getByRole('button', { name: '我要附议' }).click();
	await expect(her.getByRole('status').filter({ hasText: '已附议' })).toHaveText(
		'已附议。附议人数达到法定人数，村里须召集会议。'
	);
	await hydrated(her);
	const today = new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'Asia/Shanghai'
	}).format(new Date());
	const herCosign = her.getByRole('region', { name: /^附议 \d+ 人$/ });
	await expect(herCosign.getByRole('heading')).toHaveText(`附议 ${needed} 人`);
	await expect(herCosign.getByRole('listitem').filter({ hasText: '10 × 附议人数' })).toContainText(
		new RegExp(
			`10 × 附议人数 ${needed}（对比成年村民 ${adults}） = ${10 * needed}\\s*≥\\s*${adults}\\s*（已达到）`
		)
	);
	// The representatives' rules are untouched: no representative signed.
	await expect(herCosign.getByRole('listitem').filter({ hasText: '3 × 附议代表' })).toContainText(
		/3 × 附议代表 0（对比代表总数 20） = 0\s*<\s*20\s*（未达到）/
	);
	const obligation = herCosign.getByRole('status');
	await expect(obligation).toHaveCount(1);
	await expect(obligation).toHaveText(`须召集村民会议 ${today} 达到法定人数。`);
	await expect(herCosign.getByText('您已附议。')).toBeVisible();
	await expect(
		her.getByRole('region', { name: '办理经过' }).getByRole('listitem').last()
	).toContainText('附议达到法定人数');
	await checkA11y(her);
	await expectNoHorizontalOverflow(her);

	// The clerk's dashboard now lists the meeting to convene.
	await clerkPage.reload();
	await hydrated(clerkPage);
	const item = meetings.getByRole('listitem').filter({ hasText: number });
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('须召集村民会议');
	await expect(item.getByRole('link', { name: title })).toHaveAttribute(
		'href',
		new RegExp(`/xinyang/topics/${number}$`)
	);
	await expect(item).toContainText(`${number} · ${today} 达到法定人数。`);
	await checkA11y(clerkPage);
});
