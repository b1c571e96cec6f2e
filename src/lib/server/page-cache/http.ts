// Public pages served from memory: what anyone may read (the notice board, a notice, a meeting's
// public page, the feed, the calendar, the rules, resolutions, open data) is rendered once per
// change and answered from memory, with a strong ETag and a 304 to a conditional GET. See
// docs/operations.md, "Public pages from memory".
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { SESSION_COOKIE } from '../auth/session';
import { acceptsGzip, parseCompression } from '../http/compress';
import { DISPLAY_COOKIE, isLargeText } from '../http/display-mode';
import { matchesEtag } from '../http/etag';
import { expiryOf, type CachedPage, type PageCache } from './store';
import { Reads, recordReads, tagsOf, type Watched } from './watch';

// First path segment is the village; what follows is one of the public sections. Or the sign-in
// page: to a reader without a session it is one page for everyone (per language, display and
// query: `?next=` names the meeting a scanned hall code is for), and the rush of phones before a
// meeting asks for little else.
const SECTIONS = String.raw`notices|notices\.atom|meetings|calendar|calendar\.ics|rules|open-data|resolutions`;
export const PUBLIC_PATH = new RegExp(String.raw`^(?:/[^/]+/(?:${SECTIONS})(?:/|$)|/login$)`);
const PUBLIC_ROUTE = new RegExp(
	String.raw`^(?:/\[village\]/\(public\)/(?:${SECTIONS})(?:/|$)|/\(public\)/login$)`
);

// What the render may answer that is the same for every anonymous reader; binary downloads (a
// notice's PDF, a spoken notice) have their own caches and are not in here.
const CACHEABLE_TYPE =
	/^(?:text\/html|text\/csv|text\/calendar|application\/json|application\/atom\+xml)\b/;

// As compress.ts decides: below this a gzip header costs more than it saves.
const MIN_GZIP_BYTES = 1024;

// Each reader's browser keeps the page and asks again every time (a 304 when nothing changed);
// shared proxies keep nothing, since the same address differs with the reader's cookies (language,
// large text, a session). Routes that set their own (open data: five public minutes) keep theirs.
export const PAGE_CACHE_CONTROL = 'private, no-cache';

// The headers a 304 repeats, as SvelteKit's own 304 does (RFC 9110 §15.4.5).
const NOT_MODIFIED_HEADERS = ['cache-control', 'content-location', 'date', 'expires', 'vary'];

export const NONCE_IN_CSP = /'nonce-([A-Za-z0-9+/=]+)'/;
// Where an entry's nonce goes; its ETag is of the page with this in place of the nonce.
export const NONCE_SLOT = 'page-cache-nonce';

/** A nonce as SvelteKit makes one: 16 random bytes in base64. */
const newNonce = (): string => randomBytes(16).toString('base64');

/** A strong validator of exact bytes, in the form of etag.ts's `etagOf`. */
export const etagOfBytes = (body: Uint8Array): string =>
	`"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whether responses are gzipped in-process (`COMPRESSION=off` when a proxy compresses). */
export const compressionEnabled = (): boolean =>
	parseCompression(process.env.COMPRESSION) !== 'off';

/**
 * The cache key: the address as asked (path and query; the query is not reordered, since a page
 * may echo it into links) with everything else the HTML depends on for an anonymous reader: the
 * language the i18n handle will choose and the large-text display.
 */
export function cacheKey(request: Request, url: URL, displayCookie: string | undefined): string {
	return keyOf(extractLocaleFromRequest(request), displayCookie, url);
}

/** The key of `cacheKey` from the parts both the handle and the node path have. */
export function keyOf(locale: string, displayCookie: string | undefined, url: URL): string {
	return `${locale} ${isLargeText(displayCookie) ? 'large' : 'standard'} ${url.pathname}${url.search}`;
}

/** Whether a request may be answered from, or stored into, the cache. */
export function mayUseCache(event: Pick<RequestEvent, 'request' | 'url' | 'cookies'>): boolean {
	const method = event.request.method;
	return (
		(method === 'GET' || method === 'HEAD') &&
		PUBLIC_PATH.test(event.url.pathname) &&
		// A signed-in reader sees their own bar and actions; an expired session's cookie is cleared
		// by the render, which is a Set-Cookie no other reader may get.
		event.cookies.get(SESSION_COOKIE) === undefined
	);
}

/** The entry a render's response makes, or null when it must not be shared. */
export async function pageOfResponse(
	response: Response,
	routeId: string | null,
	tags: string[],
	renderedAt: number,
	compress: boolean
): Promise<CachedPage | null> {
	const type = response.headers.get('content-type') ?? '';
	const control = response.headers.get('cache-control') ?? '';
	if (
		response.status !== 200 ||
		!routeId ||
		!PUBLIC_ROUTE.test(routeId) ||
		!CACHEABLE_TYPE.test(type) ||
		response.headers.has('set-cookie') ||
		response.headers.has('content-encoding') ||
		/no-store|private/.test(control)
	) {
		return null;
	}
	// Bytes, not text: decoding would drop a CSV's byte-order mark.
	let body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	// A page that starts SvelteKit's client allows its inline script by a nonce. A nonce shared by
	// every reader is one injected markup could carry, so the entry keeps the page cut at its nonce
	// and every answer gets a fresh one, as every render does.
	const nonce = NONCE_IN_CSP.exec(headers.get('content-security-policy') ?? '')?.[1];
	let nonced: CachedPage['nonced'] = null;
	if (nonce) {
		if (!type.startsWith('text/html')) return null;
		const parts = new TextDecoder().decode(body).split(nonce);
		headers.set(
			'content-security-policy',
			headers.get('content-security-policy')!.replaceAll(nonce, NONCE_SLOT)
		);
		body = new TextEncoder().encode(parts.join(NONCE_SLOT));
		nonced = { parts, compress: compress && body.byteLength >= MIN_GZIP_BYTES };
	}
	// SvelteKit's own page ETag is a 32-bit hash; a route's own (open data, the calendar feed) is
	// already a strong one of its bytes and stays, so a reader's validator survives either way.
	const etag =
		headers.has('x-sveltekit-page') || !headers.has('etag')
			? etagOfBytes(body)
			: headers.get('etag')!;
	headers.set('etag', etag);
	if (!control) headers.set('cache-control', PAGE_CACHE_CONTROL);
	return {
		status: 200,
		headers: [...headers],
		body,
		gzip:
			!nonced && compress && body.byteLength >= MIN_GZIP_BYTES
				? gzipSync(body, { level: 6 })
				: null,
		nonced,
		etag,
		tags,
		expires: expiryOf(renderedAt)
	};
}

/** A fresh nonce in an entry's slots: the body, and the CSP that allows it. */
function withFreshNonce(
	nonced: NonNullable<CachedPage['nonced']>,
	csp: string
): { body: Uint8Array; csp: string } {
	const nonce = newNonce();
	return {
		body: new TextEncoder().encode(nonced.parts.join(nonce)),
		csp: csp.replaceAll(NONCE_SLOT, nonce)
	};
}

/** An entry's body with a fresh nonce in its slots, the CSP in `headers` set to the same one. */
export function freshlyNonced(page: CachedPage, headers: Headers): Uint8Array {
	if (!page.nonced) return page.body;
	const fresh = withFreshNonce(page.nonced, headers.get('content-security-policy')!);
	headers.set('content-security-policy', fresh.csp);
	return fresh.body;
}

/** The response of an entry's answer: its status, these headers and length, no body to a HEAD. */
export function entryResponse(
	page: CachedPage,
	request: Request,
	headers: Headers,
	body: Uint8Array
): Response {
	headers.set('content-length', String(body.byteLength));
	return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
		status: page.status,
		headers
	});
}

/** Response headers as lower-case name and value, each name once (as a Headers object holds them). */
export type HeaderList = [string, string][];

/** What an answer from memory sends, decided once for the handle path and the node path alike. */
export interface Answer {
	status: number;
	headers: HeaderList;
	/** Null for a 304 and a HEAD. */
	body: Uint8Array | null;
}

/** As `Headers.set`. */
export function setHeader(headers: HeaderList, name: string, value: string): void {
	const at = headers.findIndex(([n]) => n === name);
	if (at === -1) headers.push([name, value]);
	else headers[at] = [name, value];
}

/** As `Headers.append`, which joins a repeated name's values into one. */
function appendHeader(headers: HeaderList, name: string, value: string): void {
	const at = headers.findIndex(([n]) => n === name);
	if (at === -1) headers.push([name, value]);
	else headers[at] = [name, `${headers[at][1]}, ${value}`];
}

const headerOf = (headers: HeaderList, name: string): string | undefined =>
	headers.find(([n]) => n === name)?.[1];

/**
 * The answer to one request from an entry: a 304 when the reader has these bytes, the gzip copy
 * when they take it, the identity body otherwise (and no body to a HEAD). Headers as the render
 * gave them, so a page from memory is the page the render would have sent.
 */
export function decideAnswer(
	page: CachedPage,
	method: string,
	ifNoneMatch: string | null | undefined,
	acceptEncoding: string | null | undefined
): Answer {
	if (matchesEtag(ifNoneMatch ?? null, page.etag)) {
		const kept: HeaderList = [['etag', page.etag]];
		for (const name of NOT_MODIFIED_HEADERS) {
			const value = headerOf(page.headers, name);
			if (value) kept.push([name, value]);
		}
		if (page.gzip || page.nonced?.compress) appendHeader(kept, 'vary', 'Accept-Encoding');
		return { status: 304, headers: kept, body: null };
	}
	const headers: HeaderList = page.headers.map(([name, value]) => [name, value]);
	let body = page.body;
	if (page.nonced) {
		const fresh = withFreshNonce(page.nonced, headerOf(headers, 'content-security-policy')!);
		body = fresh.body;
		setHeader(headers, 'content-security-policy', fresh.csp);
	}
	const zipped = page.nonced ? page.nonced.compress : page.gzip !== null;
	if (zipped && acceptsGzip(acceptEncoding ?? null)) {
		body = page.gzip ?? gzipSync(body, { level: 6 });
		appendHeader(headers, 'vary', 'Accept-Encoding');
		setHeader(headers, 'content-encoding', 'gzip');
	}
	setHeader(headers, 'content-length', String(body.byteLength));
	return { status: page.status, headers, body: method === 'HEAD' ? null : body };
}

/** `decideAnswer` for a request SvelteKit handles. */
export function answer(page: CachedPage, request: Request): Response {
	const decided = decideAnswer(
		page,
		request.method,
		request.headers.get('if-none-match'),
		request.headers.get('accept-encoding')
	);
	return new Response(decided.body as Uint8Array<ArrayBuffer> | null, {
		status: decided.status,
		headers: decided.headers
	});
}

export interface PageCacheDeps {
	cache: PageCache;
	/** The connection the pages read, watched for writes (called per request: keep it cheap). */
	watch: () => Watched;
	villageIdOf: (slug: string) => number | null;
	compress: () => boolean;
	now?: () => number;
}

/** What differs between the caches: how a request is keyed, a render kept and an entry answered. */
export interface MemoryPolicy {
	key: string;
	answer: (page: CachedPage, request: Request) => Response;
	entryOf: (response: Response, tags: string[], renderedAt: number) => Promise<CachedPage | null>;
}

/**
 * The flow both caches share, for a request the cache may serve: an entry's answer when there is
 * one; else the render, kept when it read only watched tables, wrote nothing, and no table it read
 * changed while it ran.
 */
export async function fromMemory(
	deps: Omit<PageCacheDeps, 'compress'>,
	event: RequestEvent,
	resolve: (event: RequestEvent) => Response | Promise<Response>,
	policy: MemoryPolicy
): Promise<Response> {
	const { cache } = deps;
	const watched = deps.watch();
	watched.noticeOtherWriters();
	const hit = cache.get(policy.key);
	if (hit) return policy.answer(hit, event.request);
	// A HEAD render has no body to keep; the GET that follows fills the entry.
	if (event.request.method === 'HEAD') return resolve(event);

	const since = cache.begin();
	const renderedAt = (deps.now ?? Date.now)();
	const reads = new Reads();
	const response = await recordReads(reads, () => resolve(event));
	// A render that wrote (a page that records something on GET) is rendered every time.
	if (reads.opaque || reads.wrote) return response;
	const slug = event.params.village;
	const tags = tagsOf(reads, watched.villageScoped, slug ? deps.villageIdOf(slug) : null);
	const page = await policy.entryOf(response, tags, renderedAt);
	if (!page) return response;
	cache.put(policy.key, page, since);
	return policy.answer(page, event.request);
}

/** The handle: answers from memory before SvelteKit renders, and keeps what it renders. */
export function pageCacheHandle(deps: PageCacheDeps): Handle {
	return async ({ event, resolve }) => {
		if (!deps.cache.enabled || event.isDataRequest || !mayUseCache(event)) return resolve(event);
		return fromMemory(deps, event, resolve, {
			key: cacheKey(event.request, event.url, event.cookies.get(DISPLAY_COOKIE)),
			answer,
			entryOf: (response, tags, renderedAt) =>
				pageOfResponse(response, event.route.id, tags, renderedAt, deps.compress())
		});
	};
}
