// `npm run test:crash`: crash consistency. Generates a tiny township once, then repeatedly starts
// the production server on it, runs a vote storm (100 signed-in representatives posting ballots
// through the form action while the clerk closes motions through the console), kills the server
// with SIGKILL at a random moment, and checks the file: PRAGMA integrity_check, the audit chain,
// every acknowledged ballot and close stored, no refused ballot stored, every motion whole.
// One line per cycle and a summary; exit 0 when every cycle passed.
//
// Two kinds of kill moment alternate. Right after the harness reads an answer, the server is
// almost never between a commit and its answer; a random timer, independent of the answers,
// lands there too (a ballot committed but never acknowledged, which must then be whole or absent).
// The summary says how many cycles each kind had and how many cut-off ballots were stored.
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
/** Answers a second, measured in the answer-kill cycles, to aim the timer inside the storm. */
let answersPerMs = 0;
const moments = { answer: 0, timer: 0 };
let cutOff = 0;
let cutOffStored = 0;
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
	// The kill lands in the first 60 % of the storm, where every voter still has ballots to send:
	// after a random number of answers, or after a random time that stands for as many answers.
	const killAfter = 1 + Math.floor(random() * 0.6 * total);
	const byTimer = c % 2 === 1 && answersPerMs > 0;
	const kind = byTimer ? 'timer' : 'answer';
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
	let answeredSoFar = 0;
	const stormStarted = performance.now();
	const timer = byTimer
		? setTimeout(() => {
				killedAt = answeredSoFar || -1;
				child.kill('SIGKILL');
			}, killAfter / answersPerMs)
		: undefined;
	const storm = await voteStorm({
		url: server.url,
		slug: town.slug,
		meetingId: town.storm.meetingId,
		cookies,
		motionIds,
		random,
		onAnswer(answered) {
			answeredSoFar = answered;
			const motionId = closeAfter.get(answered);
			if (motionId)
				closes.set(
					motionId,
					outcomeOf(() =>
						closeMotionPost(server.url, town.slug, town.storm.meetingId, clerk, motionId)
					)
				);
			if (!byTimer && answered === killAfter) {
				killedAt = answered;
				answersPerMs = answered / (performance.now() - stormStarted);
				child.kill('SIGKILL');
			}
		}
	});
	clearTimeout(timer);
	if (!killedAt) child.kill('SIGKILL');
	else moments[kind]++;
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
			if (o.kind !== 'unknown') continue;
			cutOff++;
			if (receipt.get(persons[v], motionId)) unknownStored++;
		}
	} finally {
		db.close();
	}

	const count = (kind) => [...storm.ballots.values()].filter((o) => o.kind === kind).length;
	const closeCount = (kind) => [...closed.values()].filter((o) => o.kind === kind).length;
	cutOffStored += unknownStored;
	const when = killedAt
		? `killed by ${kind} after ${Math.max(0, killedAt)} answers`
		: 'killed after the storm';
	const line =
		`cycle ${String(c + 1).padStart(3)}/${cycles}: ${when}; ` +
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
	`kill moments: ${moments.answer} cycles right after an answer, ${moments.timer} by a random timer; ` +
		`${cutOffStored} of ${cutOff} cut-off ballots were stored (committed, never acknowledged)`
);
console.log(
	`crash test: ${passed} of ${cycles} cycles passed, ${failed} failed in ${seconds} s (seed ${seed})`
);
// A failed run keeps its database for a look; a passing one leaves nothing behind.
if (failed === 0)
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
else console.log(`database kept at ${dbPath}`);
if (reportAt) writeFileSync(reportAt, JSON.stringify({ passed, failed, skipped: 0 }) + '\n');
process.exitCode = failed > 0 ? 1 : 0;
