// The app's handles, run in order as plain nested calls. SvelteKit's sequence() wraps each one, on
// every request, in a tracing span, a request-store scope and async wrappers for
// transformPageChunk and preload (called once per script the page preloads): on the sign-in page
// that was about a tenth of the garbage and of the promises of the whole request.
import type { Handle, ResolveOptions } from '@sveltejs/kit';

/**
 * Options given to resolve by an outer and an inner handle, merged as sequence() merges them: the
 * inner transformPageChunk runs first, then the outer; for the others the outer handle's wins.
 */
export function mergeResolveOptions(
	outer: ResolveOptions | undefined,
	inner: ResolveOptions | undefined
): ResolveOptions | undefined {
	if (!outer) return inner;
	if (!inner) return outer;
	const first = inner.transformPageChunk;
	const then = outer.transformPageChunk;
	return {
		filterSerializedResponseHeaders:
			outer.filterSerializedResponseHeaders ?? inner.filterSerializedResponseHeaders,
		preload: outer.preload ?? inner.preload,
		transformPageChunk:
			first && then
				? async (input) => (await then({ ...input, html: (await first(input)) ?? '' })) ?? ''
				: (first ?? then)
	};
}

/** One handle that runs the given handles in order, each resolving into the next. */
export function chain(...handles: Handle[]): Handle {
	return ({ event, resolve }) => {
		const step: (i: number, ...args: Parameters<typeof resolve>) => ReturnType<Handle> = (
			i,
			current,
			options
		) =>
			i === handles.length
				? resolve(current, options)
				: handles[i]({
						event: current,
						resolve: (next, inner) => step(i + 1, next, mergeResolveOptions(options, inner))
					});
		return step(0, event);
	};
}
