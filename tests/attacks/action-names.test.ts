// Form posts naming an action no page has: each is a 4xx, never a 5xx, and never an error in the
// server's log. Sent to every page of the route inventory.
import { expect, sharedServerTest as test } from '../fixtures.ts';
import { HOSTILE_ACTION_NAMES } from './hostile.ts';
import { pool, send, worldOf, type Role } from './access-world.ts';
import { ROUTES, probes } from './routes.ts';

test('unknown and reserved action names are refused with a 4xx and log nothing', async ({
	sharedApp: app
}) => {
	// Several posts to every page of the route inventory: far more requests than one story sends.
	test.setTimeout(180_000);
	const w = await worldOf(app);
	const all = probes(w);
	// POST endpoints (sign-out, language) are not pages and have no actions to name.
	const pages = Object.entries(ROUTES)
		.filter(([, spec]) => !spec.post)
		.map(([route]) => {
			const probe = all.find((p) => p.route === route);
			if (!probe) throw new Error(`no page to post to for ${route}`);
			return probe.path;
		});
	expect(pages.length).toBeGreaterThan(40);

	const logBefore = app.stderr().length;
	// Each page gets every name once, the sender taking turns: signed out or the clerk, as a plain
	// form post or an enhanced one (JSON answer).
	const senders = (['anonymous', 'clerk'] as Role[]).flatMap((role) =>
		['text/html', 'application/json'].map((accept) => ({ role, accept }))
	);
	const requests = pages.flatMap((path, p) =>
		HOSTILE_ACTION_NAMES.map((name, n) => ({ path, name, ...senders[(p + n) % senders.length] }))
	);
	const wrong: string[] = [];
	await pool(requests, 8, async ({ path, name, role, accept }) => {
		const r = await send(app, w.cookies[role], 'POST', `${path}?/${name}`, 'a=1', { accept });
		if (r.status < 400 || r.status >= 500)
			wrong.push(`${role} ${accept} ${path}?/${name.slice(0, 30)}: ${r.status}`);
	});
	expect(wrong).toEqual([]);
	expect(app.stderr().slice(logBefore)).toBe('');
	// The clerk stayed signed in throughout: half the posts came from inside the gates.
	expect((await send(app, w.cookies.clerk, 'GET', '/xinyang/accounts')).status).toBe(200);
});
