// The language of a request, from the cookie the language switch sets (paraglide's `cookie
// baseLocale` strategy). Resolved once per request and kept on `locals`, where the message
// functions read it through SvelteKit's own request store: paraglide's middleware would clone
// every request and run a second AsyncLocalStorage, whose bookkeeping every promise then pays.
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

/** The locale a cookie value names, or the base locale (zh-CN) when it names none. */
export function localeFromCookie(value: string | undefined): Locale {
	return value !== undefined && isLocale(value) ? value : baseLocale;
}

/**
 * The locale of the request being handled, given a way to reach its locals; the base locale
 * outside a request (timers, start-up) or before the i18n handle has run.
 */
export function requestLocale(currentLocals: () => { locale?: Locale } | undefined): Locale {
	let locals: { locale?: Locale } | undefined;
	try {
		locals = currentLocals();
	} catch {
		// SvelteKit's getRequestEvent throws outside a request: the SMS timer, start-up.
		return baseLocale;
	}
	return locals?.locale ?? baseLocale;
}
