// Setting up a meeting's state for the stories that are not about the console: the same domain
// commands the console calls, run against the test server's own database file (WAL lets a second
// connection write while the server runs).
import { openDatabase } from '../src/lib/server/db/open.js';
import { castBallot, recordRollCall } from '../src/lib/server/votes/ballots.ts';
import { closeMeeting, closeMotion } from '../src/lib/server/procedure/closing.ts';
import { addAgendaItem, createMeeting } from '../src/lib/server/meetings/calling.ts';
import { createMotion } from '../src/lib/server/votes/motions.ts';
import { openMotion } from '../src/lib/server/procedure/opening.ts';
import { notifyMeeting, openMeeting } from '../src/lib/server/meetings/notice.ts';
import { markLeft, signIn } from '../src/lib/server/meetings/attendance.ts';
import { currentCheckinCode } from '../src/lib/server/meetings/checkin.ts';
import { findPerson, updatePerson } from '../src/lib/server/roster/people.ts';
import { type Choice, type Method } from '../src/lib/server/meetings/records.ts';
import type { MeetingType } from '../src/lib/server/votes/rules.ts';
import { DEMO_TODAY_MEETING_TITLE } from '../src/lib/server/seed/demo-meetings.ts';
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import type { Db } from '../src/lib/server/db/index.ts';
import { DEMO, PHONE_VIEWPORT, expect, type App } from './fixtures.ts';
import { type Actor } from '../src/lib/server/permissions/index.ts';

export { DEMO_TODAY_MEETING_TITLE };

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

function actorOf(db: Db, phone: string): Actor {
	const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
		id: number;
		person_id: number | null;
		role: Actor['role'];
	};
	return { userId: u.id, personId: u.person_id, role: u.role };
}

const villageOf = (db: Db) =>
	db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;

export interface DemoMeeting {
	meetingId: number;
	agendaItemId: number;
}

/** The demo representatives' meeting ready today, still only notified. */
export function demoMeeting(app: App): DemoMeeting {
	return withDb(app, (db) => {
		const meetingId = db
			.prepare('select id from meetings where title = ?')
			.pluck()
			.get(DEMO_TODAY_MEETING_TITLE) as number;
		const agendaItemId = db
			.prepare('select id from agenda_items where meeting_id = ? order by position')
			.pluck()
			.get(meetingId) as number;
		return { meetingId, agendaItemId };
	});
}

/** The clerk opens the demo meeting of today. */
export function openDemoMeeting(app: App): DemoMeeting {
	const meeting = demoMeeting(app);
	withDb(app, (db) =>
		must(
			'open meeting',
			openMeeting(db, actorOf(db, DEMO.clerk.phone), villageOf(db), meeting.meetingId)
		)
	);
	return meeting;
}

/** A draft meeting of the demo village (never notified). */
export function draftMeeting(app: App, title: string): number {
	return withDb(app, (db) => {
		const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		return must(
			'create meeting',
			createMeeting(db, actorOf(db, DEMO.clerk.phone), villageOf(db), {
				type: 'reps_meeting',
				title,
				meetingDate: today
			})
		).meeting.id;
	});
}

/** A meeting of `type` held today with one agenda item, noticed a fortnight ago: not yet open. */
export function notifiedMeetingToday(
	app: App,
	input: { type: MeetingType; title: string; agendaTitle: string }
): number {
	return withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		const noticed = new Date(Date.now() - 14 * 86_400_000);
		const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		const meetingId = must(
			'create meeting',
			createMeeting(
				db,
				clerk,
				village,
				{ type: input.type, title: input.title, meetingDate: today },
				{ now: noticed }
			)
		).meeting.id;
		must('agenda item', addAgendaItem(db, clerk, village, meetingId, { title: input.agendaTitle }));
		must('notify', notifyMeeting(db, clerk, village, meetingId, { now: noticed }));
		return meetingId;
	});
}

/**
 * A meeting of `type` held today on a demo topic, noticed a fortnight ago, opened, every voter
 * signed in, with one motion on the topic drafted and not yet put to the vote.
 */
export function draftMotionToday(
	app: App,
	input: { type: MeetingType; title: string; topicTitle: string; motion: string }
): { meetingId: number; motionId: number } {
	return withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		const now = new Date();
		const noticed = new Date(now.getTime() - 14 * 86_400_000);
		const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
		const topicId = db
			.prepare('select id from topics where village_id = ? and title = ?')
			.pluck()
			.get(village, input.topicTitle) as number;
		const meetingId = must(
			'create meeting',
			createMeeting(
				db,
				clerk,
				village,
				{ type: input.type, title: input.title, meetingDate: today },
				{ now: noticed }
			)
		).meeting.id;
		const item = must(
			'agenda item',
			addAgendaItem(db, clerk, village, meetingId, { title: input.topicTitle, topicId })
		);
		must('notify', notifyMeeting(db, clerk, village, meetingId, { now: noticed }));
		must('open meeting', openMeeting(db, clerk, village, meetingId, { now }));
		const voters = db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.all(meetingId) as number[];
		for (const p of voters) must(`sign in ${p}`, signIn(db, clerk, village, meetingId, p, { now }));
		const motionId = must(
			'create motion',
			createMotion(db, clerk, village, item.agendaItemId, { text: input.motion, method: 'hands' })
		).motion.id;
		return { meetingId, motionId };
	});
}

/** The people with a vote on the roster, in roster order, except the given logins. */
export function votingRoster(app: App, meetingId: number, exceptPhones: string[] = []): number[] {
	return withDb(app, (db) => {
		const except = new Set(exceptPhones.map((p) => actorOf(db, p).personId));
		return (
			db
				.prepare(
					'select person_id from meeting_roster where meeting_id = ? and voting = 1 order by person_id'
				)
				.pluck()
				.all(meetingId) as number[]
		).filter((p) => !except.has(p));
	});
}

/** The clerk marks these people present, as at the door. */
export function markPresent(app: App, meetingId: number, people: number[]): void {
	withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		for (const p of people) must(`sign in ${p}`, signIn(db, clerk, village, meetingId, p));
	});
}

/** The clerk corrects a person's name in the roster, keeping everything else. */
export function renamePerson(app: App, personId: number, name: string): void {
	withDb(app, (db) => {
		const village = villageOf(db);
		const p = findPerson(db, village, personId);
		if (!p) throw new Error(`no person ${personId}`);
		must(
			'rename',
			updatePerson(db, actorOf(db, DEMO.clerk.phone).userId, village, personId, {
				name,
				gender: p.gender,
				birthDate: p.birthDate,
				phone: p.phone,
				relation: p.relation
			})
		);
	});
}

/** The clerk puts a motion of this method to the vote. */
export function openNewMotion(
	app: App,
	agendaItemId: number,
	text: string,
	method: Method
): number {
	return withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		const motion = must(
			'create motion',
			createMotion(db, clerk, village, agendaItemId, { text, method })
		).motion;
		must('open motion', openMotion(db, clerk, village, motion.id));
		return motion.id;
	});
}

/** Ballots of attendees without a login, as if cast on their own phones. */
export function castBallots(
	app: App,
	motionId: number,
	ballots: { personId: number; choice: Choice }[]
): void {
	withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		for (const b of ballots)
			must(
				`ballot of ${b.personId}`,
				castBallot(
					db,
					{ ...clerk, personId: b.personId, role: 'villager' },
					village,
					motionId,
					b.choice
				)
			);
	});
}

/** The clerk, on another device, records one person's roll-call answer. */
export function recordRollCallNow(app: App, motionId: number, personId: number): void {
	withDb(app, (db) =>
		must(
			'roll call',
			recordRollCall(db, actorOf(db, DEMO.clerk.phone), villageOf(db), motionId, [
				{ personId, choice: 'yes' }
			])
		)
	);
}

export function closeMotionNow(app: App, motionId: number): void {
	withDb(app, (db) =>
		must(
			'close motion',
			closeMotion(db, actorOf(db, DEMO.clerk.phone), villageOf(db), motionId, { confirmed: true })
		)
	);
}

export function closeMeetingNow(app: App, meetingId: number): void {
	withDb(app, (db) =>
		must(
			'close meeting',
			closeMeeting(db, actorOf(db, DEMO.clerk.phone), villageOf(db), meetingId, {
				confirmed: true,
				closeOpenMotions: true
			})
		)
	);
}

/**
 * The code the hall screen showed `minutesAgo` minutes ago, as a phone that scanned it then still
 * holds it. The key is made now first, so no audit entry is back-dated.
 */
export function checkinCodeShown(app: App, meetingId: number, minutesAgo: number): string {
	return withDb(app, (db) => {
		currentCheckinCode(db, meetingId);
		const code = currentCheckinCode(db, meetingId, new Date(Date.now() - minutesAgo * 60_000));
		if (!code) throw new Error(`meeting ${meetingId} has no check-in code`);
		return code;
	});
}

/** Read-only look at the database, for what no page may show. */
export function query<T>(app: App, sql: string, ...params: unknown[]): T[] {
	return withDb(app, (db) => db.prepare(sql).all(...params) as T[]);
}

/**
 * The check-in address the hall screen encodes in its QR code right now. The code turns over each
 * minute and a poll may turn it between two reads, so the address and the code printed beside it
 * are read in one go, and must agree.
 */
export async function hallCheckinUrl(hall: Page, app: App, meetingId: number): Promise<string> {
	await hall.reload();
	const qr = hall.getByRole('img', { name: /签到二维码/ });
	await expect(qr).toHaveAttribute(
		'data-url',
		new RegExp(`^${app.url}/xinyang/meetings/${meetingId}/checkin\\?c=[2-9A-HJKMNP-Z]{10}$`)
	);
	const { url, shown } = await hall.evaluate(() => ({
		url: document.querySelector('[data-url]')!.getAttribute('data-url')!,
		shown: document.querySelector('[data-testid="checkin-code"]')!.textContent!
	}));
	const code = new URL(url).searchParams.get('c')!;
	expect(shown).toBe(`${code.slice(0, 5)} ${code.slice(5)}`);
	return url;
}

/** A phone scans the hall's QR code: signed out, it signs in first and comes back to check in. */
export async function scanAndSignIn(
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>,
	url: string,
	who: { phone: string; password: string },
	options: BrowserContextOptions
): Promise<Page> {
	const page = await (await newContext({ viewport: PHONE_VIEWPORT, ...options })).newPage();
	await page.goto(url);
	await expect(page).toHaveURL(/\/login\?next=/);
	await page.getByLabel('手机号').fill(who.phone);
	await page.getByLabel('密码', { exact: true }).fill(who.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(url);
	await expect(page.getByRole('heading', { level: 1, name: '会议签到' })).toBeVisible();
	return page;
}

/**
 * A code is good for five to six minutes; stories that run longer than that between scan and
 * confirm open what the hall shows now before they confirm, as a person would scan again.
 */
export async function confirmCheckin(
	phone: Page,
	hall: Page,
	app: App,
	meetingId: number
): Promise<void> {
	await phone.goto(await hallCheckinUrl(hall, app, meetingId));
	await phone.getByRole('button', { name: '我已到会，签到' }).click();
}

/**
 * A meeting of `type` held today, noticed a fortnight ago and opened, with one agenda item and
 * nobody signed in yet; its roster as voting and non-voting people.
 */
export function openedMeetingToday(
	app: App,
	input: { type: MeetingType; title: string }
): { meetingId: number; voters: number[]; nonVoters: number[] } {
	return withDb(app, (db) => {
		const clerk = actorOf(db, DEMO.clerk.phone);
		const village = villageOf(db);
		const now = new Date();
		const noticed = new Date(now.getTime() - 14 * 86_400_000);
		const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
		const meetingId = must(
			'create meeting',
			createMeeting(
				db,
				clerk,
				village,
				{ type: input.type, title: input.title, meetingDate: today },
				{ now: noticed }
			)
		).meeting.id;
		must('agenda item', addAgendaItem(db, clerk, village, meetingId, { title: input.title }));
		must('notify', notifyMeeting(db, clerk, village, meetingId, { now: noticed }));
		must('open meeting', openMeeting(db, clerk, village, meetingId, { now }));
		const roster = db
			.prepare(
				'select person_id, voting from meeting_roster where meeting_id = ? order by person_id'
			)
			.all(meetingId) as { person_id: number; voting: number }[];
		return {
			meetingId,
			voters: roster.filter((r) => r.voting === 1).map((r) => r.person_id),
			nonVoters: roster.filter((r) => r.voting === 0).map((r) => r.person_id)
		};
	});
}

/** Someone signed in leaves early, as the clerk marks it. */
export function markLeftNow(app: App, meetingId: number, personId: number): void {
	withDb(app, (db) =>
		must(
			`left ${personId}`,
			markLeft(db, actorOf(db, DEMO.clerk.phone), villageOf(db), meetingId, personId)
		)
	);
}
