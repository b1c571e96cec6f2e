// What the crash test and the backup-under-load test share: a township with many open motions, a
// vote storm that records what the server answered to each ballot, the clerk closing motions
// through the console while ballots arrive, and the checks of the database file afterwards.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/open.js';
import { verifyChain } from '../../src/lib/server/audit/chain.js';
import { castBallot, loadGenerator, root, signIn, work } from './harness.js';

/**
 * @typedef {{ kind: string, reason?: string, detail?: string }} Outcome
 * @typedef {{ id: number, state: string, result: string | null, closed_at: string | null,
 *   quorum_at_close: string | null, pass_evaluation: string | null, yes: number | null,
 *   no: number | null, abstain: number | null, receipts: number, resolutions: number }} MotionRow
 */

export { seededRandom } from '../../src/lib/random.js';

/** @param {string[]} argv @param {string} name @param {number} fallback */
export function numberArg(argv, name, fallback) {
	const i = argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const n = Number(argv[i + 1]);
	if (!Number.isSafeInteger(n) || n < 0) {
		console.error(`--${name} needs a whole number`);
		process.exit(2);
	}
	return n;
}

/**
 * The tiny township with `voters` signed-in representatives and `motions` open motions.
 * @param {string} dbPath @param {{ voters: number, motions: number }} size
 */
export async function generateTownship(dbPath, size) {
	const gen = await loadGenerator();
	// Once imported, the generator's bundle is not needed again.
	rmSync(join(work, `township-${process.pid}.mjs`), { force: true });
	const generated = await gen.generate(dbPath, {
		...gen.TINY,
		stormVoters: size.voters,
		stormMotions: size.motions
	});
	return { ...generated, password: gen.STORM_PASSWORD, clerkPhone: gen.clerkPhone(0) };
}

/**
 * Sign-ins are argon2 work: a few at a time, as a hall fills up.
 * @param {string} url @param {string[]} phones @param {string} password
 */
export async function signInAll(url, phones, password) {
	const cookies = [];
	for (let i = 0; i < phones.length; i += 4)
		cookies.push(
			...(await Promise.all(phones.slice(i, i + 4).map((p) => signIn(url, p, password))))
		);
	return cookies;
}

const catalogue = JSON.parse(readFileSync(join(root, 'messages/zh-CN.json'), 'utf8'));
/** The page a refused ballot re-renders says why; these are the refusals a storm expects. */
const REFUSALS = {
	already_voted: catalogue.meeting_refused_already_voted,
	not_open: catalogue.meeting_refused_motion_not_open
};

/**
 * What the server said to one POST: `ack` (303), `refused` with its reason (400 with the message),
 * `unknown` (the connection died: the ballot may or may not be stored) or `error` (anything else,
 * always a failure).
 * @param {() => Promise<Response>} post
 * @returns {Promise<Outcome>}
 */
export async function outcomeOf(post) {
	/** @param {any} e */
	const cutOff = (e) => ({ kind: 'unknown', detail: String(e?.cause?.code ?? e?.message ?? e) });
	let response;
	let body;
	try {
		response = await post();
	} catch (e) {
		return cutOff(e);
	}
	// A form post from a lost session is sent to the sign-in page: never an acknowledgement.
	if (response.status === 303 && response.headers.get('location')?.startsWith('/login')) {
		return { kind: 'error', detail: 'signed out' };
	}
	// The status line is the acknowledgement, even if the connection dies in the body after it.
	if (response.status === 303) {
		await response.arrayBuffer().catch(() => {});
		return { kind: 'ack' };
	}
	try {
		body = await response.text();
	} catch (e) {
		return cutOff(e);
	}
	if (response.status === 400) {
		for (const [reason, text] of Object.entries(REFUSALS))
			if (body.includes(text)) return { kind: 'refused', reason };
	}
	return { kind: 'error', detail: `${response.status}` };
}

/**
 * The clerk closes a motion through the meeting console's form action: the confirmed second post
 * (the first only shows the numbers), which also accepts a secret count of one or two ballots.
 * @param {string} url @param {string} slug @param {number} meetingId @param {string} cookie
 * @param {number} motionId
 */
export function closeMotionPost(url, slug, meetingId, cookie, motionId) {
	return fetch(`${url}/${slug}/meetings/${meetingId}/console?/closeMotion`, {
		method: 'POST',
		body: new URLSearchParams({ motion: String(motionId), confirm: '1' }),
		redirect: 'manual',
		headers: { cookie, origin: url, accept: 'text/html' }
	});
}

/**
 * Every voter casts a ballot on every motion given, as fast as the server answers, each voter
 * starting at a different motion; a voter whose ballot was acknowledged sometimes sends it again
 * (a double tap), which must be refused. `onAnswer` runs after each answer, for the caller's
 * triggers (close a motion, take a backup, kill the server). A voter stops at its first dead
 * connection, and every voter once `stop()` says so.
 * @param {{ url: string, slug: string, meetingId: number, cookies: string[], motionIds: number[],
 *   random: () => number,
 *   stop?: () => boolean, onAnswer?: (answered: number, ballots: Map<string, { kind: string }>) => void }} options
 */
export async function voteStorm({
	url,
	slug,
	meetingId,
	cookies,
	motionIds,
	random,
	stop,
	onAnswer
}) {
	/** @type {Map<string, { kind: string, reason?: string, detail?: string, at: number }>} */
	const ballots = new Map();
	/** @type {{ key: string, kind: string, reason?: string, detail?: string }[]} */
	const repeats = [];
	let answered = 0;
	// Choices and double taps are drawn before the storm so they do not depend on timing.
	const plan = cookies.map((_, v) =>
		motionIds.map((_, k) => ({
			motionId: motionIds[(v + k) % motionIds.length],
			choice: random() < 0.8 ? 'yes' : random() < 0.5 ? 'no' : 'abstain',
			again: random() < 0.1
		}))
	);
	await Promise.all(
		cookies.map(async (cookie, v) => {
			for (const { motionId, choice, again } of plan[v]) {
				if (stop?.()) return;
				const key = `${v}:${motionId}`;
				const cast = () => castBallot(url, slug, meetingId, cookie, motionId, choice);
				const outcome = await outcomeOf(cast);
				ballots.set(key, { ...outcome, at: performance.now() });
				answered++;
				onAnswer?.(answered, ballots);
				if (outcome.kind === 'unknown') return;
				if (again && outcome.kind === 'ack') {
					const second = await outcomeOf(cast);
					repeats.push({ key, ...second });
					if (second.kind === 'unknown') return;
				}
			}
		})
	);
	return { ballots, repeats };
}

/** @param {import('better-sqlite3').Database} db @param {string} phone */
const personOf = (db, phone) =>
	/** @type {number} */ (
		db.prepare('select person_id from users where phone = ?').pluck().get(phone)
	);

/**
 * The storm's voters' person ids, in the order of `phones`.
 * @param {string} dbPath @param {string[]} phones
 */
export function personIds(dbPath, phones) {
	const db = openDatabase(dbPath, { readonly: true });
	try {
		return phones.map((p) => personOf(db, p));
	} finally {
		db.close();
	}
}

/**
 * Checks the storm's record against the database: each acknowledged ballot is stored, no refused
 * one is, each double tap was refused, and each refusal because the motion was closed agrees
 * with the motion's state. Returns the problems found (empty when all is well).
 * @param {import('better-sqlite3').Database} db
 * @param {{ ballots: Map<string, { kind: string, reason?: string, detail?: string }>,
 *   repeats: { key: string, kind: string, reason?: string, detail?: string }[] }} storm
 * @param {number[]} persons person id of each voter index
 * @param {number[]} motionIds the motions the storm voted on
 */
export function checkBallots(db, storm, persons, motionIds) {
	const problems = [];
	const stored = new Set(
		/** @type {{ motion_id: number, person_id: number }[]} */ (
			db
				.prepare(
					`select motion_id, person_id from ballot_receipts where motion_id in (${motionIds.map(() => '?').join(',')})`
				)
				.all(...motionIds)
		).map((r) => `${r.person_id}:${r.motion_id}`)
	);
	/** @param {string} key */
	const storedKey = (key) => {
		const [v, motionId] = key.split(':');
		return `${persons[Number(v)]}:${motionId}`;
	};
	const sent = new Set();
	for (const [key, outcome] of storm.ballots) {
		sent.add(storedKey(key));
		const isStored = stored.has(storedKey(key));
		if (outcome.kind === 'error') problems.push(`ballot ${key} answered ${outcome.detail}`);
		if (outcome.kind === 'ack' && !isStored) problems.push(`acknowledged ballot ${key} is missing`);
		if (outcome.kind === 'refused' && isStored)
			problems.push(`ballot ${key} was refused (${outcome.reason}) but is stored`);
	}
	// A refusal because the motion is closed shows that the close was committed: it must last.
	const state = db.prepare('select state from motions where id = ?').pluck();
	/** @param {string} key @param {Outcome} outcome */
	const closedOnRefusal = (key, outcome) => {
		const motionId = Number(key.split(':')[1]);
		if (outcome.reason === 'not_open' && state.get(motionId) !== 'closed')
			problems.push(`ballot ${key} was refused as closed but motion ${motionId} is open`);
	};
	for (const [key, outcome] of storm.ballots) {
		if (outcome.kind !== 'refused') continue;
		closedOnRefusal(key, outcome);
		if (outcome.reason === 'already_voted')
			problems.push(`the first ballot ${key} was refused as a second one`);
	}
	for (const r of storm.repeats) {
		if (r.kind === 'ack') problems.push(`a second ballot ${r.key} was acknowledged`);
		if (r.kind === 'error') problems.push(`second ballot ${r.key} answered ${r.detail}`);
		// Between the two taps the clerk may have closed the motion: either refusal is right.
		if (r.kind === 'refused') closedOnRefusal(r.key, r);
	}
	for (const key of stored)
		if (!sent.has(key)) problems.push(`a ballot nobody sent is stored (person:motion ${key})`);
	return problems;
}

/**
 * A motion of the storm's meeting is whole when its state, tally, receipts, audit entries and
 * resolution agree: an open motion has no result, tally, resolution or close entry, and its named
 * choices or secret counters add up to its receipts; a closed one has its result, quorum and
 * tally, the tally equals the stored choices and the receipts, the pass evaluation matches the
 * result, a passed motion of a deciding meeting has exactly one resolution (and nothing else
 * has one), and exactly one close entry in the audit log records the same result and tally. Every
 * receipt has its `ballot.cast` entry. Returns the problems found.
 * @param {import('better-sqlite3').Database} db @param {number} meetingId
 */
export function checkMotionsWhole(db, meetingId) {
	const problems = [];
	const mayDecide = JSON.parse(
		/** @type {string} */ (
			db.prepare('select rule_json from meetings where id = ?').pluck().get(meetingId)
		)
	).mayDecide;
	const motions = /** @type {MotionRow[]} */ (
		db
			.prepare(
				`select m.*,
			   (select count(*) from ballot_receipts r where r.motion_id = m.id) as receipts,
			   (select count(*) from resolutions s where s.motion_id = m.id) as resolutions
			 from motions m where m.meeting_id = ? order by m.id`
			)
			.all(meetingId)
	);
	const choices = db.prepare(
		`select choice, count(*) as n from named_choices where motion_id = ? group by choice
		 union all select choice, count from secret_tallies where motion_id = ?`
	);
	/** @type {Map<string, string[]>} */
	const entries = new Map();
	for (const e of /** @type {{ action: string, subject_id: string, after: string }[]} */ (
		db
			.prepare(
				`select action, subject_id, after from audit
				 where subject_type = 'motion' and action in ('ballot.cast', 'motion.closed')`
			)
			.all()
	)) {
		const key = `${e.action}:${e.subject_id}`;
		entries.set(key, [...(entries.get(key) ?? []), e.after]);
	}
	for (const m of motions) {
		const name = `motion ${m.id} (${m.state})`;
		const t = { yes: 0, no: 0, abstain: 0 };
		for (const r of /** @type {{ choice: 'yes' | 'no' | 'abstain', n: number }[]} */ (
			choices.all(m.id, m.id)
		))
			t[r.choice] += r.n;
		const counted = t.yes + t.no + t.abstain;
		const casts = (entries.get(`ballot.cast:${m.id}`) ?? []).length;
		const closes = entries.get(`motion.closed:${m.id}`) ?? [];
		if (counted !== m.receipts)
			problems.push(`${name}: ${m.receipts} receipts but ${counted} choices counted`);
		if (casts !== m.receipts)
			problems.push(`${name}: ${m.receipts} receipts but ${casts} ballot entries in the audit log`);
		if (m.state === 'open') {
			if (m.result !== null || m.closed_at !== null || m.yes !== null || m.pass_evaluation !== null)
				problems.push(`${name}: has a result or tally while open`);
			if (m.resolutions) problems.push(`${name}: has a resolution while open`);
			if (closes.length) problems.push(`${name}: has a close entry while open`);
			continue;
		}
		if (m.state !== 'closed') {
			problems.push(`${name}: unexpected state`);
			continue;
		}
		if (m.closed_at === null || m.result === null || m.quorum_at_close === null) {
			problems.push(`${name}: closed without its result or quorum`);
			continue;
		}
		if (m.yes !== t.yes || m.no !== t.no || m.abstain !== t.abstain)
			problems.push(
				`${name}: tally ${m.yes}/${m.no}/${m.abstain} but ballots ${t.yes}/${t.no}/${t.abstain}`
			);
		const pass = m.pass_evaluation === null ? null : JSON.parse(m.pass_evaluation);
		const quorum = JSON.parse(m.quorum_at_close);
		if ((m.result === 'no_quorum') !== (pass === null) || quorum.met !== (pass !== null))
			problems.push(`${name}: result ${m.result} does not match its quorum evaluation`);
		if (pass && pass.passed !== (m.result === 'passed'))
			problems.push(`${name}: result ${m.result} does not match its pass evaluation`);
		const wantsResolution = m.result === 'passed' && mayDecide ? 1 : 0;
		if (m.resolutions !== wantsResolution)
			problems.push(`${name}: ${m.result} with ${m.resolutions} resolutions`);
		if (closes.length !== 1) problems.push(`${name}: ${closes.length} close entries`);
		else {
			const after = JSON.parse(closes[0]);
			if (
				after.result !== m.result ||
				after.tally.yes !== m.yes ||
				after.tally.no !== m.no ||
				after.tally.abstain !== m.abstain ||
				after.turnout.length !== m.receipts
			)
				problems.push(`${name}: its close entry does not record what is stored`);
		}
	}
	const gaps = db
		.prepare(
			`select village_id, year, count(*) as n, max(seq) as top from resolutions group by village_id, year
			 having n != top`
		)
		.all();
	if (gaps.length) problems.push(`resolution numbers have gaps: ${JSON.stringify(gaps)}`);
	return problems;
}

/**
 * The file-level checks: integrity, foreign keys and the audit chain. Returns the problems found.
 * @param {import('better-sqlite3').Database} db
 */
export function checkFile(db) {
	const problems = [];
	const integrity = /** @type {{ integrity_check: string }[]} */ (db.pragma('integrity_check')).map(
		(r) => r.integrity_check
	);
	if (integrity.length !== 1 || integrity[0] !== 'ok')
		problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
	const orphans = /** @type {unknown[]} */ (db.pragma('foreign_key_check'));
	if (orphans.length) problems.push(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 3))}`);
	const chain = verifyChain(db);
	if (!chain.ok) problems.push(`audit chain broken at entry ${chain.brokenAt}: ${chain.reason}`);
	return { problems, auditEntries: chain.count };
}
