#!/usr/bin/env node
// `npm test`: the whole check, in the order a failure is cheapest to find, ending with one line
// `N passed, N failed, N skipped` that the CI harness reads. Plain Node, no dependencies.
//
// TEST_SKIP=lint,check,e2e skips steps while iterating (names: i18n lint check unit build e2e
// crash backup bench).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

// Not under test-results/: Playwright empties that folder when it starts.
const REPORTS = '.e2e/reports';
const VITEST_JSON = join(root, REPORTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(root, REPORTS, 'playwright.json');
const CRASH_JSON = join(root, REPORTS, 'crash.json');
const BACKUP_JSON = join(root, REPORTS, 'backup.json');
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

const skip = new Set(
	(process.env.TEST_SKIP ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
);

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ ok: boolean, counts?: Counts }} Result
 * @typedef {{ name: string, run: () => Promise<Result> }} RunStep
 * @typedef {{ name: string, quiet: () => Promise<{ ok: boolean, output: string, counts?: Counts }> }} QuietStep
 * @typedef {RunStep | QuietStep} Step
 */

/**
 * Not spawnSync: a step runs while another lane's step holds its output back through a pipe,
 * which a blocked event loop would never drain.
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<boolean>}
 */
function exec(command, args, env) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
		child.on('error', (e) => {
			console.error(`could not run ${command}: ${e.message}`);
			resolve(false);
		});
		child.on('close', (code) => resolve(code === 0));
	});
}

/** @param {string} script */
const npmRun = (script) => async () => ({ ok: await exec('npm', ['run', script]) });

/**
 * A command with its output held back and returned, for steps that run side by side (their lines
 * would interleave otherwise).
 * @param {string} command @param {string[]} args @returns {Promise<{ ok: boolean, output: string }>}
 */
function execQuietly(command, args) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.on('error', (e) =>
			resolve({ ok: false, output: `${output}could not run ${command}: ${e.message}\n` })
		);
		child.on('close', (code) => resolve({ ok: code === 0, output }));
	});
}

/** @param {string} cmd */
function sh(cmd) {
	return spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
}

function systemDepsMissing() {
	const missing = [];
	if (sh('command -v chromium').status !== 0) missing.push('chromium');
	if (!/wqy/i.test(sh('fc-list 2>/dev/null').stdout ?? '')) missing.push('fonts-wqy-microhei');
	if (sh('command -v espeak-ng').status !== 0) missing.push('espeak-ng');
	return missing;
}

/**
 * Chromium drives the e2e tests; without the CJK font, Chinese renders as boxes; espeak-ng makes
 * the read-aloud audio whose validity the tests check.
 */
async function ensureSystemDeps() {
	const missing = systemDepsMissing();
	if (missing.length === 0) return { ok: true };
	console.log(`missing: ${missing.join(', ')}`);
	if (process.getuid?.() !== 0) {
		console.log('sudo apt-get install -y chromium fonts-wqy-microhei espeak-ng');
		return { ok: false };
	}
	const installed =
		(await exec('apt-get', ['update'])) &&
		(await exec('apt-get', ['install', '-y', 'chromium', 'fonts-wqy-microhei', 'espeak-ng'], {
			DEBIAN_FRONTEND: 'noninteractive'
		}));
	const still = systemDepsMissing();
	if (installed && still.length > 0)
		console.error(`still missing after apt-get: ${still.join(', ')}`);
	return { ok: installed && still.length === 0 };
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * A runner that exits non-zero without a failed test in its report (a file that does not load,
 * a web server that does not start) still counts as one failure.
 * @param {boolean} ok @param {Counts | undefined} counts @returns {{ ok: boolean, counts: Counts }}
 */
function settle(ok, counts) {
	const c = counts ?? { passed: 0, failed: 0, skipped: 0 };
	if (!ok && c.failed === 0) c.failed = 1;
	return { ok: ok && c.failed === 0, counts: c };
}

/** Quiet: it runs beside the browser stories, whose lines would interleave with its own. */
async function unit() {
	rmSync(VITEST_JSON, { force: true });
	const { ok, output } = await execQuietly(bin('vitest'), [
		'--run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile=${VITEST_JSON}`
	]);
	const j = readJson(VITEST_JSON);
	// A test file that fails to load has no failed test in it: count the file itself.
	const brokenFiles = (j?.testResults ?? []).filter(
		(/** @type {{ status: string, assertionResults?: { status: string }[] }} */ f) =>
			f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')
	).length;
	return {
		output,
		...settle(
			ok,
			j && {
				passed: j.numPassedTests ?? 0,
				failed: (j.numFailedTests ?? 0) + brokenFiles,
				skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0)
			}
		)
	};
}

async function e2e() {
	rmSync(PLAYWRIGHT_JSON, { force: true });
	const ok = await exec(bin('playwright'), ['test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON
	});
	const s = readJson(PLAYWRIGHT_JSON)?.stats;
	return settle(
		ok,
		s && {
			// A flaky test failed first and then passed on retry.
			passed: (s.expected ?? 0) + (s.flaky ?? 0),
			failed: s.unexpected ?? 0,
			skipped: s.skipped ?? 0
		}
	);
}

/**
 * A script that writes its own { passed, failed, skipped } to `--report <file>`.
 * @param {string} script @param {string} report @param {string[]} [args]
 */
const counted =
	(script, report, args = []) =>
	async () => {
		rmSync(report, { force: true });
		const ok = await exec(process.execPath, [script, ...args, '--report', report]);
		return settle(ok, readJson(report));
	};

/** @type {Step[]} */
const steps = [
	// Also writes SvelteKit's generated types, so that check (below) only reads while lint runs.
	{
		name: 'i18n',
		run: async () => ({
			ok: (await exec('npm', ['run', 'i18n'])) && (await exec(bin('svelte-kit'), ['sync']))
		})
	},
	// Output held back, as for every step beside the browser stories.
	{ name: 'lint', quiet: () => execQuietly('npm', ['run', 'lint']) },
	// `npm run check`, less the i18n and sync done above.
	{
		name: 'check',
		quiet: () =>
			execQuietly(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--threshold', 'error'])
	},
	{ name: 'unit', quiet: unit },
	// `npm run build` less its i18n, done above: compiling the messages again would rewrite files
	// that lint and check, beside it, are reading. Held back like lint's.
	{ name: 'build', quiet: () => execQuietly(bin('vite'), ['build']) },
	{ name: 'e2e', run: e2e },
	// kill -9 during a vote storm, 10 times (each cycle counts as one test); `npm run test:crash`
	// runs 100.
	{ name: 'crash', run: counted('scripts/crash.js', CRASH_JSON, ['--cycles', '10']) },
	// db:backup during a vote storm, restored and checked through a server.
	{ name: 'backup', run: counted('scripts/backup-under-load.js', BACKUP_JSON) },
	// The benchmark on a tiny database, so `npm run bench` cannot rot; it checks steps, not numbers.
	{ name: 'bench', run: npmRun('bench:smoke') }
];

/**
 * Stages run one after another; the lanes of a stage side by side; the steps of a lane one after
 * another. The browser stories spend much of their time waiting (on a page's live polling, a
 * server starting, the browser), so lint, check and unit run beside them in that idle time
 * instead of before them: the build goes first in the stories' lane, as they serve it.
 * @type {string[][][]}
 */
const stages = [
	[['i18n']],
	[
		['build', 'e2e'],
		['lint', 'check', 'unit']
	],
	[['crash']],
	[['backup']],
	[['bench']]
];

const unknown = [...skip].filter((s) => !steps.some((step) => step.name === s));
if (unknown.length > 0) {
	console.error(
		`TEST_SKIP: unknown step ${unknown.join(', ')} (steps: ${steps.map((s) => s.name)})`
	);
	process.exit(2);
}

mkdirSync(REPORTS, { recursive: true });
const total = { passed: 0, failed: 0, skipped: 0 };
/** Each step's summary line, printed in the order of `steps` whatever order they finish in. */
/** @type {Map<string, string>} */
const lines = new Map();
let failed = false;

/** @param {string} name @param {Result} result @param {number} ms */
function record(name, result, ms) {
	const seconds = (ms / 1000).toFixed(1);
	if (result.counts) {
		total.passed += result.counts.passed;
		total.failed += result.counts.failed;
		total.skipped += result.counts.skipped;
	} else if (!result.ok) {
		total.failed += 1;
	}
	const c = result.counts;
	const detail = c ? `  (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)` : '';
	lines.set(
		name,
		`  ${result.ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(6)} ${seconds.padStart(6)}s${detail}`
	);
	if (!result.ok) failed = true;
}

/**
 * Runs a lane's steps in turn; a quiet step's output is returned, to be printed once the stage
 * is over (printed now, it would land in the middle of another lane's lines).
 * @param {string[]} lane @returns {Promise<string[]>}
 */
async function runLane(lane) {
	/** @type {string[]} */
	const held = [];
	for (const name of lane) {
		const step = /** @type {Step} */ (steps.find((s) => s.name === name));
		if (skip.has(name)) {
			lines.set(name, `  --    ${name.padEnd(6)}   skipped (TEST_SKIP)`);
			continue;
		}
		if (failed) {
			lines.set(name, `  --    ${name.padEnd(6)}   not run`);
			continue;
		}
		const started = Date.now();
		if ('quiet' in step) {
			const result = await step.quiet();
			held.push(`\n=== ${name} ===\n${result.output}`);
			record(name, { ok: result.ok, counts: result.counts }, Date.now() - started);
		} else {
			console.log(`\n=== ${name} ===`);
			record(name, await step.run(), Date.now() - started);
		}
	}
	return held;
}

if (!skip.has('e2e')) {
	console.log('\n=== system ===');
	const started = Date.now();
	record('system', await ensureSystemDeps(), Date.now() - started);
}
for (const lanes of stages) {
	const running = lanes.filter((lane) => lane.some((name) => !skip.has(name)));
	if (running.length > 1)
		console.log(`\n=== ${running.map((lane) => lane.join(' → ')).join(' | ')} (side by side) ===`);
	const held = await Promise.all(lanes.map(runLane));
	for (const output of held.flat()) process.stdout.write(output);
}

console.log('\n=== summary ===');
for (const name of ['system', ...steps.map((s) => s.name)]) {
	const line = lines.get(name);
	if (line) console.log(line);
}
if (existsSync(VITEST_JSON) || existsSync(PLAYWRIGHT_JSON)) console.log(`  reports in ${REPORTS}/`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = failed || total.failed > 0 ? 1 : 0;
