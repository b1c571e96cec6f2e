// Every route and form action of the app, who may use it, and where to find a real one in the
// demo world. The inventory test compares this table with src/routes, so a new page, endpoint or
// action fails the suite until someone says who may call it: here for pages and endpoints, in the
// permission table (src/lib/server/permissions/table.ts) for form actions.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTE_ACTIONS, gateOfAction, type Gate } from '../../src/lib/server/permissions/table.ts';
import { ROLES, type Role, type World } from './access-world.ts';

/**
 * Who may use something. `member`: any member of the village (the domain may refuse some of them
 * further); `staff`: its clerk or branch secretary; `supervisor`: a member of its supervision
 * committee; `signedIn`: any account; `admin`: the system administrator. A form action's gate comes
 * from the rule of the domain command it calls (src/lib/server/permissions/table.ts).
 */
export type { Gate };

export interface RouteSpec {
	/** Who may read the page or call the endpoint's GET; absent when there is none. */
	get?: Gate;
	/** A +server.ts POST. */
	post?: Gate;
	actions?: Record<string, Gate>;
}

const PAGES: Record<string, Omit<RouteSpec, 'actions'>> = {
	'/': { get: 'public' },
	'/account': { get: 'signedIn' },
	'/activate': { get: 'public' },
	'/admin': { get: 'admin' },
	// The township's desk: its staff only.
	'/township': { get: 'township' },
	'/township/filings': { get: 'township' },
	// The official's invitations to the township's villages' meetings.
	'/township/meetings': { get: 'township' },
	// The township's inbox of referred objections and complaints, and each one's page.
	'/township/referrals': { get: 'township' },
	'/township/referrals/[id]': { get: 'township' },
	'/township/overview.csv': { get: 'township' },
	'/township/overview.json': { get: 'township' },
	// A village of the township, read only; another township's village is not found.
	'/township/villages/[village]': { get: 'township' },
	'/display': { post: 'public' },
	'/healthz': { get: 'public' },
	'/language': { post: 'public' },
	'/login': { get: 'public' },
	'/logout': { post: 'public' },
	'/[village]': { get: 'public' },
	'/[village]/accounts': { get: 'staff' },
	'/[village]/authorizations': { get: 'staff' },
	// The public calendar, its feed and its weekly posters: public events and announced meetings.
	'/[village]/calendar': { get: 'public' },
	'/[village]/calendar.ics': { get: 'public' },
	'/[village]/calendar/week/[date]': { get: 'public' },
	'/[village]/dashboard': { get: 'staff' },
	// Counts and rates only, no names: anyone may read them.
	'/[village]/figures': { get: 'public' },
	// Open data: the public record as CSV and JSON, nothing personal; anyone may download it.
	'/[village]/open-data': { get: 'public' },
	'/[village]/open-data/[dataset].csv': { get: 'public' },
	'/[village]/open-data/[dataset].json': { get: 'public' },
	// A hall event's attendance for the desk; the door's sign-in for any member.
	'/[village]/hall/[id]/attendance': { get: 'staff' },
	'/[village]/hall/[id]/checkin': { get: 'member' },
	'/[village]/households': { get: 'staff' },
	'/[village]/hall': { get: 'staff' },
	'/[village]/hall/[id]': { get: 'staff' },
	'/[village]/venues': { get: 'staff' },
	// The outbox's SMS channel and an outbox message's loudspeaker script and recording: staff.
	'/[village]/outbox/sms': { get: 'staff' },
	'/[village]/outbox/[id]/broadcast': { get: 'staff' },
	'/[village]/outbox/[id]/broadcast.wav': { get: 'staff' },
	// A household's page: its contact member and the staff; any other member finds nothing.
	'/[village]/households/[household]': { get: 'member' },
	'/[village]/my-households': { get: 'member' },
	// Public once put to the villagers for comments; a draft before that is for members only.
	'/[village]/rules/revisions/[id]': { get: 'public' },
	// Published rounds and their honourees are public; a round under way is for members.
	'/[village]/honours': { get: 'public' },
	'/[village]/honours/new': { get: 'staff' },
	'/[village]/honours/[id]': { get: 'public' },
	// An honouree's certificate; a nominee not chosen has none (404 for everyone).
	'/[village]/honours/[id]/certificates/[nomination]': { get: 'public' },

	// A grid head (of some grid, today) and staff only: the domain refuses other members.
	'/[village]/grid-point': { get: 'member' },
	'/[village]/grid-point/summary': { get: 'member' },
	'/[village]/meetings': { get: 'member' },
	'/[village]/meetings/new': { get: 'staff' },
	// The meeting's notice is public once sent; voting and opinions are for its attendees.
	'/[village]/meetings/[id]': { get: 'public' },
	'/[village]/meetings/[id]/checkin': { get: 'member' },
	'/[village]/meetings/[id]/console': { get: 'staff' },
	'/[village]/meetings/[id]/hall': { get: 'staff' },
	// The vote page's live script asks whether the page changed: as public as the page itself.
	'/[village]/meetings/[id]/live': { get: 'public' },
	'/[village]/meetings/[id]/minutes': { get: 'member' },
	'/[village]/meetings/[id]/minutes/sheets/[file]': { get: 'member' },
	// A motion read aloud: public like the meeting page that shows its text.
	'/[village]/meetings/[id]/motions/[motion].wav': { get: 'public' },
	'/[village]/meetings/[id]/outcome': { get: 'member' },
	'/[village]/notices': { get: 'public' },
	'/[village]/notices.atom': { get: 'public' },
	'/[village]/notices/[seq]': { get: 'public' },
	'/[village]/notices/[seq].pdf': { get: 'public' },
	'/[village]/notices/[seq].wav': { get: 'public' },
	'/[village]/notices/[seq]/print': { get: 'public' },
	'/[village]/notices/desk': { get: 'staff' },
	// The outbox and each message are staff's; a grid's call list is its grid head's too (the
	// domain refuses other members).
	'/[village]/outbox': { get: 'staff' },
	'/[village]/outbox/[id]': { get: 'staff' },
	'/[village]/outbox/[id]/calls': { get: 'member' },
	'/[village]/resolutions': { get: 'public' },
	'/[village]/resolutions/[id]': { get: 'public' },
	// The village's rules bind everyone: their text and history are public; recording, enacting
	// and filing are the clerk's.
	'/[village]/rules': { get: 'public' },
	'/[village]/rules/[kind]/versions/[n]': { get: 'public' },
	'/[village]/rules/filings': { get: 'staff' },
	'/[village]/rules/record': { get: 'staff' },
	'/[village]/rules/revisions/[id]/enact': { get: 'staff' },
	'/[village]/roster': { get: 'staff' },
	'/[village]/roster/activation-sheet': { get: 'staff' },
	'/[village]/roster/collective': { get: 'staff' },
	'/[village]/roster/households': { get: 'staff' },
	'/[village]/roster/households/[household]': { get: 'staff' },
	'/[village]/roster/import': { get: 'staff' },
	'/[village]/roster/import/template.csv': { get: 'staff' },
	'/[village]/roster/people/[person]': { get: 'staff' },
	'/[village]/roster/structure': { get: 'staff' },
	'/[village]/roster/volunteers': { get: 'staff' },

	// Every member has a view of the window: staff the whole, others only their own cases.
	'/[village]/services': { get: 'member' },
	'/[village]/services/new': { get: 'member' },
	'/[village]/settings': { get: 'staff' },
	// The clerk's and secretary's figures by period and grid (supervisors read the public subset).
	'/[village]/statistics': { get: 'staff' },
	'/[village]/supervision': { get: 'supervisor' },
	'/[village]/topics': { get: 'member' },
	'/[village]/topics/mine': { get: 'member' },
	// A case is its villager's, their proxies', its assignees' and staff's: others find nothing.
	'/[village]/services/[number]': { get: 'member' },
	'/[village]/topics/register.csv': { get: 'staff' },
	'/[village]/topics/new': { get: 'member' },
	'/[village]/topics/[number]': { get: 'member' },
	'/[village]/topics/[number].wav': { get: 'member' },
	'/[village]/topics/[number]/archive': { get: 'staff' },
	'/[village]/topics/[number]/consultation': { get: 'member' },
	'/[village]/topics/[number]/files/[file]': { get: 'member' },
	// Progress is reported by staff or the person responsible (the demo's is the secretary).
	'/[village]/topics/[number]/implementation': { get: 'member' },
	'/[village]/topics/[number]/implementation/photos/[photo]': { get: 'member' },
	'/[village]/topics/[number]/procedure': { get: 'member' },
	'/[village]/topics/[number]/procedure/register': { get: 'member' },
	// Names the villager it was filed for: the filer, staff and the villager only.
	'/[village]/topics/[number]/receipt': { get: 'member' }
};

/** The pages and endpoints, with each form action's gate taken from the permission table. */
export const ROUTES: Record<string, RouteSpec> = Object.fromEntries(
	[...new Set([...Object.keys(PAGES), ...Object.keys(ROUTE_ACTIONS)])].map((route) => {
		const spec = PAGES[route] ?? {};
		const actions = ROUTE_ACTIONS[route];
		if (!actions) return [route, spec];
		return [
			route,
			{
				...spec,
				actions: Object.fromEntries(
					Object.entries(actions).map(([name, ref]) => [name, gateOfAction(ref)])
				)
			}
		];
	})
);

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

export interface RouteOnDisk {
	route: string;
	/** The innermost route group its files sit in, e.g. `(staff)`; null outside any. */
	group: string | null;
	get: boolean;
	post: boolean;
	actions: string[];
}

/** The routes as the file system has them, with their actions and endpoint methods. */
export function routesOnDisk(): RouteOnDisk[] {
	const found = new Map<string, RouteOnDisk>();
	const at = (dir: string) => {
		const route = '/' + path.relative(ROUTES_DIR, dir).split(path.sep).join('/');
		// Route groups like (admin) do not appear in the URL.
		const id = route.replace(/\/\([^)]+\)/g, '').replace(/^\/$/, '/') || '/';
		const group = route.match(/\([^)]+\)/g)?.at(-1) ?? null;
		let r = found.get(id);
		if (!r) found.set(id, (r = { route: id, group, get: false, post: false, actions: [] }));
		return r;
	};
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+page.svelte') at(dir).get = true;
			else if (entry.name === '+page.server.ts') {
				const r = at(dir);
				r.get = true;
				const source = readFileSync(full, 'utf8');
				const start = source.indexOf('export const actions');
				if (start >= 0)
					for (const match of source.slice(start).matchAll(/^\t([A-Za-z_$][\w$]*)\s*[:(,]/gm))
						r.actions.push(match[1]);
			} else if (entry.name === '+server.ts') {
				const source = readFileSync(full, 'utf8');
				const methods = [
					...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)
				].map((m) => m[1]);
				const r = at(dir);
				for (const method of methods) {
					if (method === 'GET') r.get = true;
					else if (method === 'POST') r.post = true;
					else throw new Error(`${full}: ${method} is not in the attack inventory's vocabulary`);
				}
			}
		}
	};
	walk(ROUTES_DIR);
	return [...found.values()].sort((a, b) => a.route.localeCompare(b.route));
}

/** Whether someone in this role passes the gate in 新阳村. */
export function passes(gate: Gate, role: Role): boolean {
	switch (gate) {
		case 'public':
			return true;
		case 'signedIn':
			return role !== 'anonymous';
		case 'admin':
			return role === 'admin';
		case 'member':
			return !['anonymous', 'admin', 'dsClerk', 'township'].includes(role);
		case 'staff':
			return role === 'clerk' || role === 'secretary';
		case 'supervisor':
			return role === 'supervisor';
		case 'township':
		case 'townshipOfficial':
			return role === 'township';
	}
}

export interface Probe {
	route: string;
	path: string;
	/** The status each role must get; roles not named are not tried. */
	expect: Partial<Record<Role, number>>;
}

const ALL: Role[] = [...ROLES];

/** What the gate gives each role: 200 inside, a sign-in redirect signed out, 403 otherwise. */
export function expected(gate: Gate, roles: Role[] = ALL): Partial<Record<Role, number>> {
	const out: Partial<Record<Role, number>> = {};
	for (const role of roles)
		out[role] = passes(gate, role) ? 200 : role === 'anonymous' && gate !== 'public' ? 303 : 403;
	return out;
}

/** As `expected`, but those who pass the gate find nothing: someone else's id, a draft. */
function hidden(gate: Gate, from: Role[] | 'all', roles: Role[] = ALL) {
	const out = expected(gate, roles);
	for (const role of roles)
		if (out[role] === 200 && (from === 'all' || from.includes(role))) out[role] = 404;
	return out;
}

/** The GET probes: each readable route with real ids, and with ids of the other village. */
export function probes(w: World): Probe[] {
	const { xy, ds } = w;
	const p = (route: string, path: string, expect: Partial<Record<Role, number>>): Probe => ({
		route,
		path,
		expect
	});
	const e = (route: string) => expected(ROUTES[route].get!);
	const mt = `/xinyang/meetings/${xy.notifiedMeeting}`;
	const membersNotStaff = ['villager', 'gridHead', 'rep', 'supervisor'] as Role[];
	return [
		p('/', '/', e('/')),
		p('/account', '/account', e('/account')),
		p('/activate', '/activate', e('/activate')),
		p('/admin', '/admin', e('/admin')),
		p('/township', '/township', e('/township')),
		p('/township/filings', '/township/filings', e('/township/filings')),
		p('/township/filings', '/township/filings?state=all&village=dongshan', e('/township/filings')),
		p('/township/meetings', '/township/meetings', e('/township/meetings')),
		p('/township/referrals', '/township/referrals', e('/township/referrals')),
		p(
			'/township/referrals/[id]',
			`/township/referrals/${xy.referral}`,
			e('/township/referrals/[id]')
		),
		p('/township/referrals/[id]', '/township/referrals/999999', hidden('township', 'all')),
		p('/township/overview.csv', '/township/overview.csv', e('/township/overview.csv')),
		p('/township/overview.json', '/township/overview.json', e('/township/overview.json')),
		p(
			'/township/villages/[village]',
			'/township/villages/xinyang',
			e('/township/villages/[village]')
		),
		p('/township/villages/[village]', '/township/villages/dongshan', hidden('township', 'all')),
		p('/healthz', '/healthz', e('/healthz')),
		// Signed in, the sign-in page sends you home.
		p('/login', '/login', Object.fromEntries(ALL.map((r) => [r, r === 'anonymous' ? 200 : 303]))),
		p('/[village]', '/xinyang', e('/[village]')),
		p('/[village]', '/dongshan', e('/[village]')),
		p('/[village]', '/no-such-village', hidden('public', 'all')),
		p('/[village]/accounts', '/xinyang/accounts', e('/[village]/accounts')),
		p('/[village]/authorizations', '/xinyang/authorizations', e('/[village]/authorizations')),
		p('/[village]/dashboard', '/xinyang/dashboard', e('/[village]/dashboard')),
		p('/[village]/households', '/xinyang/households', e('/[village]/households')),
		p('/[village]/hall', '/xinyang/hall', e('/[village]/hall')),
		p('/[village]/hall/[id]', `/xinyang/hall/${xy.hallEvent}`, e('/[village]/hall/[id]')),
		p('/[village]/venues', '/xinyang/venues', e('/[village]/venues')),
		p('/[village]/outbox/sms', '/xinyang/outbox/sms', e('/[village]/outbox/sms')),
		// The demo's first message, when the demo queues one; else staff find nothing at that id.
		...['broadcast', 'broadcast.wav'].flatMap((page) => [
			p(
				`/[village]/outbox/[id]/${page}`,
				`/xinyang/outbox/${xy.message || 1}/${page}`,
				xy.message ? e(`/[village]/outbox/[id]/${page}`) : hidden('staff', 'all')
			),
			p(`/[village]/outbox/[id]/${page}`, `/dongshan/outbox/${xy.message || 1}/${page}`, {
				dsClerk: 404,
				clerk: 403
			})
		]),
		// 张秀英's household is looked after by a party member with no login in the demo.
		p(
			'/[village]/households/[household]',
			`/xinyang/households/${xy.household}`,
			hidden('member', membersNotStaff)
		),
		p(
			'/[village]/households/[household]',
			`/xinyang/households/${ds.household}`,
			hidden('member', 'all')
		),
		p('/[village]/households/[household]', `/dongshan/households/${xy.household}`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/my-households', '/xinyang/my-households', e('/[village]/my-households')),
		p(
			'/[village]/rules/revisions/[id]',
			`/xinyang/rules/revisions/${xy.revision}`,
			xy.revisionPublic
				? e('/[village]/rules/revisions/[id]')
				: { ...expected('member'), dsClerk: 404, admin: 404, township: 404 }
		),
		p(
			'/[village]/rules/revisions/[id]',
			`/dongshan/rules/revisions/${xy.revision}`,
			// Not this village's: a visitor signed out may be a member of the other one.
			{ ...hidden('public', 'all'), anonymous: 303 }
		),
		p('/[village]/honours', '/xinyang/honours', e('/[village]/honours')),
		p('/[village]/honours/new', '/xinyang/honours/new', e('/[village]/honours/new')),
		p(
			'/[village]/honours/[id]',
			`/xinyang/honours/${xy.honourRound}`,
			e('/[village]/honours/[id]')
		),
		p('/[village]/honours/[id]', `/dongshan/honours/${xy.honourRound}`, hidden('public', 'all')),
		p(
			'/[village]/honours/[id]/certificates/[nomination]',
			`/xinyang/honours/${xy.honourRound}/certificates/${xy.honouree}`,
			e('/[village]/honours/[id]/certificates/[nomination]')
		),
		p(
			'/[village]/honours/[id]/certificates/[nomination]',
			`/xinyang/honours/${xy.honourRound}/certificates/${xy.notChosen}`,
			hidden('public', 'all')
		),

		// The grid point's log is its grid head's and staff's: other members are refused.
		p('/[village]/grid-point', '/xinyang/grid-point', {
			...e('/[village]/grid-point'),
			villager: 403,
			rep: 403,
			supervisor: 403
		}),
		// The grid head asks for a grid that is not theirs; staff see it.
		p('/[village]/grid-point', `/xinyang/grid-point?grid=${xy.otherGrid}`, {
			...e('/[village]/grid-point'),
			villager: 403,
			rep: 403,
			supervisor: 403,
			gridHead: 404
		}),
		p('/[village]/grid-point', `/dongshan/grid-point?grid=${xy.gridPointGrid}`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/grid-point/summary', `/xinyang/grid-point/summary?grid=${xy.gridPointGrid}`, {
			...e('/[village]/grid-point/summary'),
			villager: 403,
			rep: 403,
			supervisor: 403
		}),
		p(
			'/[village]/grid-point/summary',
			`/xinyang/grid-point/summary?grid=${xy.otherGrid}&week=2026-01-05`,
			{
				...e('/[village]/grid-point/summary'),
				villager: 403,
				rep: 403,
				supervisor: 403,
				gridHead: 404
			}
		),
		p('/[village]/grid-point/summary', `/xinyang/grid-point/summary?grid=${ds.grid}`, {
			clerk: 404,
			gridHead: 404
		}),
		p('/[village]/outbox', '/xinyang/outbox', e('/[village]/outbox')),
		p('/[village]/outbox/[id]', `/xinyang/outbox/${xy.message}`, e('/[village]/outbox/[id]')),
		p('/[village]/outbox/[id]', `/dongshan/outbox/${xy.message}`, {
			dsClerk: 404,
			clerk: 403
		}),
		// A grid's call list: the grid head of that grid and staff; other members are refused.
		p(
			'/[village]/outbox/[id]/calls',
			`/xinyang/outbox/${xy.message}/calls?grid=${xy.gridPointGrid}`,
			{
				...e('/[village]/outbox/[id]/calls'),
				villager: 403,
				rep: 403,
				supervisor: 403
			}
		),
		p('/[village]/outbox/[id]/calls', `/xinyang/outbox/${xy.message}/calls?grid=${xy.otherGrid}`, {
			...e('/[village]/outbox/[id]/calls'),
			villager: 403,
			rep: 403,
			supervisor: 403,
			gridHead: 404
		}),
		p('/[village]/outbox/[id]/calls', `/dongshan/outbox/${xy.message}/calls`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/figures', '/xinyang/figures', e('/[village]/figures')),
		p('/[village]/open-data', '/xinyang/open-data', e('/[village]/open-data')),
		p('/[village]/open-data', '/no-such-village/open-data', hidden('public', 'all')),
		p(
			'/[village]/open-data/[dataset].csv',
			'/xinyang/open-data/resolutions.csv',
			e('/[village]/open-data/[dataset].csv')
		),
		p(
			'/[village]/open-data/[dataset].csv',
			'/xinyang/open-data/users.csv',
			hidden('public', 'all')
		),
		p(
			'/[village]/open-data/[dataset].csv',
			'/no-such-village/open-data/notices.csv',
			hidden('public', 'all')
		),
		p(
			'/[village]/open-data/[dataset].json',
			'/dongshan/open-data/meeting-notices.json?page=2&per_page=1',
			e('/[village]/open-data/[dataset].json')
		),
		// Paging it cannot answer is the client's mistake, told in words: never a 500.
		...['page=0', 'per_page=100000000', 'page=1e9', 'page=%00'].map((q) =>
			p(
				'/[village]/open-data/[dataset].json',
				`/xinyang/open-data/implementations.json?${q}`,
				Object.fromEntries(ALL.map((r) => [r, 400]))
			)
		),
		p('/[village]/calendar', '/xinyang/calendar', e('/[village]/calendar')),
		p('/[village]/calendar', '/xinyang/calendar?month=2026-13', e('/[village]/calendar')),
		p('/[village]/calendar', '/no-such-village/calendar', hidden('public', 'all')),
		p('/[village]/calendar.ics', '/xinyang/calendar.ics', e('/[village]/calendar.ics')),
		p(
			'/[village]/calendar/week/[date]',
			'/xinyang/calendar/week/2026-12-06',
			e('/[village]/calendar/week/[date]')
		),
		p(
			'/[village]/calendar/week/[date]',
			'/xinyang/calendar/week/2026-02-30',
			hidden('public', 'all')
		),
		p(
			'/[village]/hall/[id]/attendance',
			`/xinyang/hall/${xy.todayHallEvent}/attendance`,
			e('/[village]/hall/[id]/attendance')
		),
		// One village's desk never reaches another's events.
		p('/[village]/hall/[id]/attendance', `/dongshan/hall/${xy.todayHallEvent}/attendance`, {
			dsClerk: 404,
			clerk: 403,
			anonymous: 303
		}),
		p(
			'/[village]/hall/[id]/checkin',
			`/xinyang/hall/${xy.todayHallEvent}/checkin?k=guess`,
			e('/[village]/hall/[id]/checkin')
		),
		p('/[village]/hall/[id]/checkin', `/dongshan/hall/${xy.todayHallEvent}/checkin`, {
			dsClerk: 404,
			villager: 403,
			anonymous: 303
		}),
		p('/[village]/figures', '/no-such-village/figures', hidden('public', 'all')),
		p('/[village]/statistics', '/xinyang/statistics', e('/[village]/statistics')),
		// One village's staff never read another's figures by period and grid.
		p('/[village]/statistics', '/dongshan/statistics', {
			dsClerk: 200,
			clerk: 403,
			anonymous: 303
		}),
		p('/[village]/meetings', '/xinyang/meetings', e('/[village]/meetings')),
		p('/[village]/meetings/new', '/xinyang/meetings/new', e('/[village]/meetings/new')),
		p('/[village]/meetings/[id]', mt, e('/[village]/meetings/[id]')),
		p(
			'/[village]/meetings/[id]',
			`/xinyang/meetings/${xy.draftMeeting}`,
			hidden('public', ['anonymous', 'admin', 'dsClerk', 'township', ...membersNotStaff])
		),
		p('/[village]/meetings/[id]', `/xinyang/meetings/${ds.meeting}`, hidden('public', 'all')),
		p('/[village]/meetings/[id]/live', `${mt}/live`, e('/[village]/meetings/[id]/live')),
		// A draft meeting's stamp is hidden like its page, and a meeting only under its own village.
		p(
			'/[village]/meetings/[id]/live',
			`/xinyang/meetings/${xy.draftMeeting}/live`,
			hidden('public', ['anonymous', 'admin', 'dsClerk', 'township', ...membersNotStaff])
		),
		p(
			'/[village]/meetings/[id]/live',
			`/xinyang/meetings/${ds.meeting}/live`,
			hidden('public', 'all')
		),
		p(
			'/[village]/meetings/[id]/motions/[motion].wav',
			`/xinyang/meetings/${xy.closedMeeting}/motions/${xy.motion}.wav`,
			e('/[village]/meetings/[id]/motions/[motion].wav')
		),
		// A motion is read only under its own meeting and village.
		p(
			'/[village]/meetings/[id]/motions/[motion].wav',
			`${mt}/motions/${xy.motion}.wav`,
			hidden('public', 'all')
		),
		p(
			'/[village]/meetings/[id]/motions/[motion].wav',
			`/dongshan/meetings/${xy.closedMeeting}/motions/${xy.motion}.wav`,
			hidden('public', 'all')
		),
		p(
			'/[village]/meetings/[id]',
			`/dongshan/meetings/${xy.notifiedMeeting}`,
			hidden('public', 'all')
		),
		p('/[village]/meetings/[id]/checkin', `${mt}/checkin`, e('/[village]/meetings/[id]/checkin')),
		p(
			'/[village]/meetings/[id]/checkin',
			`/xinyang/meetings/${xy.draftMeeting}/checkin`,
			hidden('member', membersNotStaff)
		),
		p(
			'/[village]/meetings/[id]/checkin',
			`/xinyang/meetings/${ds.meeting}/checkin`,
			hidden('member', 'all')
		),
		p('/[village]/meetings/[id]/console', `${mt}/console`, e('/[village]/meetings/[id]/console')),
		p(
			'/[village]/meetings/[id]/console',
			`/xinyang/meetings/${xy.draftMeeting}/console`,
			e('/[village]/meetings/[id]/console')
		),
		p(
			'/[village]/meetings/[id]/console',
			`/xinyang/meetings/${ds.meeting}/console`,
			hidden('staff', 'all')
		),
		p('/[village]/meetings/[id]/console', `/dongshan/meetings/${xy.notifiedMeeting}/console`, {
			dsClerk: 404,
			clerk: 403,
			anonymous: 303
		}),
		p('/[village]/meetings/[id]/hall', `${mt}/hall`, e('/[village]/meetings/[id]/hall')),
		p('/[village]/meetings/[id]/hall', `/dongshan/meetings/${xy.notifiedMeeting}/hall`, {
			dsClerk: 404,
			clerk: 403
		}),
		p(
			'/[village]/meetings/[id]/minutes',
			`/xinyang/meetings/${xy.closedMeeting}/minutes`,
			e('/[village]/meetings/[id]/minutes')
		),
		p(
			'/[village]/meetings/[id]/minutes',
			`/xinyang/meetings/${xy.draftMeeting}/minutes`,
			hidden('member', membersNotStaff)
		),
		p('/[village]/meetings/[id]/minutes', `/dongshan/meetings/${xy.closedMeeting}/minutes`, {
			dsClerk: 404,
			clerk: 403
		}),
		p(
			'/[village]/meetings/[id]/minutes/sheets/[file]',
			`/xinyang/meetings/${xy.closedMeeting}/minutes/sheets/${xy.sheet}`,
			e('/[village]/meetings/[id]/minutes/sheets/[file]')
		),
		p(
			'/[village]/meetings/[id]/minutes/sheets/[file]',
			`/xinyang/meetings/${xy.notifiedMeeting}/minutes/sheets/${xy.sheet}`,
			hidden('member', 'all')
		),
		p(
			'/[village]/meetings/[id]/minutes/sheets/[file]',
			`/dongshan/meetings/${xy.closedMeeting}/minutes/sheets/${xy.sheet}`,
			{ dsClerk: 404, clerk: 403, anonymous: 303 }
		),
		p(
			'/[village]/meetings/[id]/outcome',
			`/xinyang/meetings/${xy.urgentMeeting}/outcome`,
			e('/[village]/meetings/[id]/outcome')
		),
		p('/[village]/meetings/[id]/outcome', `${mt}/outcome`, hidden('member', 'all')),
		p('/[village]/notices', '/xinyang/notices', e('/[village]/notices')),
		p('/[village]/notices.atom', '/xinyang/notices.atom', e('/[village]/notices.atom')),
		p('/[village]/notices/[seq]', `/xinyang/notices/${xy.notice}`, e('/[village]/notices/[seq]')),
		p('/[village]/notices/[seq]', `/dongshan/notices/${ds.notice}`, e('/[village]/notices/[seq]')),
		p('/[village]/notices/[seq]', `/dongshan/notices/${ds.notice + 1}`, hidden('public', 'all')),
		// A PDF takes a second to print: signed out and across villages is enough.
		p('/[village]/notices/[seq].pdf', `/xinyang/notices/${xy.notice}.pdf`, { anonymous: 200 }),
		p(
			'/[village]/notices/[seq].wav',
			`/xinyang/notices/${xy.notice}.wav`,
			e('/[village]/notices/[seq].wav')
		),
		p(
			'/[village]/notices/[seq].wav',
			`/dongshan/notices/${ds.notice + 1}.wav`,
			hidden('public', 'all')
		),
		p('/[village]/notices/[seq].pdf', `/dongshan/notices/${ds.notice + 1}.pdf`, {
			anonymous: 404,
			dsClerk: 404
		}),
		p(
			'/[village]/notices/[seq]/print',
			`/xinyang/notices/${xy.notice}/print`,
			e('/[village]/notices/[seq]/print')
		),
		p(
			'/[village]/notices/[seq]/print',
			`/dongshan/notices/${ds.notice + 1}/print`,
			hidden('public', 'all')
		),
		p('/[village]/notices/desk', '/xinyang/notices/desk', e('/[village]/notices/desk')),
		p('/[village]/resolutions', '/xinyang/resolutions', e('/[village]/resolutions')),
		p(
			'/[village]/resolutions/[id]',
			`/xinyang/resolutions/${xy.resolution}`,
			e('/[village]/resolutions/[id]')
		),
		p(
			'/[village]/resolutions/[id]',
			`/dongshan/resolutions/${xy.resolution}`,
			hidden('public', 'all')
		),
		p('/[village]/rules', '/xinyang/rules', e('/[village]/rules')),
		p(
			'/[village]/rules/[kind]/versions/[n]',
			'/xinyang/rules/village_rules/versions/1',
			e('/[village]/rules/[kind]/versions/[n]')
		),
		p(
			'/[village]/rules/[kind]/versions/[n]',
			'/dongshan/rules/village_rules/versions/1',
			hidden('public', 'all')
		),
		p(
			'/[village]/rules/[kind]/versions/[n]',
			'/xinyang/rules/bylaws/versions/1?from=x',
			hidden('public', 'all')
		),
		p('/[village]/rules/filings', '/xinyang/rules/filings', e('/[village]/rules/filings')),
		p('/[village]/rules/record', '/xinyang/rules/record', e('/[village]/rules/record')),
		// No revision of that id in either village: staff find nothing, the rest are refused.
		p(
			'/[village]/rules/revisions/[id]/enact',
			'/xinyang/rules/revisions/999999/enact',
			hidden('staff', 'all')
		),
		p('/[village]/roster', '/xinyang/roster', e('/[village]/roster')),
		p(
			'/[village]/roster/activation-sheet',
			'/xinyang/roster/activation-sheet',
			e('/[village]/roster/activation-sheet')
		),
		p(
			'/[village]/roster/collective',
			'/xinyang/roster/collective',
			e('/[village]/roster/collective')
		),
		p(
			'/[village]/roster/households',
			'/xinyang/roster/households',
			e('/[village]/roster/households')
		),
		p(
			'/[village]/roster/households/[household]',
			`/xinyang/roster/households/${xy.household}`,
			e('/[village]/roster/households/[household]')
		),
		p(
			'/[village]/roster/households/[household]',
			`/xinyang/roster/households/${ds.household}`,
			hidden('staff', 'all')
		),
		p('/[village]/roster/households/[household]', `/dongshan/roster/households/${xy.household}`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/roster/import', '/xinyang/roster/import', e('/[village]/roster/import')),
		p(
			'/[village]/roster/import/template.csv',
			'/xinyang/roster/import/template.csv',
			e('/[village]/roster/import/template.csv')
		),
		p(
			'/[village]/topics/register.csv',
			'/xinyang/topics/register.csv',
			e('/[village]/topics/register.csv')
		),
		p('/[village]/topics/register.csv', '/dongshan/topics/register.csv', {
			dsClerk: 200,
			clerk: 403
		}),
		p(
			'/[village]/roster/people/[person]',
			`/xinyang/roster/people/${xy.person}`,
			e('/[village]/roster/people/[person]')
		),
		p(
			'/[village]/roster/people/[person]',
			`/xinyang/roster/people/${ds.person}`,
			hidden('staff', 'all')
		),
		p('/[village]/roster/people/[person]', `/dongshan/roster/people/${xy.person}`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/roster/structure', '/xinyang/roster/structure', e('/[village]/roster/structure')),
		p(
			'/[village]/roster/volunteers',
			'/xinyang/roster/volunteers?q=zh',
			e('/[village]/roster/volunteers')
		),

		p('/[village]/services', '/xinyang/services', e('/[village]/services')),
		p('/[village]/services/new', '/xinyang/services/new', e('/[village]/services/new')),
		p('/[village]/settings', '/xinyang/settings', e('/[village]/settings')),
		p('/[village]/supervision', '/xinyang/supervision', e('/[village]/supervision')),
		// Another village's committee is not this one's: its clerk is refused like ours.
		p('/[village]/supervision', '/dongshan/supervision', { dsClerk: 403, supervisor: 403 }),
		p('/[village]/topics', '/xinyang/topics', e('/[village]/topics')),
		p('/[village]/topics/mine', '/xinyang/topics/mine', e('/[village]/topics/mine')),
		p('/[village]/topics/new', '/xinyang/topics/new', e('/[village]/topics/new')),
		p('/[village]/services/[number]', `/xinyang/services/${xy.serviceCase}`, {
			anonymous: 303,
			admin: 403,
			dsClerk: 403,
			clerk: 200,
			secretary: 200,
			villager: 200,
			gridHead: xy.ownGridHead ? 200 : 404
		}),
		p('/[village]/services/[number]', `/xinyang/services/${xy.repCase}`, {
			clerk: 200,
			rep: 200,
			villager: 404,
			dsClerk: 403
		}),
		p('/[village]/services/[number]', `/dongshan/services/${xy.serviceCase}`, {
			dsClerk: 404,
			clerk: 403
		}),
		p('/[village]/topics/[number]', `/xinyang/topics/${xy.topic}`, e('/[village]/topics/[number]')),
		// A draft is only its writer's: not the clerk's, not the neighbours'.
		p(
			'/[village]/topics/[number]',
			`/xinyang/topics/${xy.draftTopic}`,
			hidden('member', ['clerk', 'secretary', 'gridHead', 'rep', 'supervisor'])
		),
		p('/[village]/topics/[number]', `/xinyang/topics/${ds.topic}`, hidden('member', 'all')),
		p('/[village]/topics/[number]', `/dongshan/topics/${xy.topic}`, { dsClerk: 404, clerk: 403 }),
		// Read aloud only to whoever may read the page: a draft's audio is its writer's too.
		p(
			'/[village]/topics/[number].wav',
			`/xinyang/topics/${xy.topic}.wav`,
			e('/[village]/topics/[number].wav')
		),
		p(
			'/[village]/topics/[number].wav',
			`/xinyang/topics/${xy.draftTopic}.wav`,
			hidden('member', ['clerk', 'secretary', 'gridHead', 'rep', 'supervisor'])
		),
		p('/[village]/topics/[number].wav', `/xinyang/topics/${ds.topic}.wav`, hidden('member', 'all')),
		p('/[village]/topics/[number]/receipt', `/xinyang/topics/${xy.behalfTopic}/receipt`, {
			...expected('member'),
			villager: 403,
			rep: 403,
			supervisor: 403
		}),
		p('/[village]/topics/[number]/receipt', `/xinyang/topics/${xy.topic}/receipt?format=slip`, {
			...expected('member'),
			gridHead: 403,
			rep: 403,
			supervisor: 403
		}),
		p(
			'/[village]/topics/[number]/receipt',
			`/xinyang/topics/${xy.draftTopic}/receipt`,
			hidden('member', 'all')
		),
		p('/[village]/topics/[number]/receipt', `/dongshan/topics/${xy.behalfTopic}/receipt`, {
			dsClerk: 404,
			clerk: 403
		}),
		p(
			'/[village]/topics/[number]/archive',
			`/xinyang/topics/${xy.fourPlusTwo}/archive`,
			e('/[village]/topics/[number]/archive')
		),
		p(
			'/[village]/topics/[number]/archive',
			`/xinyang/topics/${xy.draftTopic}/archive`,
			hidden('staff', 'all')
		),
		p('/[village]/topics/[number]/archive', `/dongshan/topics/${xy.fourPlusTwo}/archive`, {
			dsClerk: 404,
			clerk: 403
		}),
		p(
			'/[village]/topics/[number]/consultation',
			`/xinyang/topics/${xy.consultationTopic}/consultation`,
			e('/[village]/topics/[number]/consultation')
		),
		p(
			'/[village]/topics/[number]/consultation',
			`/xinyang/topics/${xy.draftTopic}/consultation`,
			hidden('member', 'all')
		),
		p(
			'/[village]/topics/[number]/consultation',
			`/dongshan/topics/${xy.consultationTopic}/consultation`,
			{ dsClerk: 404 }
		),
		p(
			'/[village]/topics/[number]/files/[file]',
			`/xinyang/topics/${xy.topic}/files/${xy.photo}`,
			e('/[village]/topics/[number]/files/[file]')
		),
		// The consent note is for staff, the filer and the villager it speaks for.
		p(
			'/[village]/topics/[number]/files/[file]',
			`/xinyang/topics/${xy.behalfTopic}/files/${xy.consentPhoto}`,
			hidden('member', ['villager', 'rep', 'supervisor'])
		),
		p(
			'/[village]/topics/[number]/files/[file]',
			`/xinyang/topics/${xy.behalfTopic}/files/${xy.photo}`,
			hidden('member', 'all')
		),
		p(
			'/[village]/topics/[number]/files/[file]',
			`/xinyang/topics/${xy.topic}/files/${ds.photo}`,
			hidden('member', 'all')
		),
		p('/[village]/topics/[number]/files/[file]', `/dongshan/topics/${xy.topic}/files/${xy.photo}`, {
			dsClerk: 404,
			clerk: 403,
			anonymous: 303
		}),
		p('/[village]/topics/[number]/files/[file]', `/dongshan/topics/${ds.topic}/files/${ds.photo}`, {
			dsClerk: 200,
			clerk: 403,
			villager: 403
		}),
		p(
			'/[village]/topics/[number]/implementation',
			`/xinyang/topics/${xy.fourPlusTwo}/implementation`,
			e('/[village]/topics/[number]/implementation')
		),
		p(
			'/[village]/topics/[number]/implementation',
			`/dongshan/topics/${xy.fourPlusTwo}/implementation`,
			{ dsClerk: 404 }
		),
		// No progress photo exists: a guessed id is not found, and still hidden from outsiders.
		p(
			'/[village]/topics/[number]/implementation/photos/[photo]',
			`/xinyang/topics/${xy.fourPlusTwo}/implementation/photos/1`,
			hidden('member', 'all')
		),
		p(
			'/[village]/topics/[number]/procedure',
			`/xinyang/topics/${xy.fourPlusTwo}/procedure`,
			e('/[village]/topics/[number]/procedure')
		),
		p('/[village]/topics/[number]/procedure', `/dongshan/topics/${xy.fourPlusTwo}/procedure`, {
			dsClerk: 404
		}),
		p(
			'/[village]/topics/[number]/procedure/register',
			`/xinyang/topics/${xy.fourPlusTwo}/procedure/register`,
			e('/[village]/topics/[number]/procedure/register')
		),
		p(
			'/[village]/topics/[number]/procedure/register',
			`/dongshan/topics/${xy.fourPlusTwo}/procedure/register`,
			{ dsClerk: 404 }
		)
	];
}
