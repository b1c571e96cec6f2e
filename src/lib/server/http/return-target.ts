// Where a page sends someone back to after signing in or switching language. The target comes
// from the request (`/login?next=…`, the language form's `to`), so anyone can put one in a link:
// only a plain path of this site may come out, or the link becomes an open redirect.

// A target longer than any page address of the app is not one of ours.
const MAX_LENGTH = 2048;

// Printable ASCII without space, backslash or the characters a URL never carries unencoded: the
// app's own targets are `url.pathname + url.search`, which the browser has already encoded.
const PLAIN = /^[!#-[\]-~]*$/;

// Look-alikes of / and \ that a decoded segment must not hold (division slash, full-width solidus…).
const SLASHES = /[/\\\u2044\u2215\u2216\u29f8\u29f9\ufe68\uff0f\uff3c]/;

/** Percent-decodes until nothing changes, so `%252F` is judged as the `/` it may become. */
function decodeFully(segment: string): string | null {
	let value = segment;
	for (let i = 0; i < 4; i++) {
		let next: string;
		try {
			next = decodeURIComponent(value);
		} catch {
			return null;
		}
		if (next === value) return value;
		value = next;
	}
	return null;
}

/**
 * The same-site path `raw` names, or `fallback`. Accepted: one leading `/`, then path segments that
 * are neither empty, `.` nor `..`, and hold no slash or backslash once decoded (however often it was
 * encoded), and no control character; then any query and fragment. Anything else (another origin,
 * a scheme, `//host`, `/\host`, dot segments that climb to `//host`) gives `fallback`.
 */
export function safeReturnPath(raw: string | null | undefined, fallback: string): string {
	if (!raw || raw.length > MAX_LENGTH || !PLAIN.test(raw) || raw[0] !== '/') return fallback;
	const end = raw.search(/[?#]/);
	const path = end < 0 ? raw : raw.slice(0, end);
	if (path !== '/') {
		const segments = path.slice(1).split('/');
		// A trailing slash leaves one empty last segment; any other empty segment makes a `//`.
		if (segments.at(-1) === '') segments.pop();
		for (const segment of segments) {
			const decoded = decodeFully(segment);
			if (
				decoded === null ||
				decoded === '' ||
				decoded === '.' ||
				decoded === '..' ||
				SLASHES.test(decoded) ||
				// eslint-disable-next-line no-control-regex
				/[\u0000-\u001f\u007f-\u009f]/.test(decoded)
			)
				return fallback;
		}
	}
	// What the browser will make of it, resolved against a stand-in origin: still on it, and still
	// the very path checked above.
	let url: URL;
	try {
		url = new URL(raw, 'http://same.invalid');
	} catch {
		return fallback;
	}
	return url.origin === 'http://same.invalid' && url.pathname === path
		? url.pathname + url.search + url.hash
		: fallback;
}
