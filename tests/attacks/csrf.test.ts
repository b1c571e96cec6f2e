// Cross-site request forgery against a signed-in villager and clerk: every state-changing action
// posted from another origin, in every body a page elsewhere can send, is refused and changes
// nothing; and no GET changes anything. (Sign-in, sign-out, the language switch and the password
// change are attacked the same way in tests/request-safety.test.ts.)
import type { APIRequestContext } from '@playwright/test';
import { expect, sharedServerTest as test, type App } from '../fixtures.ts';
import { FOREIGN, PEOPLE, dbValue, signedIn, snapshot } from './hostile.ts';

// What a page on another site can make a browser send with the victim's cookies.
function forgeries(app: App, fields: Record<string, string>) {
	const urlencoded = new URLSearchParams(fields).toString();
	const multipart =
		Object.entries(fields)
			.map(([k, v]) => `--x\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
			.join('') + '--x--\r\n';
	const plain = Object.entries(fields)
		.map(([k, v]) => `${k}=${v}`)
		.join('\r\n');
	const lookalike = `${app.url}.evil.example`;
	const otherPort = app.url.replace(/:\d+$/, ':1');
	return [
		{
			name: 'urlencoded',
			origin: FOREIGN,
			type: 'application/x-www-form-urlencoded',
			body: urlencoded
		},
		{
			name: 'multipart',
			origin: FOREIGN,
			type: 'multipart/form-data; boundary=x',
			body: multipart
		},
		{ name: 'text/plain', origin: FOREIGN, type: 'text/plain', body: plain },
		{ name: 'TEXT/PLAIN', origin: FOREIGN, type: 'TEXT/PLAIN', body: plain },
		{ name: 'text/plain;charset', origin: FOREIGN, type: 'text/plain; charset=utf-8', body: plain },
		{ name: 'JSON', origin: FOREIGN, type: 'application/json', body: JSON.stringify(fields) },
		{
			name: 'no Origin',
			origin: null,
			type: 'application/x-www-form-urlencoded',
			body: urlencoded
		},
		{
			name: 'Origin null',
			origin: 'null',
			type: 'application/x-www-form-urlencoded',
			body: urlencoded
		},
		{
			name: 'look-alike origin',
			origin: lookalike,
			type: 'application/x-www-form-urlencoded',
			body: urlencoded
		},
		{
			name: 'same host, other port',
			origin: otherPort,
			type: 'application/x-www-form-urlencoded',
			body: urlencoded
		}
	];
}

const WATCHED = [
	'topics',
	'topic_cosigns',
	'topic_opinions',
	'objections',
	'users',
	'sessions',
	'notices',
	'meetings',
	'agenda_items',
	'meeting_roster',
	'ballot_receipts'
];

async function attack(
	app: App,
	api: APIRequestContext,
	path: string,
	fields: Record<string, string>
): Promise<void> {
	for (const f of forgeries(app, fields)) {
		const headers: Record<string, string> = { 'content-type': f.type, accept: 'text/html' };
		if (f.origin !== null) headers.origin = f.origin;
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
			if (method !== 'POST' && f.name !== 'JSON') continue;
			const response = await api.fetch(path, { method, headers, data: f.body });
			const label = `${method} ${path} as ${f.name}`;
			expect.soft(response.status(), label).toBe(403);
			// In the reader's language, whatever the body type (SvelteKit's own check answers in English).
			expect.soft(await response.text(), label).toBe('请求来自其他网站，已拒绝。');
		}
	}
}

test('forged posts with the victims’ cookies are refused and change nothing', async ({
	sharedApp: app
}) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const topic = dbValue<string>(app, "select number from topics where state = 'submitted' limit 1");
	const notice = dbValue<number>(
		app,
		"select seq from notices where objections_until >= date('now') order by seq desc limit 1"
	);
	const meeting = dbValue<number>(app, "select id from meetings where state = 'notified' limit 1");
	const before = snapshot(app, WATCHED);

	const villagerTargets: [string, Record<string, string>][] = [
		[
			'/xinyang/topics/new',
			{ title: '伪造的议题', description: '别处网页代发', category: 'other' }
		],
		[`/xinyang/topics/${topic}?/cosign`, {}],
		[`/xinyang/topics/${topic}?/opinion`, { body: '伪造的意见' }],
		[`/xinyang/meetings/${meeting}?/vote`, { motionId: '1', choice: 'yes', confirmed: 'yes' }],
		[`/xinyang/meetings/${meeting}/checkin?/checkIn`, { key: 'x' }],
		['/logout', {}],
		['/language', { locale: 'en', to: '/' }]
	];
	if (notice) villagerTargets.push([`/xinyang/notices/${notice}?/object`, { text: '伪造的异议' }]);
	for (const [path, fields] of villagerTargets) await attack(app, villager, path, fields);

	const clerkTargets: [string, Record<string, string>][] = [
		['/xinyang/accounts?/create', { name: '伪造', phone: '13800000099', role: 'clerk' }],
		[`/xinyang/meetings/${meeting}/console?/addAgenda`, { title: '伪造的议程' }],
		['/xinyang/meetings/new?/create', { type: 'reps_meeting', title: '伪造的会议' }],
		['/xinyang/notices/desk?/post', { kind: 'general', title: '伪造', body: '伪造' }],
		['/xinyang/settings?/save', { triageDays: '99' }]
	];
	for (const [path, fields] of clerkTargets) await attack(app, clerk, path, fields);

	expect(snapshot(app, WATCHED)).toEqual(before);
	// Both victims are still signed in: the forged logouts did nothing.
	for (const api of [villager, clerk]) expect((await api.get('/account')).status()).toBe(200);
});

test('no GET changes anything, whatever its query says', async ({ sharedApp: app }) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const topic = dbValue<string>(app, "select number from topics where state = 'submitted' limit 1");
	const meeting = dbValue<number>(app, "select id from meetings where state = 'notified' limit 1");
	const watched = [...WATCHED, 'activation_codes'];
	const before = snapshot(app, watched);
	const gets: [APIRequestContext, string][] = [
		[villager, `/xinyang/topics/${topic}?/cosign`],
		[villager, `/xinyang/topics/${topic}?/opinion&body=GET的意见`],
		[villager, `/xinyang/meetings/${meeting}?/vote&motionId=1&choice=yes&confirmed=yes`],
		[villager, '/logout'],
		[villager, '/language?locale=en&to=/'],
		[clerk, '/xinyang/accounts?/create&name=GET&phone=13800000098&role=clerk'],
		[clerk, `/xinyang/meetings/${meeting}/console?/closeMeeting&closeOpenMotions=1`],
		[clerk, '/xinyang/meetings/new?/create&type=reps_meeting&title=GET'],
		[clerk, '/xinyang/roster/activation-sheet?/issue&gridId=1']
	];
	for (const [api, path] of gets) {
		const response = await api.get(path);
		expect.soft(response.status(), path).toBeLessThan(500);
	}
	expect(snapshot(app, watched)).toEqual(before);
	for (const api of [villager, clerk]) expect((await api.get('/account')).status()).toBe(200);
});
