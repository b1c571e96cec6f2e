// The straw-burning article revised end to end (issue 18 item 4): on a village_rules topic the
// clerk opens a revision of article 6, drafts the change with its reason and opens comments; a
// villager comments on the article; the township's legal review approves it; the 4+2 meetings
// run, a representatives' meeting is refused the decision and a villagers' meeting adopts it; the
// clerk puts it in force from a date, which files it with the township (issue 19), the township
// acknowledges it and the village's filings page shows its receipt; and anyone, without
// JavaScript on a 360 px phone, reads the new text and the diff.
// The revision's steps (i18-rules-draft's pages) and the meetings are driven through the domain
// commands, at past dates where the law's periods cannot pass inside a test.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { addDays, todayInChina } from '../src/lib/server/calendar/dates.ts';
import { holdPastMeeting, at } from '../src/lib/server/seed/demo-past-meeting.ts';
import { addAgendaItem, createMeeting } from '../src/lib/server/meetings/calling.ts';
import { notifyMeeting, openMeeting } from '../src/lib/server/meetings/notice.ts';
import { createMotion } from '../src/lib/server/votes/motions.ts';
import { openMotion } from '../src/lib/server/procedure/opening.ts';
import { createTopic } from '../src/lib/server/topics/filing.ts';
import { triageTopic } from '../src/lib/server/topics/triage.ts';
import { openRulesRevision, draftChange } from '../src/lib/server/village-rules/drafts.ts';
import { commentOnChange, openComments } from '../src/lib/server/village-rules/comments.ts';
import { recordReview, sendForReview } from '../src/lib/server/village-rules/review.ts';
import type { Actor } from '../src/lib/server/permissions/index.ts';
import { acknowledgeTownshipFiling } from '../src/lib/server/township/filings.ts';
import type { MeetingType } from '../src/lib/server/votes/rules.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	open,
	test,
	type App
} from './fixtures.ts';

const { clerk } = DEMO;
// The words of the 2024 text the revision replaces.
const OLD_WORDS = '提倡';
const NEW_BODY =
	'禁止在田间地头、房前屋后露天焚烧秸秆和垃圾。秸秆实行还田、收储和综合利用，村委会统一联系收储点并公布收储时间。';
const COMMENT = '收储点能不能设在三组晒场，离田近。';

function withDb<T>(app: App, f: (db: Db, village: number, actor: (phone: string) => Actor) => T) {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const actor = (phone: string): Actor => {
			const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
				id: number;
				person_id: number;
				role: Actor['role'];
			};
			return { userId: u.id, personId: u.person_id, role: u.role };
		};
		return f(db, village, actor);
	} finally {
		db.close();
	}
}

/** 周建华, the township's official, acknowledges the newest rules version 新阳村 filed. */
function acknowledgeAsTownship(app: App) {
	withDb(app, (db, village, actor) => {
		const filingId = db
			.prepare(
				"select max(id) from township_filings where village_id = ? and kind = 'rules_version'"
			)
			.pluck()
			.get(village) as number;
		must(acknowledgeTownshipFiling(db, actor('13800000010'), village, filingId), 'acknowledge');
	});
}

function must<T extends { ok: boolean }>(r: T, what: string): T & { ok: true } {
	if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
	return r as T & { ok: true };
}

/** The topic, the revision of article 6, a villager's comment and the approved review. */
function reviewedRevision(app: App): { topicId: number; revisionId: number } {
	return withDb(app, (db, village, actor) => {
		const staff = actor(clerk.phone);
		const today = todayInChina();
		const topicId = must(
			createTopic(
				db,
				actor('13800000006'),
				village,
				{
					title: '修订村规民约秸秆禁烧条款',
					description: '秸秆禁烧条款要写明收储和综合利用。',
					category: 'village_rules',
					place: '',
					affected: '全村',
					estimatedCostFen: null,
					funding: ''
				},
				{ submit: true }
			),
			'topic'
		).topic.id;
		must(
			triageTopic(db, staff, village, topicId, {
				route: 'four_plus_two',
				art24: ['village_major'],
				reason: '村规民约须经村民会议讨论决定。'
			}),
			'triage'
		);
		const revisionId = must(
			openRulesRevision(db, staff, village, { topicId, kind: 'village_rules' }),
			'revision'
		).revisionId;
		const changeId = must(
			draftChange(db, staff, village, revisionId, {
				change: 'change',
				articleKey: 6,
				body: NEW_BODY,
				reason: '与县秸秆综合利用政策衔接，写明收储办法。'
			}),
			'draft'
		).changeId;
		must(
			openComments(db, staff, village, revisionId, { from: today, until: addDays(today, 7) }),
			'comments'
		);
		must(commentOnChange(db, actor(DEMO.villager.phone), village, changeId, COMMENT), 'comment');
		// The comment week passes: moved into the past, as the meetings' dates are.
		db.prepare('update rules_revisions set comments_from = ?, comments_until = ? where id = ?').run(
			addDays(today, -10),
			addDays(today, -3),
			revisionId
		);
		must(sendForReview(db, staff, village, revisionId), 'send');
		must(
			recordReview(db, staff, village, revisionId, {
				reviewerName: '孙律师',
				reviewerOffice: '长青乡司法所',
				result: 'approved',
				reviewedOn: today
			}),
			'review'
		);
		return { topicId, revisionId };
	});
}

const STEPS: { type: MeetingType; title: string; text: string; day: number }[] = [
	{
		type: 'branch_committee',
		title: '党支部委员会：提议修订秸秆条款',
		text: '提议修订村规民约第六条。',
		day: -60
	},
	{
		type: 'two_committees',
		title: '两委联席会议：商议秸秆条款',
		text: '形成第六条修订稿。',
		day: -46
	},
	{
		type: 'party_assembly',
		title: '党员大会：审议秸秆条款',
		text: '同意修订稿，提交村民会议。',
		day: -32
	},
	{
		type: 'villagers_meeting',
		title: '村民会议：表决村规民约修订稿',
		text: '通过村规民约第六条修订稿。',
		day: -18
	}
];

function hold(app: App, topicId: number, i: number) {
	withDb(app, (db, village, actor) => {
		const s = STEPS[i];
		const meetingDate = addDays(todayInChina(), s.day);
		holdPastMeeting(db, actor(clerk.phone), village, {
			type: s.type,
			title: s.title,
			noticeDate: addDays(meetingDate, -12),
			meetingDate,
			motions: [{ agendaTitle: '村规民约修订', topicId, text: s.text }]
		});
	});
}

/** A representatives' meeting asked to decide the rules: its vote does not open. */
function repsMeetingRefused(app: App, topicId: number): string {
	return withDb(app, (db, village, actor) => {
		const staff = actor(clerk.phone);
		const meetingDate = addDays(todayInChina(), -25);
		const notice = addDays(meetingDate, -7);
		const m = must(
			createMeeting(
				db,
				staff,
				village,
				{ type: 'reps_meeting', title: '村民代表会议：秸秆条款', meetingDate, startsAt: '09:00' },
				{ now: at(notice) }
			),
			'reps meeting'
		);
		const item = must(
			addAgendaItem(
				db,
				staff,
				village,
				m.meeting.id,
				{ title: '村规民约修订', topicId },
				{ now: at(notice) }
			),
			'agenda'
		);
		must(notifyMeeting(db, staff, village, m.meeting.id, { now: at(notice) }), 'notify');
		must(openMeeting(db, staff, village, m.meeting.id, { now: at(meetingDate) }), 'open');
		const motion = must(
			createMotion(
				db,
				staff,
				village,
				item.agendaItemId,
				{ text: '通过修订稿', method: 'hands' },
				{ now: at(meetingDate) }
			),
			'motion'
		);
		const r = openMotion(db, staff, village, motion.motion.id, { now: at(meetingDate, '09:40') });
		return r.ok ? 'opened' : r.reason;
	});
}

test('the straw-burning article: revised, reviewed, refused to the representatives, adopted, put in force, filed and read by anyone', async ({
	app,
	page,
	newContext
}) => {
	test.setTimeout(300_000);
	const { topicId, revisionId } = reviewedRevision(app);
	for (const i of [0, 1, 2]) hold(app, topicId, i);
	expect(repsMeetingRefused(app, topicId)).toBe('needs_villagers_meeting');
	hold(app, topicId, 3);

	// The clerk puts it in force from today, on a phone.
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, clerk.phone, clerk.password);
	await open(page, `/xinyang/rules/revisions/${revisionId}/enact`);
	await expect(page.getByRole('main')).toContainText('与县秸秆综合利用政策衔接');
	await expect(page.getByLabel('村民会议决议')).toContainText('村民会议');
	await expectNoHorizontalOverflow(page);
	await checkA11y(page);
	const today = todayInChina();
	await page.getByLabel('施行日期').fill(today);
	await page.getByRole('button', { name: '生效并公告' }).click();
	await expect(page).toHaveURL(/\/xinyang\/rules\/village_rules\/versions\/3$/);
	await expect(page.getByTestId('diff-changed')).toContainText('第6条');

	// 新阳村 belongs to 长青乡: enacting filed the version with the township (issue 19), so nothing
	// is due on the dashboard; the township's acknowledgement in its inbox is the village's receipt.
	await open(page, '/xinyang/dashboard');
	await expect(page.getByTestId('rules-filings-due')).toHaveCount(0);
	await open(page, '/xinyang/rules/filings');
	const filing = page.getByTestId('filing-village_rules-3');
	await expect(filing.getByTestId('filing-state')).toContainText('待回执');
	acknowledgeAsTownship(app);
	await open(page, '/xinyang/rules/filings');
	await expect(filing.getByTestId('filing-state')).toContainText('周建华');

	// Anyone, without JavaScript, on a phone: the text in force and what changed.
	const phone = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await phone.goto('/xinyang/rules');
	const rules = phone.getByTestId('rules-village_rules');
	await expect(rules.getByTestId('article-6')).toContainText(NEW_BODY);
	await expect(rules.getByTestId('rules-filing')).toContainText('已备案');
	await expect(rules.getByTestId('rules-history').getByRole('listitem')).toHaveCount(3);
	await expect(phone.getByTestId('rules-charter')).toBeVisible();
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);

	await rules.getByRole('link', { name: '第3版', exact: true }).click();
	await expect(phone.getByTestId('version-title')).toContainText('第3版');
	const changed = phone.getByTestId('diff-changed');
	await expect(changed).toHaveCount(1);
	await expect(changed).toContainText('[修改]');
	await expect(changed.locator('ins').first()).toContainText('新增');
	await expect(changed.locator('del').first()).toContainText(OLD_WORDS);
	await expect(phone.getByTestId('version-women')).toContainText('其中妇女');
	await expect(phone.getByTestId('version-filing')).toContainText('已备案');
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);

	// Any two versions compared by a plain GET: 1 → 3 also shows the 2024 article added.
	await phone.getByLabel('与哪一版对照').selectOption('1');
	await phone.getByRole('button', { name: '对照' }).click();
	await expect(phone).toHaveURL(/versions\/3\?from=1$/);
	await expect(phone.getByTestId('diff-added')).toContainText('第7条');

	// The board's notice links to the version.
	await phone.goto('/xinyang/notices');
	await phone
		.getByRole('link', { name: /新阳村村规民约》第3版/ })
		.first()
		.click();
	await phone.getByTestId('notice-rules-version').getByRole('link').click();
	await expect(phone.getByTestId('version-title')).toContainText('第3版');
});
