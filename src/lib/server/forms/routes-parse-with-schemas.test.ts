// Every form action reads its fields through its schema (parseForm), so each form's limits and
// messages live in one place. This fails when a page's server file reads a field by hand.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROUTES = join(process.cwd(), 'src/routes');
const BY_HAND = /\b(field|secretField)\(|\bform(Data)?\.get(All)?\(/;

function pageServerFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? pageServerFiles(join(dir, e.name))
			: e.name === '+page.server.ts'
				? [join(dir, e.name)]
				: []
	);
}

const withoutGroups = (path: string) => path.replace(/\([^/)]*\)\//g, '');

const files = pageServerFiles(ROUTES).map((path) => ({
	path,
	name: withoutGroups(relative(ROUTES, path).split('\\').join('/')),
	byHand: BY_HAND.test(readFileSync(path, 'utf8'))
}));

describe('form actions parse with their schema', () => {
	it('finds the route files', () => {
		expect(files.filter((f) => f.name.includes('login')).length).toBe(1);
	});

	it('no page reads form fields by hand', () => {
		expect(files.filter((f) => f.byHand).map((f) => f.name)).toEqual([]);
	});
});
