// Public pages from memory answered in adapter-node's request handler, before SvelteKit: a hit
// then costs no WHATWG Request, no route match, no handle chain and no streamed Response, only the
// key, a lookup and one write. The build's listen.js calls the function registered here first
// (svelte.config.js); anything it does not answer goes to SvelteKit unchanged, where the handle in
// http.ts answers the same entries (in dev, and whenever this path steps aside) and fills them.
// See docs/operations.md, "Public pages from memory".
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { SESSION_COOKIE } from '../auth/session';
import { acceptsGzip } from '../http/compress';
import { DISPLAY_COOKIE } from '../http/display-mode';
import { securityHeaderList } from '../http/security-headers';
import { PUBLIC_PATH, decideAnswer, keyOf, setHeader } from './http';
import type { PageCache } from './store';
import type { Watched } from './watch';

/** Where the server bundle leaves the answerer for the build's handler to find. */
export const FROM_MEMORY = Symbol.for('yishiting.pageCache.fromMemory');

/** Answers a request from memory and says so, or touches nothing and says it did not. */
export type NodeAnswerer = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface NodePathDeps {
	cache: PageCache;
	watch: () => Watched;
	/** Whether the compression handle is on (`COMPRESSION`, read as hooks.server.ts reads it). */
	compress: () => boolean;
	/** adapter-node's settings: ORIGIN, PROTOCOL_HEADER, HOST_HEADER, PORT_HEADER. */
	env?: Record<string, string | undefined>;
}

const DATA_SUFFIX = '/__data.json';

/**
 * A cookie's value as SvelteKit's `cookies.get` finds it in a request (the `cookie` package's
 * parse: the first pair of that name, trimmed, unquoted, percent-decoded when it decodes).
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	let index = 0;
	while (index < header.length) {
		const eq = header.indexOf('=', index);
		if (eq === -1) return undefined;
		let end = header.indexOf(';', index);
		if (end === -1) end = header.length;
		else if (end < eq) {
			index = header.lastIndexOf(';', eq - 1) + 1;
			continue;
		}
		if (header.slice(index, eq).trim() === name) {
			let value = header.slice(eq + 1, end).trim();
			if (value.charCodeAt(0) === 0x22) value = value.slice(1, -1);
			if (value.includes('%')) {
				try {
					return decodeURIComponent(value);
				} catch {
					return value;
				}
			}
			return value;
		}
		index = end + 1;
	}
	return undefined;
}

const single = (value: string | string[] | undefined): string | undefined =>
	Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;

/**
 * The origin adapter-node gives SvelteKit for this request (its handler.js `get_origin`): ORIGIN
 * when set, else the protocol, host and port from the request's headers. Undefined where
 * adapter-node would refuse the request, which SvelteKit's path then does.
 */
export function originOf(
	headers: IncomingHttpHeaders,
	env: Record<string, string | undefined>
): string | undefined {
	if (env.ORIGIN !== undefined) return new URL(env.ORIGIN.trim()).origin;
	const protocolHeader = (env.PROTOCOL_HEADER ?? '').toLowerCase();
	const hostHeader = (env.HOST_HEADER ?? '').toLowerCase();
	const portHeader = (env.PORT_HEADER ?? '').toLowerCase();
	let protocol: string;
	try {
		protocol = decodeURIComponent((protocolHeader && single(headers[protocolHeader])) || 'https');
	} catch {
		return undefined;
	}
	if (protocol.includes(':')) return undefined;
	const host = (hostHeader && single(headers[hostHeader])) || single(headers.host);
	if (!host) return undefined;
	const port = portHeader ? single(headers[portHeader]) : undefined;
	if (port && isNaN(+port)) return undefined;
	return port ? `${protocol}://${host}:${port}` : `${protocol}://${host}`;
}

/**
 * The answerer: for a GET or HEAD of a public page by a reader without a session, the entry's
 * answer exactly as SvelteKit's path would send it (the same key, the same decision in
 * `decideAnswer`, the security headers of hooks.server.ts). It skips the fair turn (turns.ts) on
 * purpose: a hit costs less than taking a turn does, and answering it at once is what keeps the
 * queue short for the renders that wait.
 */
export function nodeAnswerer(deps: NodePathDeps): NodeAnswerer {
	const env = deps.env ?? process.env;
	return (req, res) => {
		const method = req.method;
		if ((method !== 'GET' && method !== 'HEAD') || !deps.cache.enabled) return false;
		const target = req.url ?? '';
		if (target.charCodeAt(0) !== 0x2f || target.charCodeAt(1) === 0x2f) return false;
		const query = target.indexOf('?');
		const path = query === -1 ? target : target.slice(0, query);
		if (!PUBLIC_PATH.test(path) || path.endsWith(DATA_SUFFIX)) return false;
		const headers = req.headers;
		// A GET with a body is one SvelteKit's request refuses (400): let it.
		if (headers['content-type'] !== undefined) return false;
		const cookie = headers.cookie;
		if (cookieValue(cookie, SESSION_COOKIE) !== undefined) return false;

		let url: URL;
		let locale: string;
		try {
			const origin = originOf(headers, env);
			if (origin === undefined) return false;
			url = new URL(origin + target);
			locale = extractLocaleFromRequest({
				url: url.href,
				headers: { get: (name: string) => single(headers[name]) ?? null }
			} as unknown as Request);
		} catch {
			return false;
		}
		deps.watch().noticeOtherWriters();
		const page = deps.cache.get(keyOf(locale, cookieValue(cookie, DISPLAY_COOKIE), url));
		if (!page) return false;

		const decided = decideAnswer(
			page,
			method,
			headers['if-none-match'],
			headers['accept-encoding']
		);
		// An identity body to a reader who takes gzip is one the compression handle would still
		// touch (a Vary on a small page): SvelteKit's path answers it.
		if (
			decided.body &&
			deps.compress() &&
			acceptsGzip(headers['accept-encoding'] ?? null) &&
			!decided.headers.some(([name]) => name === 'content-encoding')
		) {
			return false;
		}
		for (const [name, value] of securityHeaderList(url.protocol === 'https:')) {
			setHeader(decided.headers, name, value);
		}
		res.writeHead(decided.status, decided.headers.flat());
		if (decided.body) res.end(decided.body);
		else res.end();
		return true;
	};
}
