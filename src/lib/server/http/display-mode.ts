// Elderly mode (大字模式): larger type, higher contrast, one column. The choice lives in a cookie,
// read on every request so the server paints the page in the right mode at once (no flash).

export const DISPLAY_COOKIE = 'display';

/** The one value the cookie may hold; its absence is the standard display. */
export const LARGE = 'large';

export type DisplayChoice = 'large' | 'standard';

// Four hundred days, the longest lifetime browsers keep a cookie for: a villager sets it once.
export const DISPLAY_COOKIE_MAX_AGE = 400 * 24 * 3600;

/** Whether a request's cookie value asks for elderly mode; anything but the exact value does not. */
export function isLargeText(cookie: string | undefined): boolean {
	return cookie === LARGE;
}

/** The switch's submitted value, or null when it is not one the form sends. */
export function parseDisplayChoice(raw: string): DisplayChoice | null {
	return raw === 'large' || raw === 'standard' ? raw : null;
}

/**
 * The opening `<html …>` tag of app.html with the page's language and, in elderly mode, the class
 * the stylesheet keys on. Standard mode is the same single replacement as before this existed.
 */
export function htmlOpening(html: string, locale: string, largeText: boolean): string {
	return html.replace('%lang%', largeText ? `${locale}" class="large-text` : locale);
}
