// Dependencies between the domain folders point one way: a folder may import the folders below it
// in LAYERS, never one above. Closing a motion adopts a resolution, so the closing verbs live in
// procedure/ and hand votes/ what to do with a passed motion; meetings/ and votes/ know nothing of
// procedure/. This reads every import of every non-test module under src/lib/server, types included:
// a type names what a module knows as much as a value does.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Low to high: each may import those before it. */
const LAYERS = [
	'roster',
	// The outbox: every event someone must act on, and its delivery per person and channel.
	'outbox',
	'topics',
	// The service window (一厅多办): a case may come from a topic (直接办理) or become one.
	'services',
	// Party members' households: a visit's follow-up is a service request or a topic.
	'households',
	// The grid point's log: each item becomes a service request, a topic or a note.
	'grid-points',
	'notices',
	// The hall's venues and what is booked on them; a meeting picks its venue, so venues sit below.
	'venues',
	'meetings',
	'votes',
	'procedure',
	'consultation',
	'implementation',
	// 村规民约 revised on the 4+2 track: put in force from the resolution that adopted it.
	'village-rules',
	// Model-villager rounds: chosen online or in a meeting, published on the board.
	'honours',
	// The supervision committee's workspace reads implementations, objections and the cadence.
	'supervision',
	// The public board's pages: a notice with the meeting it calls and the resolution it publishes.
	'board',
	// The village's figures and charts read every layer's records.
	'figures',
	// The township's desk: filings, referrals, attending meetings, the overview across villages.
	'township',
	// Each village's public records as open data (CSV and JSON).
	'open-data'
];

/**
 * Infrastructure every layer uses and that knows no domain flow: the database, the audit chain,
 * the command shape, sessions and permissions, form and HTTP helpers, the public pages kept in
 * memory (page-cache watches the connection, never a domain), village settings, uploads,
 * the working-day calendar, the statutes' article numbers by date, and speech (it turns text the
 * routes hand it into audio and knows no page).
 * seed/ and bench/ build demo and load data by calling every layer, so they sit above them all.
 */
const BASE = [
	'audit',
	'auth',
	'bench',
	'calendar',
	'command.ts',
	'csv.ts',
	'db',
	'forms',
	'http',
	'law',
	'page-cache',
	'permissions',
	'result.ts',
	'seed',
	'speech',
	'uploads',
	'villages'
];

/**
 * The rule table: pure arithmetic that imports nothing under src/lib/server. Meetings freeze a
 * rule into each meeting row, so every layer may read it whatever folder it sits in.
 */
const LEAVES = ['votes/rules.ts'];

/**
 * Imports that cross a layer upward today, each with its reason; the test fails when one goes
 * away, so the list only shrinks. Keyed "file -> folder".
 */
const KNOWN_EXCEPTIONS: Record<string, string> = {
	// The console's refusal words name the vote and closing verbs' refusals (types only).
	'meetings/messages.ts -> votes': 'console wording spans meetings and votes',
	'meetings/console-refusals.ts -> votes': 'console wording spans meetings and votes'
};

const SERVER = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.(ts|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name)
				? [join(dir, e.name)]
				: []
	);
}

/** The path under src/lib/server each import of `file` names; outside imports are skipped. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
		(m) => m[1]
	);
	return specs.flatMap((spec) => {
		const absolute = spec.startsWith('$lib/server/')
			? join(SERVER, spec.slice('$lib/server/'.length))
			: spec.startsWith('.')
				? resolve(dirname(file), spec)
				: null;
		if (!absolute) return [];
		const path = relative(SERVER, absolute).replace(/\.js$/, '.ts');
		return path.startsWith('..') ? [] : [/\.ts$/.test(path) ? path : `${path}.ts`];
	});
}

const top = (path: string) => path.split('/')[0];

/** Every "file -> folder" import that points at a higher layer. */
function upwardImports(): string[] {
	const found = new Set<string>();
	for (const file of sources(SERVER)) {
		const from = relative(SERVER, file);
		const fromLayer = LAYERS.indexOf(top(from));
		if (fromLayer < 0) continue;
		for (const to of importsOf(file)) {
			if (LEAVES.includes(to)) continue;
			const toLayer = LAYERS.indexOf(top(to));
			if (toLayer > fromLayer) found.add(`${from} -> ${top(to)}`);
		}
	}
	return [...found].sort();
}

describe('layers', () => {
	it('declares every folder under src/lib/server as a layer or as base', () => {
		const entries = readdirSync(SERVER).filter((name) => !/\.test\.ts$/.test(name));
		expect(entries.filter((e) => !LAYERS.includes(e) && !BASE.includes(e))).toEqual([]);
	});

	it('keeps the rule table a leaf', () => {
		for (const leaf of LEAVES) expect(importsOf(join(SERVER, leaf))).toEqual([]);
	});

	it('imports no higher layer, beyond the known exceptions', () => {
		const upward = upwardImports();
		expect(upward.filter((edge) => !(edge in KNOWN_EXCEPTIONS))).toEqual([]);
		// Every exception is found, which also shows the scan sees upward imports; a fixed one comes
		// off the list.
		expect(Object.keys(KNOWN_EXCEPTIONS).filter((edge) => !upward.includes(edge))).toEqual([]);
	});

	it('keeps meetings and votes free of procedure and above', () => {
		const above = LAYERS.slice(LAYERS.indexOf('procedure'));
		const offending = upwardImports().filter(
			(edge) => /^(meetings|votes)\//.test(edge) && above.includes(edge.split(' -> ')[1])
		);
		expect(offending).toEqual([]);
	});
});
