import node from '@sveltejs/adapter-node';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Six 10 MB photos with a topic, plus the form around them. */
const BODY_SIZE_LIMIT = '64M';

/**
 * adapter-node, except that `node build` defaults BODY_SIZE_LIMIT to the app's limit instead of
 * adapter-node's 512K, which refuses any phone photo. adapter-node reads the variable when its
 * handler module loads, so the default is set by a new entry that loads the server only after it.
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
			writeFileSync(
				path.join(out, 'listen.js'),
				server.replace('sourceMappingURL=index.js.map', 'sourceMappingURL=listen.js.map')
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
		csrf: { trustedOrigins: [] },
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
