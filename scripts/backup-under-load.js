// `npm run test:backup`: a backup taken while a vote storm runs is complete and restores. Starts
// the server on a tiny township, runs a storm of 100 voters, runs the real `node scripts/db.js
// backup` against the live database part-way through, restores the copy with `db.js restore` into
// a fresh folder, starts the server on it and checks, through each voter's meeting page and by
// SQL, that every ballot acknowledged before the backup began is there, that the copy holds no
// ballot that was not acknowledged, that every motion is whole and the audit chain verifies.
//
//   npm run test:backup -- --seed 1234   --report <file> writes { passed, failed, skipped }
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unflatten } from 'devalue';
import { openDatabase } from '../src/lib/server/db/open.js';
import { buildIfStale } from './build-if-stale.js';
import { root, startServer, work } from './lib/harness.js';
import {
	checkFile,
	checkMotionsWhole,
	generateTownship,
	numberArg,
	personIds,
	seededRandom,
	signInAll,
	voteStorm
} from './lib/storm.js';

const argv = process.argv.slice(2);
const seed = numberArg(argv, 'seed', Math.floor(Math.random() * 2 ** 31));
const reportAt = argv.includes('--report') ? argv[argv.indexOf('--report') + 1] : null;
const VOTERS = 100;
const MOTIONS = 4;

/** Runs `node scripts/db.js <args>` on the database at dbPath; resolves with its exit code. */
async function dbCommand(dbPath, args) {
	const child = spawn(process.execPath, ['scripts/db.js', ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_PATH: dbPath },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const [code] = await once(child, 'exit');
	return code;
}

/** The motions whose ballot a voter's own meeting page says they cast. */
async function votedOnPage(url, slug, meetingId, cookie) {
	const r = await fetch(`${url}/${slug}/meetings/${meetingId}/__data.json`, {
		headers: { cookie }
	});
	if (!r.ok) throw new Error(`the meeting page answered ${r.status}`);
	const nodes = (await r.json()).nodes;
	const page = unflatten(nodes[nodes.length - 1].data);
	return new Set(Object.keys(page.me?.voted ?? {}).map(Number));
}

console.log(`backup under load: seed ${seed} (replay with --seed ${seed})`);
buildIfStale();
mkdirSync(work, { recursive: true });
const dir = mkdtempSync(join(work, 'backup-'));
const livePath = join(dir, 'live', 'yishiting.db');
const backupPath = join(dir, 'backup.db');
const restoredPath = join(dir, 'restored', 'yishiting.db');
mkdirSync(join(dir, 'live'));
const started = performance.now();
const problems = [];
/** Where the time goes, printed at the end. */
const phases = [];
let lap = started;
const phase = (name) => {
	const now = performance.now();
	phases.push(`${name} ${((now - lap) / 1000).toFixed(1)} s`);
	lap = now;
};

const town = await generateTownship(livePath, { voters: VOTERS, motions: MOTIONS });
const live = await startServer(livePath);
const cookies = await signInAll(live.url, town.storm.phones, town.password);
const persons = personIds(livePath, town.storm.phones);
phase('setup');
const random = seededRandom(seed);
const total = VOTERS * MOTIONS;
// The backup starts after a random fifth to half of the storm's ballots, so ballots are in flight
// while it runs; the storm stops when it is done.
const backupAfter = Math.floor(total * (0.2 + 0.3 * random()));
/** @type {Set<string>} */
let acknowledgedBefore = new Set();
let answersAtStart = 0;
let answersAtEnd = 0;
let answers = 0;
let backupDone = false;
/** @type {Promise<number> | null} */
let backup = null;
let storm;
try {
	storm = await voteStorm({
		url: live.url,
		slug: town.slug,
		meetingId: town.storm.meetingId,
		cookies,
		motionIds: town.storm.motionIds,
		random,
		// Once the copy is written, further ballots prove nothing more.
		stop: () => backupDone,
		onAnswer(answered, ballots) {
			answers = answered;
			if (answered !== backupAfter) return;
			answersAtStart = answered;
			acknowledgedBefore = new Set(
				[...ballots].filter(([, o]) => o.kind === 'ack').map(([key]) => key)
			);
			backup = dbCommand(livePath, ['backup', backupPath]).then((code) => {
				answersAtEnd = answers;
				backupDone = true;
				return code;
			});
		}
	});
} finally {
	live.child.kill('SIGTERM');
}
const backupCode = await (backup ?? Promise.resolve(-1));
await once(live.child, 'exit');
phase('storm and backup');
if (backupCode !== 0) problems.push(`db.js backup exited with ${backupCode}`);
const during = answersAtEnd - answersAtStart;
if (backupCode === 0 && during === 0) problems.push('no ballot was answered while the backup ran');
for (const [key, o] of storm.ballots)
	if (o.kind !== 'ack' && o.kind !== 'refused')
		problems.push(`ballot ${key}: ${o.kind} ${o.detail}`);
const acknowledged = new Set(
	[...storm.ballots].filter(([, o]) => o.kind === 'ack').map(([key]) => key)
);

if (backupCode === 0) {
	mkdirSync(join(dir, 'restored'));
	const restoreCode = await dbCommand(restoredPath, ['restore', backupPath]);
	if (restoreCode !== 0) problems.push(`db.js restore exited with ${restoreCode}`);
	else {
		const verifyCode = await dbCommand(restoredPath, ['verify']);
		if (verifyCode !== 0) problems.push(`db.js verify exited with ${verifyCode} on the copy`);
		const db = openDatabase(restoredPath, { readonly: true });
		let stored;
		try {
			problems.push(...checkFile(db).problems, ...checkMotionsWhole(db, town.storm.meetingId));
			stored = new Set(
				/** @type {{ motion_id: number, person_id: number }[]} */ (
					db.prepare('select motion_id, person_id from ballot_receipts').all()
				).map((r) => `${r.person_id}:${r.motion_id}`)
			);
		} finally {
			db.close();
		}
		for (const key of acknowledgedBefore) {
			const [v, motionId] = key.split(':');
			if (!stored.has(`${persons[Number(v)]}:${motionId}`))
				problems.push(`ballot ${key}, acknowledged before the backup, is not in it`);
		}
		const stormKeys = new Set(
			[...acknowledged].map((key) => {
				const [v, motionId] = key.split(':');
				return `${persons[Number(v)]}:${motionId}`;
			})
		);
		const stormMotions = new Set(town.storm.motionIds);
		for (const key of stored)
			if (stormMotions.has(Number(key.split(':')[1])) && !stormKeys.has(key))
				problems.push(`the copy holds a ballot never acknowledged (person:motion ${key})`);

		phase('restore and SQL checks');
		const restored = await startServer(restoredPath);
		try {
			for (const [v, cookie] of cookies.entries()) {
				const shown = await votedOnPage(restored.url, town.slug, town.storm.meetingId, cookie);
				for (const motionId of town.storm.motionIds)
					if (acknowledgedBefore.has(`${v}:${motionId}`) && !shown.has(motionId))
						problems.push(`voter ${v}'s page on the restored server misses motion ${motionId}`);
			}
		} finally {
			restored.child.kill('SIGTERM');
			await once(restored.child, 'exit');
		}
		phase('pages on the restored server');
		console.log(
			`backup under load: ${acknowledgedBefore.size} ballots acknowledged before the backup, ` +
				`${during} answered while it ran, ${acknowledged.size} in all; the copy holds ` +
				`${[...stored].filter((k) => stormMotions.has(Number(k.split(':')[1]))).length}`
		);
	}
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
for (const p of problems.slice(0, 20)) console.log(`    ${p}`);
if (problems.length > 20) console.log(`    … and ${problems.length - 20} more`);
const ok = problems.length === 0;
console.log(
	`backup under load: ${ok ? 'ok' : 'FAILED'} in ${seconds} s (${phases.join(', ')}; seed ${seed})`
);
if (ok) rmSync(dir, { recursive: true, force: true });
else console.log(`files kept in ${dir}`);
if (reportAt)
	writeFileSync(
		reportAt,
		JSON.stringify({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }) + '\n'
	);
process.exitCode = ok ? 0 : 1;
