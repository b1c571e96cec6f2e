// Signed-in data pages served from memory: the pages a clerk, a voter or the township official
// reads again and again (the topic list, a topic, the vote page, the dashboard, the case list, the
// statistics, the township overview) are rendered once per change for each session and answered
// from memory until a table they read is written or the minute turns. See docs/operations.md,
// "Signed-in pages from memory".
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { SESSION_LIFETIME } from '../auth/session';
import { NONCE_IN_CSP, NONCE_SLOT, entryResponse, freshlyNonced, fromMemory } from './http';
import { expiryOf, type CachedPage, type PageCache } from './store';
import type { Watched } from './watch';

/**
 * The routes whose render depends only on the database, the signed-in user, the language, the
 * display and the address, each read through: no live countdown or "seconds ago", no write on GET,
 * no one-time token, no echoed form input (a GET never has one) and no flash but from the query,
 * which is in the key. Left off on purpose: the meeting console, the hall screen and the speakers'
 * queue (live, and staff act on them second by second), the activation sheet and the accounts page
 * (one-time codes), check-in pages (they sign a person in), forms for new records.
 */
export const SIGNED_IN_ROUTES: ReadonlySet<string> = new Set([
	'/[village]/(member)/topics',
	'/[village]/(member)/topics/mine',
	'/[village]/(member)/topics/[number]',
	'/[village]/(public)/meetings/[id]',
	'/[village]/(member)/services',
	'/[village]/(staff)/dashboard',
	'/[village]/(staff)/statistics',
	'/(township)/township'
]);

// A session renewed by this very request has its cookie set again by the auth handle; SvelteKit
// adds that Set-Cookie only to a render, so such a request renders. Renewal moves the expiry to a
// full lifetime ahead of the moment of validation, a millisecond or so before this handle runs; a
// session signed in within the margin renders too, which costs nothing.
const JUST_ISSUED_MS = 1000;

type SignedEvent = Pick<RequestEvent, 'request' | 'url' | 'locals' | 'isDataRequest' | 'route'>;

/** Whether a request may be answered from, or stored into, the signed-in cache. */
export function mayUseSignedCache(event: SignedEvent, now: number): boolean {
	const method = event.request.method;
	const { session, user } = event.locals;
	return (
		(method === 'GET' || method === 'HEAD') &&
		!event.isDataRequest &&
		!!session &&
		!!user &&
		event.route.id !== null &&
		SIGNED_IN_ROUTES.has(event.route.id) &&
		session.expiresAt - now < SESSION_LIFETIME - JUST_ISSUED_MS
	);
}

/**
 * The key: the session (its id, a hash of the token, never the token), everything known of the
 * user (a new role or name is a new key), the language, the display and the address as asked.
 * Two sessions never share an entry, so neither do two users.
 */
export function signedCacheKey(event: Pick<RequestEvent, 'url' | 'locals'>): string {
	const { session, user, locale, largeText } = event.locals;
	return JSON.stringify([
		session!.id,
		user,
		locale,
		largeText,
		event.url.pathname + event.url.search
	]);
}

/** The entry a signed-in render makes, or null when it must render every time. */
export async function signedPageOfResponse(
	response: Response,
	tags: string[],
	renderedAt: number
): Promise<CachedPage | null> {
	const type = response.headers.get('content-type') ?? '';
	if (
		response.status !== 200 ||
		!type.startsWith('text/html') ||
		response.headers.has('set-cookie') ||
		response.headers.has('content-encoding')
	) {
		return null;
	}
	const headers = new Headers(response.headers);
	// SvelteKit's ETag is of the bytes with this render's nonce; these answers need none (they are
	// `private, no-store`), and a validator per answer would be a wrong one.
	headers.delete('etag');
	let text = await response.text();
	const nonce = NONCE_IN_CSP.exec(headers.get('content-security-policy') ?? '')?.[1];
	let nonced: CachedPage['nonced'] = null;
	if (nonce) {
		const parts = text.split(nonce);
		headers.set(
			'content-security-policy',
			headers.get('content-security-policy')!.replaceAll(nonce, NONCE_SLOT)
		);
		text = parts.join(NONCE_SLOT);
		nonced = { parts, compress: false };
	}
	return {
		status: 200,
		headers: [...headers],
		body: new TextEncoder().encode(text),
		gzip: null,
		nonced,
		etag: '',
		tags,
		expires: expiryOf(renderedAt)
	};
}

/**
 * The answer from an entry, as the render gave it: a fresh nonce when it has one, identity bytes
 * (the compression handle outside compresses them as it does a render), no body to a HEAD.
 */
export function answerSigned(page: CachedPage, request: Request): Response {
	const headers = new Headers(page.headers);
	const body = freshlyNonced(page, headers);
	return entryResponse(page, request, headers, body);
}

export interface SignedPageCacheDeps {
	cache: PageCache;
	/** The connection the pages read, watched for writes (called per request: keep it cheap). */
	watch: () => Watched;
	villageIdOf: (slug: string) => number | null;
	now?: () => number;
}

/**
 * The handle, placed after the one that validates the session: an expired, revoked or disabled
 * login has no session by then and never reaches an entry.
 */
export function signedPageCacheHandle(deps: SignedPageCacheDeps): Handle {
	const now = deps.now ?? Date.now;
	return async ({ event, resolve }) => {
		if (!deps.cache.enabled || !mayUseSignedCache(event, now())) return resolve(event);
		return fromMemory(deps, event, resolve, {
			key: signedCacheKey(event),
			answer: answerSigned,
			entryOf: signedPageOfResponse
		});
	};
}
