import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { cookieName, overwriteGetLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { namesImpossibleAction } from '$lib/server/http/action-name';
import { takeTurn } from '$lib/server/http/turns';
import { chain } from '$lib/server/http/chain';
import { compressResponse, parseCompression, type Compression } from '$lib/server/http/compress';
import { localeFromCookie, requestLocale } from '$lib/server/http/locale';
import { DISPLAY_COOKIE, htmlOpening, isLargeText } from '$lib/server/http/display-mode';
import { securityHeaderList } from '$lib/server/http/security-headers';
import { seedOnFirstStart } from '$lib/server/seed/demo';
import {
	pageCache as publicPageCache,
	servePublicPagesFromMemory,
	serveSignedInPagesFromMemory,
	watchPages
} from '$lib/server/page-cache';
import { configuredSmsProvider } from '$lib/server/outbox/sms-provider';
import { smsInterval, startSmsTimer } from '$lib/server/outbox/sms-timer';
import { startReminderSweep } from '$lib/server/households/reminders';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { m } from '$lib/paraglide/messages';
import { env } from '$env/dynamic/private';

// Every message function asks for the locale; it comes from the request SvelteKit is handling.
overwriteGetLocale(() => requestLocale(() => getRequestEvent().locals));

let compressionSetting: Compression = 'gzip';

export const init: ServerInit = async () => {
	compressionSetting = parseCompression(env.COMPRESSION);
	const db = getDb();
	if (publicPageCache.enabled) watchPages(db);
	await seedOnFirstStart(db);
	startSmsTimer(db, configuredSmsProvider(), smsInterval());
	startReminderSweep(db);
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// SvelteKit checks Origin only for form content types; we check every state-changing request,
// so a JSON or other endpoint cannot be driven cross-site either.
const originGuard: Handle = ({ event, resolve }) => {
	if (UNSAFE_METHODS.has(event.request.method)) {
		const origin = event.request.headers.get('origin');
		if (origin !== event.url.origin) {
			return new Response(m.error_cross_site(), {
				status: 403,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			});
		}
	}
	return resolve(event);
};

// Refused before SvelteKit looks the name up, since its own lookup fails with a 500 (see
// action-name.ts); answered like any action the page does not have.
const impossibleActions: Handle = ({ event, resolve }) => {
	if (event.request.method === 'POST' && namesImpossibleAction(event.url)) {
		return new Response(m.error_not_found(), {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

// The language and elderly mode both go on <html> as the server writes it, so the first paint is
// already right.
const i18n: Handle = ({ event, resolve }) => {
	const locale = localeFromCookie(event.cookies.get(cookieName));
	const largeText = isLargeText(event.cookies.get(DISPLAY_COOKIE));
	event.locals.locale = locale;
	event.locals.largeText = largeText;
	return resolve(event, {
		transformPageChunk: ({ html }) => htmlOpening(html, locale, largeText)
	});
};

const auth: Handle = ({ event, resolve }) => {
	event.locals.secureCookies = event.url.protocol === 'https:';
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const result = validateSessionToken(getDb(), token);
	if (result.session) {
		if (result.renewed) {
			setSessionCookie(event.cookies, token, result.session.expiresAt, event.locals.secureCookies);
		}
	} else {
		deleteSessionCookie(event.cookies, event.locals.secureCookies);
	}
	event.locals.user = result.user;
	event.locals.session = result.session;
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	for (const [name, value] of securityHeaderList(event.url.protocol === 'https:'))
		h.set(name, value);
	// Pages that show a signed-in user's data must not come back from a cache after logout.
	if (event.locals.user && !h.has('cache-control')) h.set('cache-control', 'private, no-store');
	return response;
};

// Behind a proxy that compresses, COMPRESSION=off and the handle steps aside entirely. The
// handles that await nothing are plain functions: an async one adds a promise and two microtask
// turns to every request, each seen by the request store's async hooks.
const compression: Handle = ({ event, resolve }) =>
	compressionSetting === 'off'
		? resolve(event)
		: Promise.resolve(resolve(event)).then((response) =>
				compressResponse(event.request, response, compressionSetting)
			);

// Inside compression and the security headers (a page from memory gets them as a rendered one
// does), outside the i18n handle (what it keeps is the finished HTML).
const pageCache: Handle = servePublicPagesFromMemory;
// Each request waits its turn before any work, so a saturated server serves in arrival order.
const fairTurns: Handle = async ({ event, resolve }) => {
	await takeTurn();
	return resolve(event);
};

export const handle = chain(
	fairTurns,
	compression,
	securityHeaders,
	pageCache,
	i18n,
	originGuard,
	impossibleActions,
	auth,
	// After auth: a session is validated on every request, so a revoked one never gets a page.
	serveSignedInPagesFromMemory
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.error_not_found() };
	// Other refusals raised by SvelteKit itself (405, 400 …) carry English text: say it in ours.
	if (status < 500) return { message: m.error_request_refused() };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.error_unexpected(), id };
};
