// `npm run bench`: builds if needed (the app, and the bare SvelteKit floor app under bench/floor),
// generates a township-scale database (and an empty one), starts the production server on each
// with the documented production settings, and measures in the same run: the floor, the sign-in
// page as served (from memory) and as rendered (the baseline), /healthz, the public pages (200 and
// conditional 304), the signed-in data pages (each page in rounds beside the floor and the
// baseline, the ratios taken within a round), the signed-in pages' cold renders (page cache off),
// a closed-loop vote storm at saturation, an open-loop run at a realistic rate (reads and 300
// voters casting one ballot each), peak RSS, the JavaScript and HTML each citizen page makes
// Chromium fetch (gzip sizes computed here) and Lighthouse's mobile scores (median of 3). Prints
// every target met or MISSED and writes bench/results.json, bench/results.md and the README table.
// `npm run bench -- --villages 150`: the same on five townships' worth (results-150.*; the README
// keeps the 30-village run).
// `npm run bench -- --smoke`: every step on a tiny database with short loads (run by npm test so
// the script cannot rot); it checks that every step ran, never a number.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfStale } from './build-if-stale.js';
import {
	buildFloorIfStale,
	castBallot,
	loadGenerator,
	peakRssMb,
	root,
	signIn as signInAs,
	startFloor,
	startServer,
	work
} from './lib/harness.js';
import { get, report, runOpenLoop } from './lib/open-loop.js';
import {
	fixedRateArrivals,
	median,
	percentile,
	roundOrder,
	sequentialLatencies,
	spread,
	STORM_BUSY,
	stormRatio,
	summarizeRounds,
	uniformArrivals
} from '../src/lib/server/bench/load-stats.js';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const villagesArg = argv.indexOf('--villages');
const VILLAGES = villagesArg < 0 ? 30 : Number(argv[villagesArg + 1]);
if (!Number.isSafeInteger(VILLAGES) || VILLAGES < 1) {
	console.error('--villages needs a whole number ≥ 1');
	process.exit(2);
}
// The smoke run loads each page for a second: it shows the step works, not what it measures.
const seconds = smoke ? 1 : 10;
const CONNECTIONS = 50;
/** The open-loop run: reads a second and its length; in the smoke run short and slow. */
const OPEN_LOOP = smoke ? { seconds: 3, readRate: 20 } : { seconds: 20, readRate: 150 };
const LIGHTHOUSE_RUNS = smoke ? 1 : 3;
/**
 * Throughput in rounds: each page is loaded side by side with the floor and the baseline (its
 * references), ROUNDS times in a turned order, and its ratios are taken within a round, under the
 * same machine state (one long load each, minutes apart, let the floor swing from 894 to 1374
 * req/s between runs). A page's rounds, references included, take `seconds` in all, as its one
 * load did; in the full run each page first gets a short load that is not counted (its code and
 * queries warm up). The smoke run loads each once beside them, half a second: on a busy machine a
 * shorter load may see no answer at all.
 */
const ROUNDS = smoke ? 1 : 3;
const ROUND_SECONDS = smoke ? 0.5 : seconds / (3 * ROUNDS);
const WARMUP_SECONDS = smoke ? 0 : seconds / 20;
/**
 * Cold renders of the signed-in pages, which a session's repeated GETs may get from the page
 * cache: sequential requests on one connection to a server started with PAGE_CACHE_MB=0.
 */
const COLD = smoke ? { warmup: 2, count: 5 } : { warmup: 20, count: 200 };
/**
 * As docs/operations.md deploys the app: behind nginx, which compresses, so the app does not
 * (the payload sizes below are gzip sizes the bench computes itself, as nginx would send them).
 */
const SERVER_ENV = { COMPRESSION: 'off' };
/** The gzip level docs/operations.md gives nginx (gzip_comp_level). */
const GZIP_LEVEL = 6;
mkdirSync(work, { recursive: true });
const T0 = performance.now();
/** Progress on stderr, with the time since the start: a full run takes a quarter of an hour. */
const say = (what) => console.error(`[${Math.round((performance.now() - T0) / 1000)} s] ${what}`);

buildIfStale();
buildFloorIfStale();
const gen = await loadGenerator();
const { generate, TINY, EMPTY, STORM_PASSWORD, clerkPhone, scaleFor } = gen;

const signIn = (url, phone) => signInAs(url, phone, STORM_PASSWORD);
/** @type {string[]} */
const failures = [];

/** Sign-ins are argon2 work: a few at a time, as a hall fills up. */
async function signInAll(url, phones) {
	const cookies = [];
	for (let i = 0; i < phones.length; i += 4)
		cookies.push(...(await Promise.all(phones.slice(i, i + 4).map((p) => signIn(url, p)))));
	return cookies;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** The CPU time a process has used, user and system, in clock ticks (proc(5), fields 14–15). */
function cpuTicks(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/**
 * What one load asks for: a page, with the headers a browser sends. With `etag`, every request is
 * a conditional GET that must answer 304.
 * @param {string} name @param {string} url @param {string} path
 * @param {{ cookie?: string, etag?: string }} [options]
 */
function subject(name, url, path, { cookie, etag, pid } = {}) {
	const headers = {
		// As a browser asks; with the production setting the app leaves compression to the proxy.
		'accept-encoding': 'gzip, deflate, br',
		...(cookie ? { cookie } : {}),
		...(etag ? { 'if-none-match': etag } : {})
	};
	return { name, url, path, headers, expect: etag ? 304 : 200, pid };
}

/**
 * Closed-loop throughput of one subject for `duration` s: CONNECTIONS connections, each sending
 * its next request when the last is answered. Throws if any answer is not the expected status.
 * @param {ReturnType<typeof subject>} s @param {number} duration
 */
async function blast(s, duration) {
	const cpuBefore = s.pid ? cpuTicks(s.pid) : null;
	const result = await autocannon({
		url: s.url + s.path,
		connections: CONNECTIONS,
		duration,
		headers: s.headers,
		// autocannon stops at its next sample: every 100 ms, not its default whole second, so a
		// load of 1.1 s lasts about that, not 2 s.
		sampleInt: 100
	});
	const answered = ['1xx', '2xx', '3xx', '4xx', '5xx'].reduce((n, k) => n + result[k], 0);
	const good = result[s.expect === 304 ? '3xx' : '2xx'];
	const bad = answered - good + result.errors + result.timeouts;
	// A figure made of nothing must not stand in a full run's table; in the smoke run, on a machine
	// busy with the rest of the suite, half a second may pass before a first answer.
	if (answered === 0 && !smoke) throw new Error(`${s.name}: no answer in ${duration} s`);
	if (bad > 0)
		throw new Error(
			`${s.name}: ${bad} failed responses (${answered - good} other status, ${result.errors} errors, ${result.timeouts} timeouts)`
		);
	const ticks = cpuBefore === null ? 0 : cpuTicks(s.pid) - cpuBefore;
	// From the count over the time it took: autocannon's average is of its 100 ms samples.
	return {
		...(ticks > 0 ? { cpuMs: (ticks * 1000) / CLOCK_TICKS / result.requests.total } : {}),
		rps: result.requests.total / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99
	};
}

/**
 * The references a township page is measured beside, and every round they ran in (the floor's
 * and the baseline's own rows are made of these); empty when a run has none.
 * @type {ReturnType<typeof subject>[]}
 */
let references = [];
/** @type {Record<string, import('../src/lib/server/bench/load-stats.js').Load>[]} */
const referenceRounds = [];
const warmed = new Set();

/**
 * A page's throughput, in ROUNDS rounds beside the references (see ROUNDS). A page that fails is
 * recorded (and fails the run), not thrown, so the other rows still show.
 * @param {ReturnType<typeof subject>} s
 */
async function load(s) {
	const label = `${s.path}${s.expect === 304 ? ' (304)' : ''}`;
	try {
		const first = await fetch(s.url + s.path, { headers: s.headers, redirect: 'manual' });
		await first.arrayBuffer();
		// A page that sends an ETag but ignores it is a missed target, not a broken bench.
		if (s.expect === 304 && first.status === 200)
			return { error: 'answers 200 to If-None-Match', no304: true };
		if (first.status !== s.expect) throw new Error(`answered ${first.status}, not ${s.expect}`);
		if (WARMUP_SECONDS > 0)
			for (const w of [...references, s].filter((w) => !warmed.has(w)))
				await blast(w, WARMUP_SECONDS);
		for (const w of references) warmed.add(w);
		const rounds = [];
		for (let r = 0; r < ROUNDS; r++) {
			const round = {};
			for (const t of roundOrder([...references, s], r))
				round[t === s ? 'page' : t.name] = await blast(t, ROUND_SECONDS);
			rounds.push(round);
			referenceRounds.push(round);
		}
		return summarizeRounds(
			rounds,
			references.map((t) => t.name)
		);
	} catch (e) {
		failures.push(`${label}: ${e.message}`);
		return { error: e.message };
	}
}

/**
 * A reference's own row, from every round it ran in beside a page: its median figures and, for
 * the baseline, its ratio to the floor within each of those rounds.
 * @param {string} name
 */
function referenceRow(name) {
	const rounds = referenceRounds.map((r) => ({ ...r, page: r[name] }));
	if (rounds.length === 0) return { error: 'no page was measured' };
	return summarizeRounds(
		rounds,
		references.map((t) => t.name)
	);
}

/**
 * Each signed-in page COLD.count times on one connection, one after the other, so each time is
 * one answer and nothing else queues with it.
 */
async function sequentialRenders(url, signed, cookieOf, label) {
	const out = {};
	for (const [name, [path, who]] of Object.entries(signed)) {
		const headers = { 'accept-encoding': 'gzip, deflate, br', cookie: cookieOf[who] };
		out[name] = await sequentialLatencies(
			async () => {
				// Not followed: a sign-in page at the end of a redirect is not this page's render.
				const r = await fetch(url + path, { headers, redirect: 'manual' });
				await r.arrayBuffer();
				return r.status;
			},
			{ ...COLD, ok: (status) => status === 200 }
		);
		if (out[name].failed > 0)
			failures.push(`${path} (${label}): ${out[name].failed} answers other than 200`);
	}
	return out;
}

/**
 * The same on a second server over the same database with the page cache off (PAGE_CACHE_MB=0):
 * every answer a fresh render.
 */
async function coldRenders(dbPath, scale, signed, cookieOf) {
	const { url, child } = await startServer(dbPath, {
		env: { ...SERVER_ENV, PAGE_CACHE_MB: '0' }
	});
	try {
		await settle(scale);
		return await sequentialRenders(url, signed, cookieOf, 'cold');
	} finally {
		child.kill('SIGTERM');
		await exited(child);
	}
}

/** @param {import('node:child_process').ChildProcess} child */
const exited = (child) =>
	child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((r) => child.once('exit', r));

/**
 * The server sweeps every village's due reminders as it starts (households/reminders.ts): on a
 * generated township that is a whole backlog at once. A day's traffic does not begin at boot, so
 * the loads start once it is done.
 */
const settle = (scale) =>
	new Promise((r) => setTimeout(r, smoke ? 1000 : Math.max(5, scale.villages / 3) * 1000));

/** The ETag a public page answers with, or null if it sends none. */
async function etagOf(url, path, headers = {}) {
	const r = await fetch(url + path, { headers });
	await r.arrayBuffer();
	return r.headers.get('etag');
}

/**
 * Every voter casts a ballot on every open motion through the form action, as fast as it can. The
 * server's CPU time per ballot is read around it (`pid`), and the share of the storm's time the
 * server was busy: a server that sat waiting (on fsync, or on a client that could not keep up)
 * would make CPU per ballot promise more throughput than it gave.
 */
async function voteStorm(url, storm, slug, pid) {
	const cookies = await signInAll(url, storm.phones);
	const latencies = [];
	let acknowledged = 0;
	let refused = 0;
	const cpuBefore = cpuTicks(pid);
	const started = performance.now();
	await Promise.all(
		cookies.map(async (cookie, v) => {
			for (const [k, motionId] of storm.motionIds.entries()) {
				const choice = ['yes', 'no', 'abstain'][(v + k) % 3];
				const t = performance.now();
				const r = await castBallot(url, slug, storm.meetingId, cookie, motionId, choice);
				await r.arrayBuffer();
				latencies.push(performance.now() - t);
				if (r.status === 303) acknowledged++;
				else refused++;
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	const cpuSeconds = (cpuTicks(pid) - cpuBefore) / CLOCK_TICKS;
	latencies.sort((a, b) => a - b);
	return {
		cpuMs: (cpuSeconds * 1000) / latencies.length,
		busy: cpuSeconds / elapsed,
		rps: Math.round(latencies.length / elapsed),
		p50: Math.round(percentile(latencies, 0.5)),
		p99: Math.round(percentile(latencies, 0.99)),
		acknowledged,
		refused
	};
}

function storedBallots(dbPath, motionIds) {
	const db = new Database(dbPath, { readonly: true });
	try {
		return db
			.prepare(
				`select count(*) as n from ballot_receipts where motion_id in (${motionIds.map(() => '?').join(',')})`
			)
			.get(...motionIds).n;
	} finally {
		db.close();
	}
}

/**
 * Reads the open-loop run asks for, by weight: what villagers and staff open on an ordinary
 * morning of a meeting day. Public pages 60 % (the notice board and notices most), signed-in
 * pages 40 % (the meeting page as a voter most, then the topics, then the clerk's pages).
 */
const READ_WEIGHTS = {
	noticeBoard: 14,
	notice: 10,
	meetingNotice: 10,
	feed: 4,
	openDataCsv: 3,
	openDataJson: 3,
	calendar: 6,
	calendarIcs: 3,
	rules: 7,
	meeting: 12,
	topicList: 10,
	topic: 10,
	dashboard: 4,
	caseList: 4
};

/**
 * Open loop on the township: reads at a fixed rate over public and signed-in pages and, at the
 * same time, every voter of the open-loop meeting casting one ballot at a uniform random time.
 */
async function openLoop(url, slug, generated, paths, cookieOf, dbPath) {
	const { meetingId, motionId, phones } = generated.openLoop;
	const voters = await signInAll(url, phones);
	const reads = fixedRateArrivals({
		rate: OPEN_LOOP.readRate,
		seconds: OPEN_LOOP.seconds,
		weights: READ_WEIGHTS,
		seed: 150
	}).map(({ at, kind }) => ({
		at,
		kind: 'read',
		send: () => {
			const [path, who] = paths[kind];
			const cookie = cookieOf[who];
			return get(url + path, cookie ? { cookie } : {});
		}
	}));
	const ballots = uniformArrivals({
		count: voters.length,
		seconds: OPEN_LOOP.seconds,
		seed: 300
	}).map((at, v) => ({
		at,
		kind: 'ballot',
		send: async () => {
			const choice = ['yes', 'no', 'abstain'][v % 3];
			const r = await castBallot(url, slug, meetingId, voters[v], motionId, choice);
			await r.arrayBuffer();
			return r.status === 303 && !r.headers.get('location')?.startsWith('/login') ? 303 : r.status;
		}
	}));
	const arrivals = [...reads, ...ballots].sort((a, b) => a.at - b.at);
	const answers = await runOpenLoop(arrivals);
	const of = (kind) => answers.filter((_, i) => arrivals[i].kind === kind);
	const acknowledged = of('ballot').filter((a) => a.result === 303).length;
	return {
		seconds: OPEN_LOOP.seconds,
		reads: { rate: OPEN_LOOP.readRate, ...report(of('read'), (s) => s === 200) },
		ballots: {
			rate: +(voters.length / OPEN_LOOP.seconds).toFixed(1),
			...report(of('ballot'), (s) => s === 303),
			acknowledged,
			stored: storedBallots(dbPath, [motionId])
		}
	};
}

const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Bytes of a body as nginx would send it gzipped: fetched uncompressed and compressed here at the
 * documented level, whatever the server's own setting (static scripts are also precompressed).
 */
async function gzipBytes(url, cookie) {
	const r = await fetch(url, { headers: { 'accept-encoding': 'identity', cookie } });
	return gzipSync(Buffer.from(await r.arrayBuffer()), { level: GZIP_LEVEL }).byteLength;
}

/** What a citizen page costs a phone, loaded in Chromium: the scripts and the document fetched. */
async function payloads(url, pages, cookie) {
	let chromium;
	try {
		({ chromium } = await import('@playwright/test'));
	} catch {
		return null;
	}
	if (!existsSync(chromiumPath())) return null;
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
	try {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const [name, value] = cookie.split('=');
		await context.addCookies([{ name, value, url }]);
		const out = {};
		for (const [label, path] of Object.entries(pages)) {
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
			const seen = new Map();
			const fetched = [];
			cdp.on('Network.responseReceived', (e) => seen.set(e.requestId, e));
			cdp.on('Network.loadingFinished', (e) => {
				const r = seen.get(e.requestId);
				if (r?.type === 'Script' || r?.type === 'Document')
					fetched.push({ type: r.type, url: r.response.url });
			});
			await page.goto(url + path, { waitUntil: 'networkidle' });
			await page.close();
			const kb = (n) => +(n / 1024).toFixed(1);
			const sum = async (type) =>
				(
					await Promise.all(
						fetched.filter((f) => f.type === type).map((f) => gzipBytes(f.url, cookie))
					)
				).reduce((a, b) => a + b, 0);
			out[label] = {
				jsKb: kb(await sum('Script')),
				htmlKb: kb(await sum('Document')),
				scripts: fetched.filter((f) => f.type === 'Script').length
			};
		}
		return out;
	} finally {
		await browser.close();
	}
}

/** Lighthouse 12 mobile scores (0–100), each the median of LIGHTHOUSE_RUNS runs. */
async function lighthouseScores(url, pages, cookie) {
	if (!existsSync(chromiumPath())) return null;
	const { default: lighthouse } = await import('lighthouse');
	const chromeLauncher = await import('chrome-launcher');
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumPath(),
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
	});
	try {
		const out = {};
		for (const [label, path] of Object.entries(pages)) {
			const runs = [];
			for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
				const result = await lighthouse(url + path, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility'],
					extraHeaders: { cookie }
				});
				const c = result?.lhr.categories;
				runs.push({
					performance: Math.round((c?.performance?.score ?? 0) * 100),
					accessibility: Math.round((c?.accessibility?.score ?? 0) * 100)
				});
			}
			out[label] = {
				performance: median(runs.map((r) => r.performance)),
				accessibility: median(runs.map((r) => r.accessibility)),
				runs: runs.map((r) => r.performance).join(' ')
			};
		}
		return out;
	} finally {
		chrome.kill();
	}
}

/** The public pages: anyone may read them, so they may be cached and answered 304. */
const publicPages = (slug, g) => ({
	noticeBoard: `/${slug}/notices`,
	notice: `/${slug}/notices/1`,
	meetingNotice: `/${slug}/meetings/${g.storm.meetingId}`,
	feed: `/${slug}/notices.atom`,
	openDataCsv: `/${slug}/open-data/resolutions.csv`,
	openDataJson: `/${slug}/open-data/resolutions.json`,
	calendar: `/${slug}/calendar`,
	calendarIcs: `/${slug}/calendar.ics`,
	rules: `/${slug}/rules`
});
/** The signed-in data pages, each with whose session reads it. */
const signedInPages = (slug, g) => ({
	// The first village's 10,000 topics, filtered and a few pages in.
	topicList: [`/${slug}/topics?state=submitted&page=3`, 'clerk'],
	// The topic with 500 opinions, as the clerk sees it (with the triage form).
	topic: [`/${slug}/topics/${g.topicNumber}`, 'clerk'],
	// The meeting page as a voter sees it while the meeting runs (the vote page).
	meeting: [`/${slug}/meetings/${g.storm.meetingId}`, 'voter'],
	dashboard: [`/${slug}/dashboard`, 'clerk'],
	// The clerk's window over the first village's 5,000 service cases, a page in.
	caseList: [`/${slug}/services?view=all&page=3`, 'clerk'],
	// The township official's overview of the township's villages.
	township: ['/township', 'official'],
	// The clerk's figures for this year, as the page opens without a filter.
	statistics: [`/${slug}/statistics`, 'clerk']
});
const PUBLIC = Object.keys(publicPages('', { storm: {} }));
/** The sign-in page as a reader without a session gets it: from memory. */
const SIGN_IN = 'sign-in page';
const BASELINE_LABEL = 'baseline: sign-in page rendered (empty session cookie)';
const SIGNED_IN = Object.keys(signedInPages('', { storm: {} }));

/**
 * @param {string} label the database file's name
 * @param {{ township: boolean, floor?: { url: string, child: import('node:child_process').ChildProcess } }} options
 *   the township run also measures the
 *   floor, /healthz, the 304s, the open loop, the payloads and Lighthouse
 */
async function measure(label, scale, { township, floor }) {
	const floorUrl = floor?.url;
	const dbPath = join(work, `${label}.db`);
	const t0 = performance.now();
	const generated = await generate(dbPath, scale);
	const generateSeconds = +((performance.now() - t0) / 1000).toFixed(1);
	say(`${label}: generated in ${generateSeconds} s ${JSON.stringify(generated.counts)}`);
	const { url, child } = await startServer(dbPath, { env: SERVER_ENV });
	await settle(scale);
	try {
		const slug = generated.slug;
		const cookieOf = {
			clerk: await signIn(url, clerkPhone(0)),
			voter: await signIn(url, generated.storm.phones[0]),
			official: await signIn(url, generated.townshipOfficialPhone),
			public: undefined
		};
		const pub = publicPages(slug, generated);
		const signed = signedInPages(slug, generated);
		const pages = {};
		say(
			`${label}: pages, ${ROUNDS === 1 ? 'one round' : `${ROUNDS} rounds`} each${floorUrl ? ' beside the floor and the baseline' : ''}`
		);
		const pid = child.pid;
		// The baseline is the sign-in page's render through SvelteKit, as issue 20 defines it; to a
		// reader without a session it is now answered from memory ('sign-in page'). An empty session
		// cookie makes every request a render (the page cache serves and keeps nothing for a request
		// with the session cookie, src/lib/server/auth/session.ts) while the render is the anonymous
		// one: the auth handle takes an empty token for no session, so adds no lookup, no Set-Cookie.
		const baseline = subject('baseline', url, '/login', { cookie: 'session=', pid });
		references = floor
			? [subject('floor', floor.url, '/', { pid: floor.child.pid }), baseline]
			: [];
		referenceRounds.length = 0;
		warmed.clear();
		if (floorUrl) pages.floor = null;
		pages.baseline = floorUrl ? null : await load(baseline);
		pages[SIGN_IN] = await load(subject(SIGN_IN, url, '/login', { pid }));
		if (township) pages.healthz = await load(subject('healthz', url, '/healthz', { pid }));
		for (const [name, path] of Object.entries(pub)) {
			pages[name] = await load(subject(name, url, path, { pid }));
			if (!township) continue;
			const etag = await etagOf(url, path);
			pages[`${name} 304`] = etag
				? await load(subject(`${name} 304`, url, path, { etag, pid }))
				: { error: 'no ETag', no304: true };
		}
		for (const [name, [path, who]] of Object.entries(signed))
			pages[name] = await load(subject(name, url, path, { cookie: cookieOf[who], pid }));
		// Placed first in the table, made of every round they ran in beside a page.
		if (floorUrl) {
			pages.floor = referenceRow('floor');
			pages.baseline = referenceRow('baseline');
		}
		// The one answer from memory has the page cache's ETag (SHA-256 of the bytes), every render
		// SvelteKit's own: the same one here would mean the baseline is no longer a render.
		pages.baseline.rendered =
			(await etagOf(url, '/login', baseline.headers)) !== (await etagOf(url, '/login'));
		say(`${label}: vote storm`);
		// The storm casts each ballot once, so it cannot run in rounds: the baseline is loaded just
		// before and just after it instead, and its ratio taken to their mean.
		const baselineNow = async () => {
			try {
				return await blast(baseline, ROUND_SECONDS);
			} catch (e) {
				failures.push(`baseline beside the vote storm: ${e.message}`);
				return { rps: NaN, cpuMs: NaN };
			}
		};
		const before = await baselineNow();
		const storm = await voteStorm(url, generated.storm, slug, pid);
		const after = await baselineNow();
		storm.baselineRps = Math.round((before.rps + after.rps) / 2);
		storm.baselineCpuMs = ((before.cpuMs ?? NaN) + (after.cpuMs ?? NaN)) / 2;
		storm.stored = storedBallots(dbPath, generated.storm.motionIds);
		if (storm.stored !== storm.acknowledged)
			failures.push(
				`vote storm: ballots stored ${storm.stored} ≠ acknowledged ${storm.acknowledged}`
			);
		const paths = {
			...Object.fromEntries(Object.entries(pub).map(([k, p]) => [k, [p, 'public']])),
			...signed
		};
		if (township) say(`${label}: open loop`);
		const open = township ? await openLoop(url, slug, generated, paths, cookieOf, dbPath) : null;
		const voterCookie = cookieOf.voter;
		const citizen = {
			noticeBoard: pub.noticeBoard,
			notice: pub.notice,
			topic: signed.topic[0],
			propose: `/${slug}/topics/new`,
			vote: signed.meeting[0]
		};
		if (township) say(`${label}: payloads and Lighthouse`);
		const payload = township ? await payloads(url, citizen, voterCookie) : null;
		const lighthouse = township
			? await lighthouseScores(
					url,
					smoke
						? { noticeBoard: citizen.noticeBoard }
						: {
								topic: citizen.topic,
								vote: citizen.vote,
								propose: citizen.propose,
								noticeBoard: citizen.noticeBoard
							},
					voterCookie
				)
			: null;
		if (township) say(`${label}: sequential renders of the signed-in pages, warm then cold`);
		// Measured as the cold ones are, on the database as they find it, to compare like with like.
		const warm = township ? await sequentialRenders(url, signed, cookieOf, 'warm') : null;
		const peak = peakRssMb(child.pid);
		// The cold server has the machine to itself: this one stops first.
		child.kill('SIGTERM');
		await exited(child);
		const cold = township ? await coldRenders(dbPath, scale, signed, cookieOf) : null;
		return {
			counts: generated.counts,
			generateSeconds,
			pages,
			storm,
			openLoop: open,
			sequential: { warm, cold },
			peakRssMb: peak,
			payload,
			lighthouse
		};
	} finally {
		child.kill('SIGTERM');
	}
}

const floor = await startFloor();
let empty;
let township;
try {
	empty = await measure(smoke ? 'smoke-empty' : 'empty', EMPTY, { township: false });
	const label = smoke ? 'smoke-township' : VILLAGES === 30 ? 'township' : `township-${VILLAGES}`;
	township = await measure(label, smoke ? TINY : scaleFor(VILLAGES), {
		township: true,
		floor
	});
} finally {
	floor.child.kill('SIGTERM');
}

/** @type {{ what: string, met: boolean }[]} */
const targets = [];
const target = (what, met) => (targets.push({ what, met }), met ? 'met' : 'MISSED');
const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : '—');
/** A page's ratio to a reference, the median of its rounds', with their range when they differ. */
const within = (r, ref) => {
	const v = r.vs?.[ref];
	if (!v) return '—';
	return v.min === v.max ? String(v.median) : `${v.median} (${v.min}–${v.max})`;
};

const rows = [];
for (const [name, r] of Object.entries(township.pages)) {
	const e = empty.pages[name];
	const bare = name.replace(/ 304$/, '');
	const verdicts = [];
	const vs = (ref) => r.vs?.[ref]?.median ?? NaN;
	if (r.no304) verdicts.push(target(`${name} ≥ 1.5× floor (${r.error}: no 304)`, false));
	else if (r.error) verdicts.push(target(`${name}: answers (${r.error})`, false));
	else if (name === SIGN_IN) verdicts.push(target('sign-in page ≥ 0.6× floor', vs('floor') >= 0.6));
	else if (name.endsWith(' 304')) verdicts.push(target(`${name} ≥ 1.5× floor`, vs('floor') >= 1.5));
	else if (PUBLIC.includes(name)) verdicts.push(target(`${name} ≥ 1.0× floor`, vs('floor') >= 1));
	else if (SIGNED_IN.includes(name))
		verdicts.push(target(`${name} ≥ 0.6× baseline`, vs('baseline') >= 0.6));
	if (e && !e.error && !r.error && [...PUBLIC, ...SIGNED_IN].includes(bare) && name === bare)
		verdicts.push(target(`${name}: p99 within 1.5× of the empty database`, r.p99 <= 1.5 * e.p99));
	const rounds = r.rounds ? spread(r.rounds) : null;
	rows.push({
		measure: name === 'baseline' ? BASELINE_LABEL : name,
		'req/s': r.rps ?? r.error,
		'req/s rounds': rounds ? `${Math.round(rounds.min)}–${Math.round(rounds.max)}` : '',
		'server ms/req': r.cpuMs ?? '',
		p50: r.p50 ?? '',
		p99: r.p99 ?? '',
		'× baseline': within(r, 'baseline'),
		'× floor': within(r, 'floor'),
		'empty req/s': e?.rps ?? '',
		'p99 ÷ empty': e && !e.error && r.p99 ? ratio(r.p99, e.p99) : '',
		targets: verdicts.join(', ')
	});
}
const storm = township.storm;
const stormVsBaseline = stormRatio(storm, { rps: storm.baselineRps, cpuMs: storm.baselineCpuMs });
rows.push({
	measure: `vote storm (${storm.acknowledged} ballots)`,
	'req/s': storm.rps,
	'req/s rounds': `baseline beside it ${storm.baselineRps}; answers counted ${ratio(storm.rps, storm.baselineRps)}×; server busy ${Math.round(storm.busy * 100)} %`,
	'server ms/req': +storm.cpuMs.toFixed(3),
	p50: storm.p50,
	p99: storm.p99,
	'× baseline': ratio(storm.baselineCpuMs, storm.cpuMs),
	'× floor': ratio(township.pages.floor.cpuMs, storm.cpuMs),
	'empty req/s': empty.storm.rps,
	'p99 ÷ empty': ratio(storm.p99, empty.storm.p99),
	targets: [
		target(
			`vote storm ≥ 0.7× baseline (by ${stormVsBaseline.by}; server busy ${Math.round(storm.busy * 100)} %, needs ${STORM_BUSY * 100} % to go by its CPU)`,
			stormVsBaseline.ratio >= 0.7
		),
		target('vote storm p99 ≤ 5× p50', storm.p99 <= 5 * storm.p50),
		target('vote storm: every acknowledged ballot stored', storm.stored === storm.acknowledged)
	].join(', ')
});
console.table(rows);

/**
 * The signed-in pages rendered afresh every time (no page cache), reported beside the same
 * requests with the cache on: warm is what a reader who refreshes gets, cold what the first reader
 * after a change gets. The ≥ 0.6× baseline targets stay on the warm throughput rows above.
 */
const { warm: warmRenders = {}, cold: coldRenderTimes = {} } = township.sequential ?? {};
const coldRows = Object.entries(coldRenderTimes).map(([page, c]) => ({
	page,
	requests: c.count,
	'warm p50': warmRenders[page]?.p50 ?? '—',
	'warm p99': warmRenders[page]?.p99 ?? '—',
	'cold p50': c.p50,
	'cold p99': c.p99,
	'cold ÷ warm p50': ratio(c.p50, warmRenders[page]?.p50),
	failed: c.failed + (warmRenders[page]?.failed ?? 0),
	targets: 'reported'
}));
if (coldRows.length) console.table(coldRows);

const open = township.openLoop;
/** A failure count with what the failures were: `1 (ECONNRESET)`. */
const failedWhy = ({ failed, why }) =>
	failed === 0
		? 0
		: `${failed} (${Object.entries(why ?? {})
				.map(([reason, n]) => (n === failed ? reason : `${reason} ×${n}`))
				.join(', ')})`;
const openRows = [
	{
		stream: 'reads',
		'per s': open.reads.rate,
		answered: open.reads.count,
		p50: open.reads.p50,
		p90: open.reads.p90,
		p99: open.reads.p99,
		max: open.reads.max,
		failed: failedWhy(open.reads),
		'late sends': open.reads.lateSends,
		targets: target(
			'open loop: reads p99 ≤ 100 ms, none failed',
			open.reads.p99 <= 100 && open.reads.failed === 0
		)
	},
	{
		stream: `ballots (${open.ballots.acknowledged} acknowledged, ${open.ballots.stored} stored)`,
		'per s': open.ballots.rate,
		answered: open.ballots.count,
		p50: open.ballots.p50,
		p90: open.ballots.p90,
		p99: open.ballots.p99,
		max: open.ballots.max,
		failed: failedWhy(open.ballots),
		'late sends': open.ballots.lateSends,
		targets: [
			target('open loop: ballots p99 ≤ 200 ms', open.ballots.p99 <= 200),
			target(
				'open loop: every ballot acknowledged and every acknowledged ballot stored',
				open.ballots.failed === 0 && open.ballots.stored === open.ballots.acknowledged
			)
		].join(', ')
	}
];
console.table(openRows);
const rss = target('peak RSS ≤ 256 MB', township.peakRssMb <= 256 && empty.peakRssMb <= 256);
console.log(`peak RSS: township ${township.peakRssMb} MB, empty ${empty.peakRssMb} MB (${rss})`);
const payloadRows = Object.entries(township.payload || {}).map(([page, p]) => ({
	page,
	'JS KB': p.jsKb,
	'HTML KB': p.htmlKb,
	scripts: p.scripts,
	targets: [
		target(`${page}: JS ≤ 35 KB gzip`, p.jsKb <= 35),
		target(`${page}: HTML ≤ 30 KB gzip`, p.htmlKb <= 30)
	].join(', ')
}));
if (payloadRows.length) console.table(payloadRows);
const lighthouseRows = Object.entries(township.lighthouse || {}).map(([page, l]) => ({
	page,
	performance: l.performance,
	accessibility: l.accessibility,
	'performance runs': l.runs,
	targets: target(`Lighthouse ${page} ≥ 95 (median of ${LIGHTHOUSE_RUNS})`, l.performance >= 95)
}));
if (lighthouseRows.length) console.table(lighthouseRows);
const missed = targets.filter((t) => !t.met).map((t) => t.what);
console.log(`targets met: ${targets.length - missed.length} of ${targets.length}`);
for (const what of missed) console.log(`  missed: ${what}`);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const date = new Date().toISOString();

/** The same tables in Markdown, for the README. */
function markdown() {
	const table = (list) => {
		const keys = Object.keys(list[0] ?? {});
		return [
			`| ${keys.join(' | ')} |`,
			`| ${keys.map(() => '---').join(' | ')} |`,
			...list.map((r) => `| ${keys.map((k) => r[k]).join(' | ')} |`)
		].join('\n');
	};
	return [
		`Measured ${date.slice(0, 10)} on ${machine}; ${VILLAGES} villages; server with ` +
			`\`COMPRESSION=off\` as behind nginx (docs/operations.md), gzip sizes computed at level ${GZIP_LEVEL}. ` +
			`Throughput: autocannon, ${CONNECTIONS} connections; each page in ${ROUNDS} rounds of ` +
			`${+ROUND_SECONDS.toFixed(2)} s loads beside the floor and the baseline (turned order, after a ` +
			`${WARMUP_SECONDS} s warm-up not counted); req/s, p50 and p99 are the rounds' medians (as the client ` +
			`saw them); server ms/req is the server process's CPU time per answer (/proc); each ratio is the ` +
			`median of the ratios within a round (their range in brackets), of server CPU per answer, since ` +
			`the one-thread client is itself the limit for pages that cost the server under a millisecond; ` +
			`latencies in ms.`,
		'',
		table(rows),
		'',
		`Cold renders of the signed-in pages (reported, no target): ${COLD.count} requests a page one ` +
			`after the other on one connection (after ${COLD.warmup} not counted), warm on the measured ` +
			`server, cold on a second server over the same database with \`PAGE_CACHE_MB=0\`; ms:`,
		'',
		table(coldRows),
		'',
		`Open loop, ${open.seconds} s at fixed arrival times, latency from each request's scheduled time:`,
		'',
		table(openRows),
		'',
		`Peak RSS: township ${township.peakRssMb} MB, empty ${empty.peakRssMb} MB (${rss}).`,
		'',
		table(payloadRows),
		'',
		table(lighthouseRows),
		'',
		`Targets met: ${targets.length - missed.length} of ${targets.length}.`,
		...missed.map((what) => `- missed: ${what}`)
	].join('\n');
}

const results = {
	date,
	machine,
	smoke,
	villages: VILLAGES,
	serverEnv: SERVER_ENV,
	secondsPerLoad: ROUND_SECONDS,
	rounds: ROUNDS,
	warmupSeconds: WARMUP_SECONDS,
	cold: COLD,
	connections: CONNECTIONS,
	readWeights: READ_WEIGHTS,
	township,
	empty,
	table: rows,
	coldTable: coldRows,
	openLoop: openRows,
	targets
};
// Rendered in the smoke run too, so that the README's table cannot rot either.
const md = markdown();
if (failures.length) {
	console.error('bench: some steps failed:');
	for (const f of failures) console.error(`  ${f}`);
	process.exitCode = 1;
}
// The smoke run checks that every step produced its figures, never what they are.
const ran = {
	floor: township.pages.floor?.rps > 0,
	'baseline as a render': township.pages.baseline?.rendered && empty.pages.baseline?.rendered,
	'304 rows': PUBLIC.every((p) => township.pages[`${p} 304`]),
	// Every page measured beside the references added ROUNDS rounds to theirs.
	rounds:
		township.pages.floor?.rounds?.length ===
		ROUNDS *
			Object.entries(township.pages).filter(
				([name, r]) => r.rounds && name !== 'floor' && name !== 'baseline'
			).length,
	'cold renders': SIGNED_IN.every(
		(p) =>
			township.sequential?.warm?.[p]?.count === COLD.count &&
			township.sequential?.cold?.[p]?.count === COLD.count
	),
	'open loop': open.reads.count > 0 && open.ballots.count > 0,
	'storm server CPU': storm.cpuMs > 0 && storm.baselineCpuMs > 0,
	payload: payloadRows.length > 0,
	lighthouse: lighthouseRows.length > 0
};
for (const [step, ok] of Object.entries(ran))
	if (!ok) {
		console.error(`bench: the ${step} step did not run`);
		process.exitCode = 1;
	}
if (smoke) {
	if (!process.exitCode) console.log('bench smoke: every step ran.');
} else {
	mkdirSync(join(root, 'bench'), { recursive: true });
	// Written as the lint step expects them (Prettier aligns Markdown tables).
	const prettier = await import('prettier');
	const write = async (file, text) =>
		writeFileSync(
			file,
			await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file })
		);
	const name = VILLAGES === 30 ? 'results' : `results-${VILLAGES}`;
	await write(join(root, 'bench', `${name}.json`), JSON.stringify(results, null, '\t'));
	await write(join(root, 'bench', `${name}.md`), md);
	// The README shows the latest full 30-village run: the tables go between its two markers.
	const readme = join(root, 'README.md');
	const start = '<!-- bench:results -->';
	const end = '<!-- /bench:results -->';
	const [before, rest] = readFileSync(readme, 'utf8').split(start);
	if (VILLAGES !== 30) console.log(`wrote bench/${name}.json and bench/${name}.md`);
	else if (rest?.includes(end)) {
		await write(readme, `${before}${start}\n${md}\n${end}${rest.split(end)[1]}`);
		console.log('wrote bench/results.json, bench/results.md and the README table');
	} else {
		console.log('wrote bench/results.json and bench/results.md (README markers not found)');
	}
}
