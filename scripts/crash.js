// `npm run test:crash`: crash consistency. Generates a tiny township once, then repeatedly starts
// the production server on it, runs a vote storm (100 signed-in representatives posting ballots
// through the form action while the clerk closes motions through the console), kills the server
// with SIGKILL at a random moment, and checks the file: PRAGMA integrity_check, the audit chain,
// every acknowledged ballot and close stored, no refused ballot stored, every motion whole.
// One line per cycle and a summary; exit 0 when every cycle passed.
//
//   npm run test:crash -- --cycles 10 --seed 1234   (default: 100 cycles, a random seed)
//   --report <file>   also writes { passed, failed, skipped } as JSON (for npm test)
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/open.js';
import { buildIfStale } from './build-if-stale.js';
import { freePort, signIn, startServer, work } from './lib/harness.js';
import {
	checkBallots,
	checkFile,
	checkMotionsWhole,
	closeMotionPost,
	generateTownship,
	numberArg,
	outcomeOf,
	personIds,
	seededRandom,
	signInAll,
	voteStorm
} from './lib/storm.js';

const argv = process.argv.slice(2);
const cycles = numberArg(argv, 'cycles', 100);
const seed = numberArg(argv, 'seed', Math.floor(Math.random() * 2 ** 31));
const reportAt = argv.includes('--report') ? argv[argv.indexOf('--report') + 1] : null;
const VOTERS = 100;
const MOTIONS_PER_CYCLE = 3;

console.log(`crash test: ${cycles} cycles, seed ${seed} (replay with --seed ${seed})`);
buildIfStale();
mkdirSync(work, { recursive: true });
const dbPath = join(work, `crash-${process.pid}.db`);
const started = performance.now();
const town = await generateTownship(dbPath, {
	voters: VOTERS,
	motions: Math.max(1, cycles) * MOTIONS_PER_CYCLE
});
const port = await freePort();
let server = await startServer(dbPath, { port });
// Sessions live in the database: the cookies stay valid across every restart on the same port.
const cookies = await signInAll(server.url, town.storm.phones, town.password);
const clerk = await signIn(server.url, town.clerkPhone, town.password);
const persons = personIds(dbPath, town.storm.phones);
console.log(
	`setup (generate, start, sign in): ${((performance.now() - started) / 1000).toFixed(1)} s`
);

let passed = 0;
let failed = 0;
for (let c = 0; c < cycles; c++) {
	const cycleStarted = performance.now();
	if (c > 0) {
		try {
			server = await startServer(dbPath, { port });
		} catch (e) {
			failed++;
			console.log(`cycle ${c + 1}/${cycles}: the server did not restart after the kill — FAILED`);
			console.log(`    ${e instanceof Error ? e.message : e}`);
			break;
		}
	}
	const random = seededRandom(seed + c * 7919);
	const motionIds = town.storm.motionIds.slice(c * MOTIONS_PER_CYCLE, (c + 1) * MOTIONS_PER_CYCLE);
	const total = VOTERS * motionIds.length;
	// The kill comes after a random number of answers, so it always lands with ballots in flight;
	// in the first 60 % of the storm, where every voter still has ballots to send.
	const killAfter = 1 + Math.floor(random() * 0.6 * total);
	// About half the motions are closed by the clerk at a random point before the kill, with
	// ballots still arriving: the close is acknowledged, refuses the later ballots, or is cut off.
	const closeAfter = new Map(
		motionIds.filter(() => random() < 0.5).map((id) => [1 + Math.floor(random() * killAfter), id])
	);
	/** @type {Map<number, Promise<{ kind: string, reason?: string, detail?: string }>>} */
	const closes = new Map();
	const { child } = server;
	const exited = once(child, 'exit');
	let killedAt = 0;
	const storm = await voteStorm({
		url: server.url,
		slug: town.slug,
		meetingId: town.storm.meetingId,
		cookies,
		motionIds,
		random,
		onAnswer(answered) {
			const motionId = closeAfter.get(answered);
			if (motionId)
				closes.set(
					motionId,
					outcomeOf(() =>
						closeMotionPost(server.url, town.slug, town.storm.meetingId, clerk, motionId)
					)
				);
			if (answered === killAfter) {
				killedAt = answered;
				child.kill('SIGKILL');
			}
		}
	});
	if (!killedAt) child.kill('SIGKILL');
	await exited;
	const closed = new Map();
	for (const [id, p] of closes) closed.set(id, await p);

	// Opening the file replays its WAL, as the restarted server would.
	const db = openDatabase(dbPath);
	let problems;
	let auditEntries;
	let unknownStored = 0;
	try {
		const file = checkFile(db);
		auditEntries = file.auditEntries;
		problems = [
			...file.problems,
			...checkBallots(db, storm, persons, motionIds),
			...checkMotionsWhole(db, town.storm.meetingId)
		];
		const state = db.prepare('select state from motions where id = ?').pluck();
		for (const [id, outcome] of closed) {
			if (outcome.kind === 'ack' && state.get(id) !== 'closed')
				problems.push(`acknowledged close of motion ${id} is lost`);
			if (outcome.kind === 'refused' || outcome.kind === 'error')
				problems.push(`closing motion ${id}: ${outcome.reason ?? outcome.detail}`);
		}
		const receipt = db.prepare(
			'select 1 from ballot_receipts where person_id = ? and motion_id = ?'
		);
		for (const [key, o] of storm.ballots) {
			const [v, motionId] = key.split(':').map(Number);
			if (o.kind === 'unknown' && receipt.get(persons[v], motionId)) unknownStored++;
		}
	} finally {
		db.close();
	}

	const count = (kind) => [...storm.ballots.values()].filter((o) => o.kind === kind).length;
	const closeCount = (kind) => [...closed.values()].filter((o) => o.kind === kind).length;
	const line =
		`cycle ${String(c + 1).padStart(3)}/${cycles}: killed after ${killedAt || 'the storm'} answers; ` +
		`ballots ${count('ack')} acknowledged, ${count('refused')} refused, ${count('unknown')} cut off ` +
		`(${unknownStored} of them stored), ${storm.repeats.length} double taps; ` +
		`closes ${closeCount('ack')} acknowledged, ${closeCount('unknown')} cut off; ` +
		`audit ${auditEntries} entries; ${((performance.now() - cycleStarted) / 1000).toFixed(1)} s`;
	if (problems.length === 0) {
		passed++;
		console.log(`${line} — ok`);
	} else {
		failed++;
		console.log(`${line} — FAILED`);
		for (const p of problems.slice(0, 20)) console.log(`    ${p}`);
		if (problems.length > 20) console.log(`    … and ${problems.length - 20} more`);
	}
}

// The last kill must also leave a file the server starts on.
if (passed === cycles) {
	try {
		server = await startServer(dbPath, { port });
		server.child.kill('SIGTERM');
		await once(server.child, 'exit');
	} catch (e) {
		passed--;
		failed++;
		console.log(`the server did not restart after the last kill — FAILED: ${e}`);
	}
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
	`crash test: ${passed} of ${cycles} cycles passed, ${failed} failed in ${seconds} s (seed ${seed})`
);
// A failed run keeps its database for a look; a passing one leaves nothing behind.
if (failed === 0)
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
else console.log(`database kept at ${dbPath}`);
if (reportAt) writeFileSync(reportAt, JSON.stringify({ passed, failed, skipped: 0 }) + '\n');
process.exitCode = failed > 0 ? 1 : 0;
