// 办结率 counts every track's end (issue 14): a 4+2 matter brought through its six steps by the
// domain's commands on a fresh database, archived by the clerk on its page; the dashboard's
// figures before and after show the topic counted as concluded, and as a 4+2 archive.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { addDays, todayInChina } from '../src/lib/server/calendar/dates.ts';
import { holdPastMeeting } from '../src/lib/server/seed/demo-past-meeting.ts';
import { createTopic } from '../src/lib/server/topics/filing.ts';
import { triageTopic } from '../src/lib/server/topics/triage.ts';
import { recordStep } from '../src/lib/server/procedure/matters.ts';
import { publishResolution } from '../src/lib/server/procedure/publication.ts';
import {
	completeImplementation,
	startImplementation
} from '../src/lib/server/implementation/progress.ts';
import { discloseResult } from '../src/lib/server/implementation/disclosure.ts';
import type { MeetingType } from '../src/lib/server/votes/rules.ts';
import type { Actor } from '../src/lib/server/permissions/index.ts';
import { DEMO, checkA11y, expect, login, open, test, type App } from './fixtures.ts';

const supervisor = '13800000006';
const TITLE = '修建村东头排水沟';
const STEPS: MeetingType[] = ['branch_committee', 'two_committees', 'party_assembly'];

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

/** The matter through steps 1–6 by the commands the pages call, ready to archive; its number. */
function matterReadyToArchive(app: App): string {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const actor = (phone: string): Actor => {
			const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
				id: number;
				person_id: number;
				role: Actor['role'];
			};
			return { userId: u.id, personId: u.person_id, role: u.role };
		};
		const clerk = actor(DEMO.clerk.phone);
		const v = db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;
		const t = must(
			'file',
			createTopic(
				db,
				actor(DEMO.villager.phone),
				v,
				{
					title: TITLE,
					description: '雨季积水淹了三户人家的院子，要修一条排水沟。',
					category: 'development',
					place: '村东头',
					affected: '东头十二户',
					estimatedCostFen: 8_000_000,
					funding: '村集体自筹'
				},
				{ submit: true }
			)
		).topic;
		must(
			'triage',
			triageTopic(db, clerk, v, t.id, {
				route: 'four_plus_two',
				reason: '公益事业建设，按“四议两公开”办理。',
				art24: ['public_welfare'],
				art24Answer: 'yes'
			})
		);
		const today = todayInChina();
		[...STEPS, 'villagers_meeting' as const].forEach((type, i) => {
			const meetingDate = addDays(today, -60 + 14 * i);
			const held = holdPastMeeting(db, clerk, v, {
				type,
				title: `排水沟第${i + 1}步`,
				noticeDate: addDays(meetingDate, -12),
				meetingDate,
				motions: [
					{ agendaTitle: TITLE, topicId: t.id, text: '同意修建排水沟。', no: 0, abstain: 0 }
				]
			});
			must(`step ${i + 1}`, recordStep(db, clerk, v, t.id, held.motionIds[0]));
		});
		must('publish', publishResolution(db, clerk, v, t.id));
		must(
			'start',
			startImplementation(db, clerk, v, t.id, {
				responsiblePersonId: clerk.personId,
				plan: '挖沟、砌石、铺盖板。',
				budget: [{ source: '村集体自筹', amountFen: 8_000_000 }]
			})
		);
		must(
			'complete',
			completeImplementation(db, clerk, v, t.id, { completedOn: today, summary: '排水沟已完工。' })
		);
		must(
			'disclose',
			discloseResult(db, actor(supervisor), v, t.id, { opinion: '工程量与支出属实。' })
		);
		return t.number;
	} finally {
		db.close();
	}
}

/** The figures the dashboard shows: the counts in its explanation, and the rates as displayed. */
async function figures(page: import('@playwright/test').Page) {
	await open(page, '/xinyang/dashboard');
	const section = page.getByRole('region', { name: '闭环统计' });
	const explained = (await section.locator('p.hint').first().textContent()) ?? '';
	const [, accepted, triaged, concluded, received] =
		/已受理 (\d+) ÷ 已作受理决定 (\d+)；办结率 = 已办结 (\d+) ÷ 收到 (\d+)/
			.exec(explained)!
			.map(Number);
	const ends = (await page.getByTestId('ends').textContent()) ?? '';
	const archived = Number(/“四议两公开”事项归档 (\d+)/.exec(ends)![1]);
	const rate = async (name: string) =>
		(await section
			.getByRole('definition')
			.nth(name === '受理率' ? 1 : 2)
			.textContent())!.trim();
	return {
		accepted,
		triaged,
		concluded,
		received,
		archived,
		acceptance: await rate('受理率'),
		completion: await rate('办结率')
	};
}

const pct = (a: number, b: number) => `${(Math.round((1000 * a) / b) / 10).toFixed(1)}%`;

test('archiving a 4+2 matter ends its topic, and 办结率 on the dashboard counts it', async ({
	app,
	page
}) => {
	const number = matterReadyToArchive(app);
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);

	const before = await figures(page);
	expect(before.completion).toBe(pct(before.concluded, before.received));
	expect(before.acceptance).toBe(pct(before.accepted, before.triaged));
	await open(page, `/xinyang/topics/${number}`);
	await expect(page.getByRole('main').locator('.state')).toHaveText('四议两公开程序中');

	await open(page, `/xinyang/topics/${number}/implementation`);
	await page.getByRole('button', { name: '归档本事项' }).click();
	await expect(page.getByText('本事项已归档。').first()).toBeVisible();

	// The topic is 办结, by the 4+2 track's end, and its procedure stays readable.
	await open(page, `/xinyang/topics/${number}`);
	await expect(page.getByRole('main').locator('.state')).toHaveText('已办结');
	await expect(page.getByTestId('topic-end')).toHaveText(
		/^\s*办结：实施结果公开后事项归档（\d{4}年\d{1,2}月\d{1,2}日）\s*$/
	);
	await expect(
		page.getByRole('region', { name: '办理经过' }).getByRole('listitem').last()
	).toHaveText(/^议题办结：事项归档/);
	await page.getByRole('link', { name: '查看四议两公开程序' }).click();
	await expect(page.getByTestId('position')).toHaveText('已归档');

	const after = await figures(page);
	expect(after).toEqual({
		accepted: before.accepted,
		triaged: before.triaged,
		concluded: before.concluded + 1,
		received: before.received,
		archived: before.archived + 1,
		acceptance: before.acceptance,
		completion: pct(before.concluded + 1, before.received)
	});
	await checkA11y(page);
});
