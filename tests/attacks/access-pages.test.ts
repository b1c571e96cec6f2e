// Reading what is not yours: every page, file, export and archive of the app, with real ids, as
// every role, signed out, and as the clerk of another village, with the ids of both villages.
import { readFileSync } from 'node:fs';
import { test as plain } from '@playwright/test';
import { expect, sharedServerTest as test } from '../fixtures.ts';
import { SECRETS, pool, send, worldOf, type Role } from './access-world.ts';
import { ROUTES, probes, routesOnDisk } from './routes.ts';

plain('the attack inventory names every route, endpoint and form action in src/routes', () => {
	const disk = routesOnDisk();
	const missing: string[] = [];
	const stale: string[] = [];
	for (const r of disk) {
		const spec = ROUTES[r.route];
		if (!spec) {
			missing.push(r.route);
			continue;
		}
		if (r.get !== !!spec.get) (r.get ? missing : stale).push(`${r.route} GET`);
		if (r.post !== !!spec.post) (r.post ? missing : stale).push(`${r.route} POST`);
		const named = Object.keys(spec.actions ?? {});
		for (const a of r.actions) if (!named.includes(a)) missing.push(`${r.route}?/${a}`);
		for (const a of named) if (!r.actions.includes(a)) stale.push(`${r.route}?/${a}`);
	}
	for (const route of Object.keys(ROUTES))
		if (!disk.some((r) => r.route === route)) stale.push(route);
	expect(missing, 'routes or actions with no entry in tests/attacks/routes.ts').toEqual([]);
	expect(stale, 'entries in tests/attacks/routes.ts that src/routes no longer has').toEqual([]);
	// The scan itself must see the app, or the comparison above proves nothing.
	expect(disk.length).toBeGreaterThan(40);
	expect(disk.find((r) => r.route === '/[village]/meetings/[id]/console')?.actions).toContain(
		'open'
	);

	// A village whose slug is a top-level route would be unreachable, or would hide the route.
	const source = readFileSync(
		new URL('../../src/lib/server/villages/villages.ts', import.meta.url),
		'utf8'
	);
	const reserved = [
		.../RESERVED_SLUGS = new Set\(\[([^\]]*)\]/.exec(source)![1].matchAll(/'([^']+)'/g)
	].map((m) => m[1]);
	const topLevel = [...new Set(disk.map((r) => r.route.split('/')[1]))].filter(
		(s) => s && !s.startsWith('[')
	);
	expect(topLevel.length).toBeGreaterThan(5);
	expect(topLevel.filter((s) => !reserved.includes(s))).toEqual([]);
});

test('only those entitled read each page, file and export, in either village', async ({
	sharedApp
}) => {
	const w = await worldOf(sharedApp);
	const all = probes(w);
	const unprobed = Object.entries(ROUTES)
		.filter(([route, spec]) => spec.get && !all.some((p) => p.route === route))
		.map(([route]) => route);
	expect(unprobed, 'readable routes without a probe').toEqual([]);

	// Never to be seen by those refused: the private titles and a villager's phone number.
	const secrets = [...Object.values(SECRETS), w.xy.draftTopicTitle, w.xy.personPhone];
	const phoneSeers: Role[] = ['clerk', 'secretary', 'villager'];
	if (w.xy.ownGridHead) phoneSeers.push('gridHead');
	const failures: string[] = [];
	const attempts = all.flatMap((probe) =>
		Object.entries(probe.expect).map(([role, status]) => ({ probe, role: role as Role, status }))
	);
	await pool(attempts, 8, async ({ probe, role, status }) => {
		const r = await send(sharedApp, w.cookies[role], 'GET', probe.path);
		const where = `${role} GET ${probe.path}`;
		if (r.status !== status) {
			failures.push(`${where}: ${r.status}, expected ${status} ${r.location}`);
			return;
		}
		if (status === 303 && role === 'anonymous' && probe.route !== '/login')
			if (!r.location.startsWith(`/login?next=${encodeURIComponent(probe.path)}`))
				failures.push(`${where}: redirected to ${r.location}, not to sign in`);
		const shown = status === 200 ? [] : [...secrets];
		// A villager's phone is for the clerk, the secretary, herself and her own grid head.
		if (!phoneSeers.includes(role)) shown.push(w.xy.personPhone);
		for (const s of shown) if (r.text.includes(s)) failures.push(`${where}: shows “${s}”`);
		if (status !== 200 && /^(image|audio|application\/(zip|pdf))|text\/csv/.test(r.type))
			failures.push(`${where}: refused with a ${r.type} body`);
	});
	expect(failures).toEqual([]);
	expect(attempts.length).toBeGreaterThan(400);
});

test('hostile ids and search parameters never cause a 5xx nor show a private thing', async ({
	sharedApp
}) => {
	const w = await worldOf(sharedApp);
	const ids = [
		'0',
		'-1',
		'99999999999999999999',
		'%00',
		'%2e%2e%2f%2e%2e',
		'%E2%80%AE1',
		String(w.ds.meeting),
		encodeURIComponent(w.ds.topic)
	];
	// Each id-bearing route with its id replaced; the village slug likewise.
	const paths = Object.keys(ROUTES)
		// A PDF is printed by a browser, a second each: the probes above cover it.
		.filter((r) => ROUTES[r].get && /\[(?!village\])/.test(r) && !r.endsWith('.pdf'))
		.flatMap((r) =>
			ids.map((id) => {
				const real = r
					.replace('[village]', 'xinyang')
					.replace('[number]', w.xy.topic)
					.replace('[id]', String(w.xy.closedMeeting));
				return real.includes('[')
					? real.replace(/\[[a-z]+\]/, id)
					: real.replace(/\/(XY-\d{4}-\d{4}|\d+)(?=\/|$)/, `/${id}`);
			})
		);
	for (const id of ids) paths.push(`/${id}`, `/${id}/notices`, `/${id}/topics`);
	const tries = paths.flatMap((path) =>
		(['clerk', 'anonymous'] as Role[]).map((role) => ({ path, role }))
	);
	const query = [
		"'",
		'"',
		'a-b',
		'"储藏库" OR',
		'NEAR(a b)',
		'*',
		'%',
		'_',
		'\\',
		'\u0000',
		'\u202E',
		'果树 -',
		'x'.repeat(500)
	];
	for (const list of [
		'/xinyang/topics?q=',
		'/xinyang/topics/mine?q=',
		'/xinyang/notices?q=',
		'/xinyang/roster?q=',
		'/xinyang/roster/households?q=',
		'/xinyang/topics/new?for=',
		`/xinyang/meetings/${w.xy.draftMeeting}/console?find=`,
		`/xinyang/meetings/${w.xy.notifiedMeeting}/console?q=`
	])
		for (const q of query)
			for (const role of ['clerk', 'rep'] as Role[])
				tries.push({ path: list + encodeURIComponent(q), role });
	for (const odd of [
		'page=-1',
		'page=99999999999999',
		'page=1e99',
		'year=99999999999999999',
		'kind=__proto__',
		'state=x&category=y&channel=z&grid=-1',
		'state=draft',
		'from=2026-02-30&to=9999-99-99',
		'status=all&role=constructor',
		'attendee=1&attendee=x&attendee=-5'
	])
		for (const list of [
			'/xinyang/topics',
			'/xinyang/notices',
			'/xinyang/roster',
			'/xinyang/meetings',
			'/xinyang/dashboard',
			`/xinyang/meetings/${w.xy.draftMeeting}/console`
		])
			tries.push({ path: `${list}?${odd}`, role: 'clerk' });
	const failures: string[] = [];
	// A member may read the village's topics, never a draft, a draft meeting or the other village.
	const hidden: Partial<Record<Role, string[]>> = {
		anonymous: [...Object.values(SECRETS), w.xy.draftTopicTitle],
		// Not even the clerk reads a villager's draft, in any list or search.
		clerk: [
			SECRETS.dsTopicTitle,
			SECRETS.dsMeetingTitle,
			SECRETS.dsNoticeTitle,
			w.xy.draftTopicTitle
		],
		rep: [
			SECRETS.draftMeetingTitle,
			SECRETS.dsTopicTitle,
			SECRETS.dsMeetingTitle,
			SECRETS.dsNoticeTitle,
			w.xy.draftTopicTitle
		]
	};
	await pool(tries, 8, async ({ path, role }) => {
		const r = await send(sharedApp, w.cookies[role], 'GET', path);
		if (r.status >= 500) failures.push(`${role} GET ${path}: ${r.status}`);
		for (const s of hidden[role] ?? [])
			if (r.text.includes(s)) failures.push(`${role} GET ${path}: “${s}”`);
	});
	expect(failures).toEqual([]);
	expect(tries.length).toBeGreaterThan(500);
});
