// Signed-in pages from memory on the demo township's real database: the session is validated as the
// auth handle does, then the handle under test answers or renders. The render is reduced to what
// the pages show that matters here: who reads, and the rows of the tables they read.
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { setAccountDisabled } from '../auth/account-records';
import {
	SESSION_LIFETIME,
	createSession,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken,
	validateSessionToken
} from '../auth/session';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_SECOND_VILLAGE } from '../seed/demo-township';
import { createTopic } from '../topics/filing';
import { listTopics } from '../topics/queries';
import type { TopicInput } from '../topics/records';
import { mayUseSignedCache, signedCacheKey, signedPageCacheHandle } from './signed';
import { PageCache } from './store';
import { watchDatabase } from './watch';

const TOPICS = '/[village]/(member)/topics';
const TOWNSHIP = '/(township)/township';
const CLERK = '13800000001';
const VILLAGER = '13800000003';

let db: Db;
let cache: PageCache;
let renders: number;
let handle: ReturnType<typeof signedPageCacheHandle>;
useDemoVillageDb((d) => {
	db = d;
	cache = new PageCache(1 << 20);
	renders = 0;
	handle = signedPageCacheHandle({
		cache,
		watch: () => watchDatabase(db, cache),
		villageIdOf: (slug) =>
			(db.prepare('select id from villages where slug = ?').pluck().get(slug) as number) ?? null
	});
});

const villageId = (slug = 'xinyang') =>
	slug === 'xinyang'
		? demoVillageId(db)
		: (db.prepare('select id from villages where slug = ?').pluck().get(slug) as number);

// Signed in an hour ago: a session issued this very second renders (its cookie is being set).
const signIn = (phone: string): string => {
	const token = generateSessionToken();
	createSession(db, token, demoActor(db, phone).userId, Date.now() - 3_600_000);
	return token;
};

const topic = (phone: string, slug: string, title: string) => {
	const input: TopicInput = {
		title,
		description: '下雨天路口积水没过脚踝。',
		category: 'livelihood',
		place: '路口',
		affected: '五组',
		estimatedCostFen: null,
		funding: ''
	};
	const r = createTopic(db, demoActor(db, phone), villageId(slug), input, { submit: true });
	expect(r.ok).toBe(true);
};

const NONCE = 'qWfIVw9QcWjDKXfVisdmWw==';

/** The page as a render shows it: who reads, and the topics of the village in the address. */
function render(event: RequestEvent): Response {
	renders++;
	const user = event.locals.user;
	const slug = event.params.village;
	const titles = slug
		? listTopics(db, villageId(slug), {}).items.map((t) => t.title)
		: (db.prepare('select title from topics order by id').pluck().all() as string[]);
	return new Response(
		`<p>${user?.name ?? '访客'} ${user?.role ?? ''}</p><ul>${titles.map((t) => `<li>${t}</li>`).join('')}</ul>` +
			`<script nonce="${NONCE}">start()</script>`,
		{
			headers: {
				'content-type': 'text/html',
				'content-security-policy': `script-src 'self' 'nonce-${NONCE}'`,
				etag: '"1a2b3c"'
			}
		}
	);
}

/** One request through the auth handle's validation and then the handle under test. */
async function get(
	token: string | null,
	path = '/xinyang/topics',
	{
		routeId = TOPICS,
		method = 'GET',
		resolve = async (e: RequestEvent) => render(e)
	}: {
		routeId?: string;
		method?: string;
		resolve?: (e: RequestEvent) => Promise<Response>;
	} = {}
): Promise<Response> {
	const url = new URL(`http://hall.test${path}`);
	const v = token ? validateSessionToken(db, token) : { user: null, session: null };
	const slug = /^\/(?!township)([^/]+)/.exec(url.pathname)?.[1];
	const event = {
		request: new Request(url, { method }),
		url,
		params: slug ? { village: slug } : {},
		route: { id: routeId },
		isDataRequest: false,
		locals: {
			user: v.user,
			session: v.session,
			locale: 'zh-CN',
			largeText: false,
			secureCookies: false
		}
	} as unknown as RequestEvent;
	return (await handle({ event, resolve: (e) => resolve(e as RequestEvent) })) as Response;
}

const text = async (r: Response) => (await r.text()).replace(/nonce="[^"]+"/, 'nonce');

describe('signed-in pages from memory', () => {
	it('answers the same session from memory, with a fresh nonce and without an ETag', async () => {
		const token = signIn(CLERK);
		const first = await get(token);
		const second = await get(token);
		expect(renders).toBe(1);
		expect(await text(second)).toBe(await text(first));
		const nonce = /'nonce-([^']+)'/.exec(second.headers.get('content-security-policy')!)![1];
		expect(nonce).not.toBe(NONCE);
		expect(await (await get(token)).text()).not.toContain(nonce);
		expect(second.headers.has('etag')).toBe(false);
	});

	it('never answers another session of the same user, or another user', async () => {
		const clerk = signIn(CLERK);
		await get(clerk);
		const again = signIn(CLERK);
		expect(await text(await get(again))).toContain('王丽 clerk');
		expect(renders).toBe(2);
		const villager = signIn(VILLAGER);
		const page = await text(await get(villager));
		expect(page).toContain('villager');
		expect(page).not.toContain('clerk');
		expect(renders).toBe(3);
	});

	it('gives nothing once the session is ended or the account disabled', async () => {
		const clerk = signIn(CLERK);
		const villager = signIn(VILLAGER);
		await get(clerk);
		await get(villager);
		invalidateSession(db, sessionIdFromToken(clerk));
		expect(await text(await get(clerk))).toContain('访客');
		const disabled = setAccountDisabled(db, null, demoActor(db, VILLAGER).userId, true);
		expect(disabled.ok).toBe(true);
		expect(await text(await get(villager))).toContain('访客');
		expect(renders).toBe(4);
	});

	it('renders anew after a role change', async () => {
		const token = signIn(VILLAGER);
		await get(token);
		db.prepare("update users set role = 'secretary' where id = ?").run(
			demoActor(db, VILLAGER).userId
		);
		expect(await text(await get(token))).toContain(' secretary<');
		expect(renders).toBe(2);
	});

	it("shows a write the page read at once, and keeps it through another village's", async () => {
		const token = signIn(CLERK);
		await get(token);
		topic(VILLAGER, 'xinyang', '五组路口积水');
		expect(await text(await get(token))).toContain('五组路口积水');
		expect(renders).toBe(2);
		topic(DEMO_SECOND_VILLAGE.clerk.phone, 'hudong', '湖东码头');
		expect(await text(await get(token))).not.toContain('湖东码头');
		expect(renders).toBe(2);
	});

	it("retires a page of no village (the township's) on any village's write", async () => {
		const token = signIn(CLERK);
		const township = { routeId: TOWNSHIP };
		await get(token, '/township', township);
		await get(token, '/township', township);
		expect(renders).toBe(1);
		topic(DEMO_SECOND_VILLAGE.clerk.phone, 'hudong', '湖东码头');
		expect(await text(await get(token, '/township', township))).toContain('湖东码头');
		expect(renders).toBe(2);
	});

	it('keeps no render that wrote, or during which something it read was written', async () => {
		const token = signIn(CLERK);
		const writing = async (e: RequestEvent) => {
			db.prepare("update users set name = name where phone = '13800000009'").run();
			return render(e);
		};
		await get(token, '/xinyang/topics', { resolve: writing });
		await get(token, '/xinyang/topics', { resolve: writing });
		expect(renders).toBe(2);
		expect(cache.size).toBe(0);

		const raced = async (e: RequestEvent) => {
			const r = render(e);
			topic(VILLAGER, 'xinyang', '渲染之中');
			return r;
		};
		await get(token, '/xinyang/topics', { resolve: raced });
		expect(cache.size).toBe(0);
		expect(await text(await get(token))).toContain('渲染之中');
	});

	it('never keeps a route off the list, a refusal, or a render that sets a cookie', async () => {
		const token = signIn(CLERK);
		const accounts = { routeId: '/[village]/(staff)/accounts' };
		await get(token, '/xinyang/accounts', accounts);
		await get(token, '/xinyang/accounts', accounts);
		const refused = async () => new Response('<p>403</p>', { status: 403 });
		await get(token, '/xinyang/topics', { resolve: refused });
		const cookie = async (e: RequestEvent) => {
			const r = render(e);
			r.headers.append('set-cookie', 'session=x; Path=/');
			return r;
		};
		await get(token, '/xinyang/topics?page=2', { resolve: cookie });
		expect(cache.size).toBe(0);
		expect(renders).toBe(3);
	});

	it('never answers a form post from memory', async () => {
		const token = signIn(CLERK);
		await get(token);
		const post = async () => {
			renders++;
			return new Response('<p>已提交</p>', { headers: { 'content-type': 'text/html' } });
		};
		const r = await get(token, '/xinyang/topics', { method: 'POST', resolve: post });
		expect(await r.text()).toBe('<p>已提交</p>');
		expect(renders).toBe(2);
	});
});

describe('mayUseSignedCache and signedCacheKey', () => {
	const NOW = Date.parse('2026-12-06T03:04:30Z');
	const event = (expiresAt: number, over: Partial<RequestEvent> = {}) =>
		({
			request: new Request('http://hall.test/xinyang/topics?state=submitted'),
			url: new URL('http://hall.test/xinyang/topics?state=submitted'),
			route: { id: TOPICS },
			isDataRequest: false,
			locals: {
				session: { id: 'abc', userId: 1, expiresAt },
				user: { id: 1, role: 'clerk', name: '张', villageId: 1 },
				locale: 'zh-CN',
				largeText: false
			},
			...over
		}) as unknown as RequestEvent;

	it('renders a request whose session cookie was just issued again (SvelteKit adds it to renders only)', () => {
		expect(mayUseSignedCache(event(NOW + SESSION_LIFETIME - 2), NOW)).toBe(false);
		expect(mayUseSignedCache(event(NOW + SESSION_LIFETIME - 60_000), NOW)).toBe(true);
	});

	it('renders data requests', () => {
		const e = event(NOW + 86_400_000, { isDataRequest: true });
		expect(mayUseSignedCache(e, NOW)).toBe(false);
	});

	it('holds the session id, the user, the language, the display and the address', () => {
		const key = signedCacheKey(event(0));
		expect(key).toBe(
			JSON.stringify([
				'abc',
				{ id: 1, role: 'clerk', name: '张', villageId: 1 },
				'zh-CN',
				false,
				'/xinyang/topics?state=submitted'
			])
		);
		const renamed = event(0);
		renamed.locals.user!.name = '李';
		expect(signedCacheKey(renamed)).not.toBe(key);
	});
});
