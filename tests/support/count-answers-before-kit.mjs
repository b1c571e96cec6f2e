// Test only, preloaded into a story's server (NODE_OPTIONS=--import): writes one line to
// FAST_ANSWER_LOG for each request the page cache answers in adapter-node's handler, before
// SvelteKit. Production answers carry no mark of the path that gave them, so a story that must
// know counts here, around the very function the build's handler calls.
import { appendFileSync } from 'node:fs';

const log = process.env.FAST_ANSWER_LOG;
let answerer;
Object.defineProperty(globalThis, Symbol.for('yishiting.pageCache.fromMemory'), {
	configurable: true,
	set: (fn) => {
		answerer = fn;
	},
	get: () =>
		answerer &&
		((req, res) => {
			const answered = answerer(req, res);
			if (answered) {
				const type = req.headers['content-type'] ?? '-';
				appendFileSync(log, `${req.method} ${req.url} ${type}\n`);
			}
			return answered;
		})
});
