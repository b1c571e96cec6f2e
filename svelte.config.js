import node from '@sveltejs/adapter-node';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Six 10 MB photos with a topic, plus the form around them. */
const BODY_SIZE_LIMIT = '64M';

// Where adapter-node's entry hands every request to its handler (SvelteKit, static files).
const KIT_USE = 'polka({ server: httpServer }).use(handler);';

// Public pages from memory are answered before SvelteKit (src/lib/server/page-cache/node.ts). The
// entry's imports include the chunk that awaits the server's init at its top level, so when the
// entry's body runs the hooks have loaded and the page cache has left its answerer here.
const FAST_HANDLER = `export function withPagesFromMemory(kit) {
	const fromMemory = globalThis[Symbol.for('yishiting.pageCache.fromMemory')];
	return fromMemory
		? (req, res, next) => (fromMemory(req, res) ? undefined : kit(req, res, next))
		: kit;
}
`;

/**
 * adapter-node, except that `node build` defaults BODY_SIZE_LIMIT to the app's limit instead of
 * adapter-node's 512K, which refuses any phone photo. adapter-node reads the variable when its
 * handler module loads, so the default is set by a new entry that loads the server only after it.
 * And the server's listen.js takes its request handler from FAST_HANDLER.
 * @param {import('@sveltejs/adapter-node').AdapterOptions} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter(options) {
	const base = node(options);
	return {
		...base,
		async adapt(builder) {
			await base.adapt(builder);
			const out = options.out ?? 'build';
			const server = readFileSync(path.join(out, 'index.js'), 'utf8');
			if (!server.includes(KIT_USE)) {
				throw new Error(
					`adapter-node's entry no longer has \`${KIT_USE}\`: public pages from memory ` +
						'would silently go through SvelteKit again; update KIT_USE in svelte.config.js'
				);
			}
			writeFileSync(path.join(out, 'fast-handler.js'), FAST_HANDLER);
			writeFileSync(
				path.join(out, 'listen.js'),
				server
					// At the end of the first line, so the source map's lines still hold.
					.replace('\n', " import { withPagesFromMemory } from './fast-handler.js';\n")
					.replace(KIT_USE, 'polka({ server: httpServer }).use(withPagesFromMemory(handler));')
					.replace('sourceMappingURL=index.js.map', 'sourceMappingURL=listen.js.map')
			);
			renameSync(path.join(out, 'index.js.map'), path.join(out, 'listen.js.map'));
			writeFileSync(
				path.join(out, 'index.js'),
				`process.env.BODY_SIZE_LIMIT ??= ${JSON.stringify(BODY_SIZE_LIMIT)};\n` +
					"await import('./listen.js');\n"
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ precompress: true }),
		// SvelteKit's own check covers form posts only and answers in English; originGuard
		// (hooks.server.ts) refuses every cross-site unsafe request, in the reader's language.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		version: { name: pkg.version, pollInterval: 0 }
	}
};

export default config;
