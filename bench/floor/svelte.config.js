// The bench's floor: a bare SvelteKit app with one trivial page, built by the same adapter as the
// app (resolved from the repo's node_modules), so that every page's throughput can be set against
// what SvelteKit itself costs on this machine in the same run.
import node from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: { adapter: node() }
};
