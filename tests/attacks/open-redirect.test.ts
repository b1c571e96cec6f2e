// Open redirects: every return target an attacker can put in a link to the sign-in page or in the
// language or elderly-mode switch must bring the browser back to a page of this site, wherever it pointed.
import type { APIResponse } from '@playwright/test';
import { expect, formPostHeaders, test, type App } from '../fixtures.ts';
import { PEOPLE, client, signedIn } from './hostile.ts';
import { OFF_SITE_TRICKS } from './redirect-tricks.ts';

/** Why a redirect would leave the site, or null when it stays on a page of this one. */
function offSite(app: App, response: APIResponse): string | null {
	if (response.status() !== 303) return `status ${response.status()}`;
	const location = response.headers()['location'] ?? '';
	if (!/^\/(?![/\\])/.test(location)) return `Location ${JSON.stringify(location)}`;
	// What a browser makes of it: the WHATWG parser drops tabs and newlines, reads \ as /.
	const landing = new URL(location, app.url);
	return landing.origin === app.url ? null : `lands on ${landing.origin}`;
}

test('no sign-in link, language or elderly-mode switch sends the browser to another site', async ({
	app
}) => {
	const signedInVillager = await signedIn(app, PEOPLE.villager);
	const anonymous = await client(app);
	const escapes: string[] = [];
	for (const trick of OFF_SITE_TRICKS) {
		const query = `/login?next=${encodeURIComponent(trick)}`;
		const label = JSON.stringify(trick.slice(0, 60));
		const attempts: [string, APIResponse][] = [
			['signed-in GET /login', await signedInVillager.get(query)],
			[
				'sign-in POST /login',
				await (
					await client(app)
				).post(query, { form: PEOPLE.villager, headers: formPostHeaders(app) })
			],
			[
				'POST /language',
				await anonymous.post('/language', {
					form: { locale: 'zh-CN', to: trick },
					headers: formPostHeaders(app)
				})
			],
			[
				'POST /display',
				await anonymous.post('/display', {
					form: { mode: 'standard', to: trick },
					headers: formPostHeaders(app)
				})
			]
		];
		for (const [what, response] of attempts) {
			const why = offSite(app, response);
			if (why) escapes.push(`${what} with ${label}: ${why}`);
		}
	}
	expect(escapes).toEqual([]);

	// The rule keeps the ordinary way back: a page of the site, with its query.
	const back = '/xinyang/topics?state=submitted&q=%E6%9E%9C%E6%A0%91';
	const home = await signedInVillager.get(`/login?next=${encodeURIComponent(back)}`);
	expect(home.headers()['location']).toBe(back);
	const switched = await anonymous.post('/language', {
		form: { locale: 'en', to: back },
		headers: formPostHeaders(app)
	});
	expect(switched.headers()['location']).toBe(back);
	const enlarged = await anonymous.post('/display', {
		form: { mode: 'large', to: back },
		headers: formPostHeaders(app)
	});
	expect(enlarged.headers()['location']).toBe(back);
});
