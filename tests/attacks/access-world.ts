// The world the access and fuzzing attacks run in: every demo role signed in once (the login
// throttle never sees a guess), a second village 东山村 with its own clerk and its own records, and
// the private things of 新阳村 that the demo does not seed (a draft meeting, uploaded photos, a
// consent photo, a signed minutes sheet). Built through the app's own forms, once per server.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { DEMO, expect, type App } from '../fixtures.ts';
import { DEMO_TODAY_EVENT_TITLE } from '../../src/lib/server/seed/demo-hall-events.ts';

export const PHOTO = Buffer.from(
	'/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/' +
		'2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/' +
		'wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEB' +
		'AAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
	'base64'
);

/** Who knocks: the demo roles, 东山's clerk, and nobody signed in. */
export const ROLES = [
	'anonymous',
	'admin',
	'clerk',
	'secretary',
	'villager',
	'gridHead',
	'rep',
	'supervisor',
	'dsClerk',
	// 周建华, an official of 长青乡, the township of 新阳村 (and of 湖东村, not of 东山村).
	'township'
] as const;
export type Role = (typeof ROLES)[number];

const LOGINS: Record<
	Exclude<Role, 'anonymous' | 'dsClerk'>,
	{ phone: string; password: string }
> = {
	admin: DEMO.admin,
	clerk: DEMO.clerk,
	secretary: DEMO.secretary,
	villager: DEMO.villager,
	gridHead: { phone: '13800000004', password: 'demo-gridhead-2026' },
	rep: { phone: '13800000005', password: 'demo-rep-2026' },
	supervisor: { phone: '13800000006', password: 'demo-supervisor-2026' },
	township: { phone: '13800000010', password: 'demo-township-2026' }
};

export const DONGSHAN = {
	slug: 'dongshan',
	name: '东山村',
	clerk: { name: '陈明', phone: '13700000001', password: '东山脚下的小河流水' }
};

/** Text that only the people entitled to it may ever see in a response. */
export const SECRETS = {
	xyTopicTitle: '三组水塘边的护栏断了一截',
	draftMeetingTitle: '支委会：东风渠清淤草稿',
	dsTopicTitle: '东山村后沟的石桥松动',
	dsMeetingTitle: '东山村村民代表会议：修桥',
	dsNoticeTitle: '东山村公示：修桥预算'
};

export interface Reply {
	status: number;
	location: string;
	text: string;
	type: string;
}

export type Body = URLSearchParams | FormData | string | undefined;

/** One request as a browser form post (or a GET) would send it, redirects not followed. */
export async function send(
	app: App,
	cookie: string | null,
	method: 'GET' | 'POST',
	path: string,
	body?: Body,
	headers: Record<string, string> = {}
): Promise<Reply> {
	const h: Record<string, string> = { accept: 'text/html', ...headers };
	if (method === 'POST') h.origin = app.url;
	if (cookie) h.cookie = cookie;
	if (typeof body === 'string' && !h['content-type'])
		h['content-type'] = 'application/x-www-form-urlencoded';
	const response = await fetch(app.url + path, { method, headers: h, body, redirect: 'manual' });
	return {
		status: response.status,
		location: response.headers.get('location') ?? '',
		type: response.headers.get('content-type') ?? '',
		text: await response.text()
	};
}

export const form = (fields: Record<string, string | string[]>): URLSearchParams => {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
	return p;
};

export function multipart(
	fields: Record<string, string>,
	files: Record<string, { name: string; type: string; data: Uint8Array }> = {}
): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	for (const [k, v] of Object.entries(files))
		f.append(k, new Blob([new Uint8Array(v.data)], { type: v.type }), v.name);
	return f;
}

function sessionOf(response: Response): string {
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
	return cookie;
}

async function signIn(app: App, phone: string, password: string): Promise<string> {
	const response = await fetch(`${app.url}/login`, {
		method: 'POST',
		headers: { origin: app.url, accept: 'text/html' },
		body: form({ phone, password }),
		redirect: 'manual'
	});
	expect(response.status, `sign-in of ${phone}`).toBe(303);
	return sessionOf(response);
}

/** A read-only look at the server's database file (WAL lets it read while the server writes). */
export class DbWatch {
	readonly db: Database.Database;
	constructor(path: string) {
		this.db = new Database(path, { readonly: true, fileMustExist: true });
	}
	/** Changes whenever another connection (the server) commits anything at all. */
	version(): number {
		return this.db.pragma('data_version', { simple: true }) as number;
	}
	audit(): number {
		return this.db.prepare('select count(*) from audit').pluck().get() as number;
	}
	/** Every row of every table, hashed per table: equal digests mean nothing was written there. */
	digests(): Record<string, string> {
		const tables = this.db
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.pluck()
			.all() as string[];
		const out: Record<string, string> = {};
		for (const t of tables) {
			// A session's sliding expiry is renewed by reading; it is not data an attack changes.
			if (t === 'sessions' || t.startsWith('sqlite_')) continue;
			const h = createHash('sha256');
			for (const row of this.db.prepare(`select * from "${t}"`).raw().iterate())
				h.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
			out[t] = h.digest('hex');
		}
		return out;
	}
	/** The tables whose rows differ between two `digests()`. */
	static changed(a: Record<string, string>, b: Record<string, string>): string[] {
		return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]);
	}
	/** Text columns where some value satisfies `test` (SQL over the column `$col`), as table.column. */
	textColumnsWhere(test: string, skip: string[] = []): string[] {
		const out: string[] = [];
		const tables = this.db
			.prepare("select name from sqlite_master where type = 'table'")
			.pluck()
			.all() as string[];
		for (const t of tables.filter((t) => !skip.includes(t)))
			for (const { name } of this.db.pragma(`table_info("${t}")`) as { name: string }[]) {
				const v = `"${name}"`;
				const sql = `select 1 from "${t}" where typeof(${v}) = 'text' and (${test.replaceAll('$col', v)})`;
				if (this.db.prepare(sql).get()) out.push(`${t}.${name}`);
			}
		return out;
	}
	get<T>(sql: string, ...params: unknown[]): T {
		return this.db
			.prepare(sql)
			.pluck()
			.get(...params) as T;
	}
	close(): void {
		this.db.close();
	}
}

export interface World {
	app: App;
	watch: DbWatch;
	cookies: Record<Role, string | null>;
	xy: {
		villageId: number;
		/** A revision of the village rules (the demo's, or one opened here) and a change of its draft. */
		revision: number;
		revisionChange: number;
		/** Whether the draft was put to the villagers already: then anyone may read it. */
		revisionPublic: boolean;
		/** A comment on it, or 0 when the draft has none yet. */
		revisionComment: number;
		/** A topic the villager filed, with a photo only members may fetch. */
		topic: string;
		photo: number;
		/** A topic the grid head filed for a villager, with the photo of the signed consent note. */
		behalfTopic: string;
		consentPhoto: number;
		/** The villager's draft (demo): only she sees it. */
		draftTopic: string;
		draftTopicId: number;
		draftTopicTitle: string;
		fourPlusTwo: string;
		/** The same implemented 4+2 topic by id, as the supervision workspace's form names it. */
		fourPlusTwoId: number;
		consultationTopic: string;
		submittedTopic: string;
		/** The villager's service case, waiting for dispatch (opened from her topic). */
		serviceCase: string;
		/** The representative's service case: not the villager's to see. */
		repCase: string;
		closedMeeting: number;
		notifiedMeeting: number;
		/** 周建华's login: the township official the console may invite. */
		townshipOfficial: number;
		/** The message the notified meeting's notice queued, and one of its deliveries. */
		message: number;
		delivery: number;
		draftMeeting: number;
		urgentMeeting: number;
		sheet: number;
		motion: number;
		agendaItem: number;
		notice: number;
		objection: number;
		/** The seq of the notice the objection was filed on. */
		objectionNotice: number;
		/** The demo's objection referred to the township (长青乡), unanswered. */
		referral: number;
		opinion: number;
		topicId: number;
		resolution: number;
		/** A filing of 新阳村 still waiting in the township's inbox (备案). */
		filing: number;
		/** A resident with no account, whom the grid head filed for. */
		spare: number;
		person: number;
		personPhone: string;
		/** Whether the grid head is 张秀英's own, who may see her phone number. */
		ownGridHead: boolean;
		/** The grid head's place on the roster: someone a villager may be told through. */
		gridHeadPerson: number;
		household: number;
		grid: number;
		role: number;
		villagerAccount: number;
		/** The grid the grid head keeps, and another grid of the village. */
		gridPointGrid: number;
		otherGrid: number;
		/** An open item of the grid head's grid point, raised by `spare`; one of another grid. */
		gridPointItem: number;
		otherGridPointItem: number;
		/** A volunteer still serving. */
		volunteer: number;
		/** A venue in use, and a booking on one, taken at the desk. */
		venue: number;
		hallEvent: number;
		/** The demo's public hall event of today, whose door takes QR sign-ins. */
		todayHallEvent: number;
		/** The demo's published honour round, one of its honourees and a nominee not chosen. */
		honourRound: number;
		honouree: number;
		notChosen: number;
	};
	ds: {
		villageId: number;
		topic: string;
		photo: number;
		meeting: number;
		agendaItem: number;
		notice: number;
		person: number;
		household: number;
		householdKey: string;
		grid: number;
		group: number;
		role: number;
		account: number;
		stagedImport: number;
	};
}

const worlds = new Map<string, Promise<World>>();

/** The world on this server, built on first use and shared by the tests of the worker. */
export function worldOf(app: App): Promise<World> {
	let w = worlds.get(app.url);
	if (!w) {
		w = buildWorld(app);
		worlds.set(app.url, w);
	}
	return w;
}

function chinaDate(offsetDays = 0): string {
	return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function expectRedirect(reply: Reply, what: string, to: RegExp): Promise<string> {
	expect(reply.status, `${what}: ${reply.text.slice(0, 300)}`).toBe(303);
	expect(reply.location, what).toMatch(to);
	return reply.location;
}

async function buildWorld(app: App): Promise<World> {
	const watch = new DbWatch(app.dbPath);
	const cookies = { anonymous: null } as Record<Role, string | null>;
	for (const [role, login] of Object.entries(LOGINS))
		cookies[role as Role] = await signIn(app, login.phone, login.password);
	const one = <T>(sql: string, ...p: unknown[]) => {
		const v = watch.get<T>(sql, ...p);
		if (v === undefined || v === null) throw new Error(`world: nothing for ${sql} ${p}`);
		return v;
	};

	// 东山村 and its clerk, as the administrator opens a village.
	const created = await send(
		app,
		cookies.admin,
		'POST',
		'/admin?/createVillage',
		form({
			name: DONGSHAN.name,
			slug: DONGSHAN.slug,
			province: '黑龙江省',
			clerkName: DONGSHAN.clerk.name,
			clerkPhone: DONGSHAN.clerk.phone
		})
	);
	expect(created.status, created.text.slice(0, 300)).toBe(200);
	const code = /class="code-slip"[^>]*>([^<]*)</.exec(created.text)?.[1].replace(/\D/g, '');
	expect(code, 'activation code on the slip').toMatch(/^\d{8}$/);
	const activated = await fetch(`${app.url}/activate`, {
		method: 'POST',
		headers: { origin: app.url, accept: 'text/html' },
		body: form({ phone: DONGSHAN.clerk.phone, code: code!, password: DONGSHAN.clerk.password }),
		redirect: 'manual'
	});
	expect(activated.status).toBe(303);
	const ds = sessionOf(activated);
	cookies.dsClerk = ds;
	const dsVillage = one<number>("select id from villages where slug = 'dongshan'");

	// Its roster: the app's own template file, imported as a clerk does.
	const template = await send(app, ds, 'GET', '/dongshan/roster/import/template.csv');
	expect(template.status).toBe(200);
	for (const [action, names] of [
		['addGroups', '第一村民小组'],
		['addGrids', '第一网格']
	])
		expect(
			(await send(app, ds, 'POST', `/dongshan/roster/structure?/${action}`, form({ names }))).status
		).toBe(200);
	const csv = {
		name: 'roster.csv',
		type: 'text/csv',
		data: new TextEncoder().encode(template.text)
	};
	const preview = async () => {
		const r = await send(
			app,
			ds,
			'POST',
			'/dongshan/roster/import?/preview',
			multipart({}, { file: csv })
		);
		expect(r.status, r.text.slice(0, 300)).toBe(200);
		return one<number>('select max(id) from roster_imports where village_id = ?', dsVillage);
	};
	const firstImport = await preview();
	expect(
		(
			await send(
				app,
				ds,
				'POST',
				'/dongshan/roster/import?/confirm',
				form({ importId: String(firstImport) })
			)
		).status
	).toBe(200);
	const stagedImport = await preview();
	const dsPerson = one<number>('select min(id) from people where village_id = ?', dsVillage);
	const dsHousehold = one<number>('select household_id from people where id = ?', dsPerson);
	const dsHouseholdKey = one<string>(
		'select household_key from households where id = ?',
		dsHousehold
	).toString();
	const dsGrid = one<number>('select id from grids where village_id = ?', dsVillage);
	const dsGroup = one<number>('select id from village_groups where village_id = ?', dsVillage);
	expect(
		(
			await send(
				app,
				ds,
				'POST',
				`/dongshan/roster/people/${dsPerson}?/assignRole`,
				form({ role: 'grid_head', startDate: '2026-01-01', gridId: String(dsGrid) })
			)
		).status
	).toBe(200);
	const dsRole = one<number>('select max(id) from roles where village_id = ?', dsVillage);

	// A topic filed for its villager, with a photo.
	const consentAt = new Date(Date.now() + 8 * 3600_000 - 3600_000).toISOString().slice(0, 16);
	const dsTopicAt = await expectRedirect(
		await send(
			app,
			ds,
			'POST',
			'/dongshan/topics/new?/submit',
			multipart(
				{
					title: SECRETS.dsTopicTitle,
					description: `${SECRETS.dsTopicTitle}，过车时晃动。`,
					category: 'livelihood',
					forPerson: String(dsPerson),
					channel: 'phone',
					consentKind: 'read_back',
					consentAt
				},
				{ files: { name: '石桥.jpg', type: 'image/jpeg', data: PHOTO } }
			)
		),
		'东山 topic',
		/\/dongshan\/topics\/[^/?]+\?filed=submitted$/
	);
	const dsTopic = decodeURIComponent(/topics\/([^/?]+)/.exec(dsTopicAt)![1]);
	const dsPhoto = one<number>(
		'select a.id from topic_attachments a join topics t on t.id = a.topic_id where t.number = ? and t.village_id = ?',
		dsTopic,
		dsVillage
	);

	// A draft meeting with an agenda item (motions need an open meeting), and a notice that takes objections.
	const meetingAt = await expectRedirect(
		await send(
			app,
			ds,
			'POST',
			'/dongshan/meetings/new?/create',
			form({ type: 'reps_meeting', title: SECRETS.dsMeetingTitle, meetingDate: chinaDate(20) })
		),
		'东山 meeting',
		/\/dongshan\/meetings\/\d+\/console$/
	);
	const dsMeeting = Number(/meetings\/(\d+)/.exec(meetingAt)![1]);
	await expectRedirect(
		await send(
			app,
			ds,
			'POST',
			`/dongshan/meetings/${dsMeeting}/console?/addAgenda`,
			form({ title: '修桥' })
		),
		'东山 agenda',
		/console/
	);
	const dsItem = one<number>('select id from agenda_items where meeting_id = ?', dsMeeting);
	const noticeAt = await expectRedirect(
		await send(
			app,
			ds,
			'POST',
			'/dongshan/notices/desk?/post',
			form({
				kind: 'general',
				title: SECRETS.dsNoticeTitle,
				summary: '修桥预算两万元',
				body: '修桥预算两万元，请村民监督。',
				objections: 'on'
			})
		),
		'东山 notice',
		/posted=\d+$/
	);
	const dsNotice = Number(/posted=(\d+)/.exec(noticeAt)![1]);
	const dsAccount = one<number>('select id from users where phone = ?', DONGSHAN.clerk.phone);

	// 新阳's own private things.
	const xyVillage = one<number>("select id from villages where slug = 'xinyang'");
	const xyTopicAt = await expectRedirect(
		await send(
			app,
			cookies.villager,
			'POST',
			'/xinyang/topics/new?/submit',
			multipart(
				{
					title: SECRETS.xyTopicTitle,
					description: `${SECRETS.xyTopicTitle}，孩子们常在那里玩。`,
					category: 'livelihood'
				},
				{ files: { name: '护栏.jpg', type: 'image/jpeg', data: PHOTO } }
			)
		),
		'新阳 topic',
		/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/
	);
	const xyTopic = /XY-\d{4}-\d{4}/.exec(xyTopicAt)![0];
	const xyPhoto = one<number>(
		'select a.id from topic_attachments a join topics t on t.id = a.topic_id where t.number = ?',
		xyTopic
	);
	const gridHeadPerson = one<number>("select person_id from users where phone = '13800000004'");
	const behalfFor = one<number>(
		`select p.id from people p join households h on h.id = p.household_id
		 join roles r on r.person_id = ? and r.role = 'grid_head' and r.grid_id = h.grid_id
		 where p.village_id = ? and p.status = 'resident' and p.id not in (select person_id from users where person_id is not null)
		 order by p.id limit 1`,
		gridHeadPerson,
		xyVillage
	);
	const behalfAt = await expectRedirect(
		await send(
			app,
			cookies.gridHead,
			'POST',
			'/xinyang/topics/new?/submit',
			multipart(
				{
					title: '网格议事点：五组路口积水',
					description: '下雨天五组路口积水没过脚踝。',
					category: 'livelihood',
					forPerson: String(behalfFor),
					channel: 'grid_point',
					consentKind: 'signed_note'
				},
				{ consentPhoto: { name: '签字条.jpg', type: 'image/jpeg', data: PHOTO } }
			)
		),
		'on-behalf topic',
		/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/
	);
	const behalfTopic = /XY-\d{4}-\d{4}/.exec(behalfAt)![0];
	const consentPhoto = one<number>(
		`select a.id from topic_attachments a join topics t on t.id = a.topic_id where t.number = ? and a.purpose = 'consent'`,
		behalfTopic
	);
	// The grid point's log: an open item at the grid head's grid, one at another grid (by the
	// clerk), and a volunteer who serves.
	const gridPointGrid = one<number>(
		"select grid_id from roles where person_id = ? and role = 'grid_head'",
		gridHeadPerson
	);
	const otherGrid = one<number>(
		'select min(id) from grids where village_id = ? and id <> ?',
		xyVillage,
		gridPointGrid
	);
	for (const [cookie, grid, text] of [
		[cookies.gridHead, gridPointGrid, '村口路灯坏了三盏'],
		[cookies.clerk, otherGrid, '垃圾清运不及时']
	] as const)
		await expectRedirect(
			await send(
				app,
				cookie,
				'POST',
				'/xinyang/grid-point?/record',
				form({
					grid: String(grid),
					raisedOn: chinaDate(),
					person: grid === gridPointGrid ? String(behalfFor) : '',
					text
				})
			),
			'grid point item',
			/\/xinyang\/grid-point\?grid=\d+&recorded=1$/
		);
	const gridPointItem = one<number>(
		'select max(id) from grid_point_items where grid_id = ?',
		gridPointGrid
	);
	const otherGridPointItem = one<number>(
		'select max(id) from grid_point_items where grid_id = ?',
		otherGrid
	);
	await expectRedirect(
		await send(
			app,
			cookies.clerk,
			'POST',
			'/xinyang/roster/volunteers?/add',
			form({ personId: String(gridHeadPerson), skills: '陪同就医', startDate: chinaDate() })
		),
		'volunteer',
		/\/xinyang\/roster\/volunteers\?saved=added$/
	);
	const volunteer = one<number>(
		'select max(id) from volunteers where person_id = ?',
		gridHeadPerson
	);
	const venue = one<number>(
		"select id from venues where village_id = (select id from villages where slug = 'xinyang') and retired_on is null order by position limit 1"
	);
	const booked = await expectRedirect(
		await send(
			app,
			cookies.clerk,
			'POST',
			'/xinyang/hall?/book',
			form({
				kind: 'reading',
				title: '读书会',
				venueId: String(venue),
				date: chinaDate(45),
				startTime: '06:00',
				endTime: '06:30'
			})
		),
		'hall booking',
		/\/xinyang\/hall\/\d+\?booked=1$/
	);
	const hallEvent = Number(/hall\/(\d+)/.exec(booked)![1]);

	// Service cases, opened as a topic sent to 直接办理 opens one: the villager's own, and the
	// representative's, which the villager must not find.
	const caseFor = async (who: Role, title: string) => {
		const at = await expectRedirect(
			await send(
				app,
				cookies[who],
				'POST',
				'/xinyang/topics/new?/submit',
				multipart({ title, description: `${title}，急用。`, category: 'livelihood' })
			),
			`${who}'s service topic`,
			/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/
		);
		const number = /XY-\d{4}-\d{4}/.exec(at)![0];
		const triaged = await send(
			app,
			cookies.clerk,
			'POST',
			`/xinyang/topics/${number}?/triage`,
			form({ art24Answer: 'no', route: 'direct', reason: '' })
		);
		expect(triaged.status, triaged.text.slice(0, 300)).toBe(200);
		return one<string>(
			'select c.number from service_cases c join topics t on t.id = c.topic_id where t.number = ?',
			number
		);
	};
	const serviceCase = await caseFor('villager', '开具居住证明');
	const repCase = await caseFor('rep', '补办社保卡');
	const draftMeetingAt = await expectRedirect(
		await send(
			app,
			cookies.clerk,
			'POST',
			'/xinyang/meetings/new?/create',
			form({
				type: 'branch_committee',
				title: SECRETS.draftMeetingTitle,
				meetingDate: chinaDate(30)
			})
		),
		'draft meeting',
		/\/console$/
	);
	const urgentAt = await expectRedirect(
		await send(
			app,
			cookies.clerk,
			'POST',
			'/xinyang/meetings/new?/create',
			form({ type: 'urgent_coordination', title: '紧急协调会：停水', meetingDate: chinaDate() })
		),
		'urgent meeting',
		/\/console$/
	);
	const closedMeeting = one<number>(
		"select min(id) from meetings where state = 'closed' and village_id = ?",
		xyVillage
	);
	await expectRedirect(
		await send(
			app,
			cookies.clerk,
			'POST',
			`/xinyang/meetings/${closedMeeting}/minutes?/attest`,
			multipart({}, { sheet: { name: '签字页.jpg', type: 'image/jpeg', data: PHOTO } })
		),
		'signed sheet',
		/done=attested$/
	);
	const sheet = one<number>(
		'select max(id) from minutes_attestations where meeting_id = ?',
		closedMeeting
	);
	// The village rules' revision: the demo's when its seed made one, else opened and drafted here.
	if (!watch.get<number>('select min(id) from rules_revisions where village_id = ?', xyVillage)) {
		const rulesTopic = one<string>(
			"select min(number) from topics where category = 'village_rules' and state in ('submitted', 'four_plus_two') and village_id = ?",
			xyVillage
		);
		const at = await expectRedirect(
			await send(
				app,
				cookies.clerk,
				'POST',
				`/xinyang/topics/${rulesTopic}?/openRevision`,
				form({ kind: 'village_rules' })
			),
			'rules revision',
			/\/rules\/revisions\/\d+$/
		);
		await expectRedirect(
			await send(
				app,
				cookies.clerk,
				'POST',
				`${at}?/draft`,
				form({ change: 'add', afterKey: '0', body: '禁止露天焚烧秸秆。', reason: '保护环境。' })
			),
			'rules draft',
			/done=drafted#changes$/
		);
	}
	const revision = one<number>(
		'select min(id) from rules_revisions where village_id = ?',
		xyVillage
	);
	const villagerPerson = one<number>(
		`select person_id from users where phone = '${DEMO.villager.phone}'`
	);
	const notifiedMeeting = one<number>(
		"select min(id) from meetings where state = 'notified' and village_id = ?",
		xyVillage
	);
	const motion = one<number>(
		'select min(mo.id) from motions mo join agenda_items a on a.id = mo.agenda_item_id where a.meeting_id = ?',
		closedMeeting
	);

	return {
		app,
		watch,
		cookies,
		xy: {
			villageId: xyVillage,
			revision,
			revisionChange: one<number>(
				'select min(id) from rules_revision_changes where revision_id = ?',
				revision
			),
			revisionPublic:
				one<number>(
					'select comments_from is not null from rules_revisions where id = ?',
					revision
				) === 1,
			revisionComment:
				watch.get<number>('select min(id) from rules_comments where revision_id = ?', revision) ??
				0,
			topic: xyTopic,
			photo: xyPhoto,
			behalfTopic,
			consentPhoto,
			draftTopic: one<string>(
				"select number from topics where state = 'draft' and village_id = ?",
				xyVillage
			),
			draftTopicId: one<number>(
				"select id from topics where state = 'draft' and village_id = ?",
				xyVillage
			),
			draftTopicTitle: one<string>(
				"select title from topics where state = 'draft' and village_id = ?",
				xyVillage
			),
			fourPlusTwo: one<string>(
				"select t.number from topics t join implementations i on i.topic_id = t.id where t.state = 'four_plus_two' order by t.id limit 1"
			),
			fourPlusTwoId: one<number>(
				"select t.id from topics t join implementations i on i.topic_id = t.id where t.state = 'four_plus_two' order by t.id limit 1"
			),
			consultationTopic: one<string>(
				"select min(number) from topics where state = 'consultation' and village_id = ?",
				xyVillage
			),
			submittedTopic: one<string>(
				"select min(number) from topics where state = 'submitted' and village_id = ?",
				xyVillage
			),
			serviceCase,
			repCase,
			closedMeeting,
			notifiedMeeting,
			townshipOfficial: one<number>(
				`select id from users where phone = '${LOGINS.township.phone}'`
			),
			message: one<number>(
				"select id from messages where kind = 'meeting_called' and subject_id = ?",
				notifiedMeeting
			),
			delivery: one<number>(
				"select min(d.id) from message_deliveries d join messages m on m.id = d.message_id where m.kind = 'meeting_called' and m.subject_id = ?",
				notifiedMeeting
			),
			draftMeeting: Number(/meetings\/(\d+)/.exec(draftMeetingAt)![1]),
			urgentMeeting: Number(/meetings\/(\d+)/.exec(urgentAt)![1]),
			sheet,
			motion,
			agendaItem: one<number>(
				'select min(id) from agenda_items where meeting_id = ?',
				notifiedMeeting
			),
			notice: one<number>('select min(seq) from notices where village_id = ?', xyVillage),
			objection: one<number>('select min(id) from objections'),
			referral: one<number>('select min(id) from township_referrals where answered_at is null'),
			objectionNotice: one<number>(
				'select n.seq from objections o join notices n on n.id = o.notice_id order by o.id limit 1'
			),
			opinion: one<number>(
				'select min(o.id) from topic_opinions o join topics t on t.id = o.topic_id where t.village_id = ?',
				xyVillage
			),
			topicId: one<number>('select id from topics where number = ?', xyTopic),
			spare: behalfFor,
			resolution: one<number>('select min(id) from resolutions where village_id = ?', xyVillage),
			filing: one<number>(
				"select min(id) from township_filings where village_id = ? and state = 'filed'",
				xyVillage
			),
			person: villagerPerson,
			personPhone: DEMO.villager.phone,
			ownGridHead: !!watch.get<number>(
				`select 1 from roles r join households h on h.grid_id = r.grid_id join people p on p.household_id = h.id
				 where r.role = 'grid_head' and r.person_id = ? and p.id = ?`,
				gridHeadPerson,
				villagerPerson
			),
			gridHeadPerson,
			household: one<number>('select household_id from people where id = ?', villagerPerson),
			grid: one<number>('select min(id) from grids where village_id = ?', xyVillage),
			role: one<number>('select min(id) from roles where person_id = ?', gridHeadPerson),
			villagerAccount: one<number>(`select id from users where phone = '${DEMO.villager.phone}'`),
			gridPointGrid,
			otherGrid,
			gridPointItem,
			otherGridPointItem,
			volunteer,
			venue,
			hallEvent,
			todayHallEvent: one<number>(
				'select min(id) from hall_events where village_id = ? and title = ?',
				xyVillage,
				DEMO_TODAY_EVENT_TITLE
			),
			honourRound: one<number>('select min(id) from honour_rounds where village_id = ?', xyVillage),
			honouree: one<number>(
				`select min(n.id) from honour_nominations n join honour_categories c on c.id = n.category_id
				 join honour_rounds r on r.id = c.round_id where r.village_id = ? and n.honoured = 1`,
				xyVillage
			),
			notChosen: one<number>(
				`select min(n.id) from honour_nominations n join honour_categories c on c.id = n.category_id
				 join honour_rounds r on r.id = c.round_id where r.village_id = ? and n.honoured = 0`,
				xyVillage
			)
		},
		ds: {
			villageId: dsVillage,
			topic: dsTopic,
			photo: dsPhoto,
			meeting: dsMeeting,
			agendaItem: dsItem,
			notice: dsNotice,
			person: dsPerson,
			household: dsHousehold,
			householdKey: dsHouseholdKey,
			grid: dsGrid,
			group: dsGroup,
			role: dsRole,
			account: dsAccount,
			stagedImport
		}
	};
}

/** Runs `fn` over the items, `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(width, items.length) }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

/** The refusal or notice a page shows, for failure reports. */
export const messageOf = (html: string): string =>
	/role="(?:alert|status)"[^>]*>([^<]{0,120})/.exec(html)?.[1] ?? '';
