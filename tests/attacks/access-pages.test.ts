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
		if (status !== 200 && /^(image|application\/(zip|pdf))|text\/csv/.test(r.type))
			failures.push(`${where}: refused with a ${r.type} body`);
	});
	expect(failures).toEqual([]);
	expect(attempts.length).toBeGreaterThan(400);
});
