// Routes stay thin: who asks, parse, one domain call, answer. Every query lives in the domain
// modules under src/lib/server/, where it has a name and a test; none is written in a route.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROUTES = new URL('.', import.meta.url).pathname;

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return serverFiles(path);
		return /\.(ts|js)$/.test(e.name) && !/\.test\.(ts|js)$/.test(e.name) ? [path] : [];
	});
}

// A statement or an SQL clause as it appears in a query string; <select> elements live in
// .svelte files, which are not scanned.
const SQL = [
	/\.prepare\s*\(/,
	/\.exec\s*\(\s*[`'"]/,
	/\bselect\b[\s\S]{0,200}?\bfrom\b\s+[a-z_]+/i,
	/\binsert\s+(or\s+\w+\s+)?into\b/i,
	/\bupdate\s+[a-z_]+\s+set\b/i,
	/\bdelete\s+from\b/i,
	/\bpragma\b/i
];

function sqlIn(source: string): string[] {
	return SQL.filter((re) => re.test(source)).map((re) => re.source);
}

describe('no SQL in routes', () => {
	it('finds the shapes it looks for', () => {
		expect(sqlIn("db.prepare('select id from topics where id = ?')")).toHaveLength(2);
		expect(sqlIn('`insert into audit (a) values (?)`')).toHaveLength(1);
		expect(sqlIn('`UPDATE topics SET state = ?`')).toHaveLength(1);
		expect(sqlIn("'delete from sessions'")).toHaveLength(1);
		expect(sqlIn("const state = form.get('select');")).toEqual([]);
	});

	it.each(serverFiles(ROUTES).map((f) => [relative(ROUTES, f), f]))(
		'%s holds no SQL',
		(_, file) => {
			expect(sqlIn(readFileSync(file, 'utf8'))).toEqual([]);
		}
	);
});
