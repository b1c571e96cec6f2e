// SvelteKit finds a form action by looking the `?/name` of a POST up on the page's `actions`
// object. Some names never reach a page's own actions: `default` makes kit throw a plain Error (a
// 500 with a stack trace in the log), a name every object inherits (`constructor`, `toString`,
// `__proto__` …) is found on any `actions` and called as if it were one (a 500, or a 200 for an
// action that ran nothing), and `?/remote=` sends the post to kit's remote forms, whose lookup
// fails the same way on such names. The app declares neither a `default` beside named actions nor
// any remote form, so each of these is simply an action the page does not have.

/**
 * Whether a POST to `url` names a form action that no page of the app can have. Other unknown
 * names are left to SvelteKit, which answers them with a 404 of its own.
 */
export function namesImpossibleAction(url: URL): boolean {
	if (url.searchParams.has('/remote')) return true;
	for (const [key] of url.searchParams) {
		// Kit reads the first parameter that starts with a slash, exactly like this.
		if (key.startsWith('/')) {
			const name = key.slice(1);
			return name === 'default' || name in Object.prototype;
		}
	}
	return false;
}

/**
 * Whether this page render follows a form post. A layout load then runs only to render what the
 * action answered (its own checked result) or SvelteKit's refusal of an action the page lacks (a
 * 404 or 405), so a layout's access check must leave that answer alone: a refused name stays a 4xx
 * instead of turning into a redirect to sign in.
 */
export const rendersAfterFormPost = (request: Request): boolean =>
	request.method !== 'GET' && request.method !== 'HEAD';
