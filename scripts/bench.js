// `npm run bench`: builds if needed, generates a township-scale database (and an empty one),
// starts the production server on each, and measures in the same run: a baseline page, the data
// pages, a vote storm through the real form action, peak RSS, the bytes each citizen page
// transfers in Chromium and Lighthouse's mobile scores. Prints one table and writes
// bench/results.json.
// `npm run bench -- --smoke`: the same on a tiny database for 3 s per load (run by npm test so
// the script cannot rot); it checks that every step ran, never a number.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.js';
import {
	castBallot,
	loadGenerator,
	peakRssMb,
	root,
	signIn as signInAs,
	startServer,
	work
} from './lib/harness.js';

const smoke = process.argv.includes('--smoke');
const seconds = smoke ? 3 : 10;
const CONNECTIONS = 50;
mkdirSync(work, { recursive: true });

buildIfStale();
const { generate, TOWNSHIP, TINY, EMPTY, STORM_PASSWORD, clerkPhone } = await loadGenerator();

const signIn = (url, phone) => signInAs(url, phone, STORM_PASSWORD);

async function load(url, path, cookie) {
	const first = await fetch(url + path, { headers: cookie ? { cookie } : {} });
	if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
	const result = await autocannon({
		url: url + path,
		connections: CONNECTIONS,
		duration: seconds,
		// As a browser asks: the server gzips pages, and that work belongs in the figure.
		headers: { 'accept-encoding': 'gzip, deflate, br', ...(cookie ? { cookie } : {}) }
	});
	const bad = result.non2xx + result.errors + result.timeouts;
	if (bad > 0) throw new Error(`${path}: ${bad} failed responses`);
	return {
		rps: Math.round(result.requests.average),
		p50: result.latency.p50,
		p99: result.latency.p99
	};
}

/** Every voter casts a ballot on every open motion through the form action, as fast as it can. */
async function voteStorm(url, storm, slug) {
	const cookies = [];
	// Sign-ins are argon2 work: a few at a time, as a hall fills up.
	for (let i = 0; i < storm.phones.length; i += 4)
		cookies.push(...(await Promise.all(storm.phones.slice(i, i + 4).map((p) => signIn(url, p)))));
	const latencies = [];
	const acknowledged = [];
	let refused = 0;
	const started = performance.now();
	await Promise.all(
		cookies.map(async (cookie, v) => {
			for (const [k, motionId] of storm.motionIds.entries()) {
				const choice = ['yes', 'no', 'abstain'][(v + k) % 3];
				const t = performance.now();
				const r = await castBallot(url, slug, storm.meetingId, cookie, motionId, choice);
				await r.arrayBuffer();
				latencies.push(performance.now() - t);
				if (r.status === 303) acknowledged.push({ motionId, voter: v });
				else refused++;
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q) =>
		Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
	return {
		rps: Math.round(latencies.length / elapsed),
		p50: at(0.5),
		p99: at(0.99),
		acknowledged: acknowledged.length,
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

const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bytes of a response body as gzip sends it (what a gzip-only client or proxy would carry). */
async function gzipBytes(url, cookie) {
	const r = await fetch(url, { headers: { 'accept-encoding': 'gzip', cookie } });
	const body = await r.arrayBuffer();
	return Number(r.headers.get('content-length') ?? body.byteLength);
}

/**
 * What a citizen page costs a phone, loaded in Chromium: the scripts and the document it actually
 * fetched, counted as gzip bodies (static scripts are also served brotli, which is smaller; the
 * gzip figure is the one the targets are set in), plus the bytes on the wire with headers.
 */
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
					fetched.push({ type: r.type, url: r.response.url, wire: e.encodedDataLength });
			});
			await page.goto(url + path, { waitUntil: 'networkidle' });
			await page.close();
			const kb = (n) => +(n / 1024).toFixed(1);
			const sum = async (type, measure) =>
				(await Promise.all(fetched.filter((f) => f.type === type).map(measure))).reduce(
					(a, b) => a + b,
					0
				);
			out[label] = {
				jsKb: kb(await sum('Script', (f) => gzipBytes(f.url, cookie))),
				htmlKb: kb(await sum('Document', (f) => gzipBytes(f.url, cookie))),
				scripts: fetched.filter((f) => f.type === 'Script').length,
				wireKb: kb(await sum('Script', (f) => f.wire)) + kb(await sum('Document', (f) => f.wire))
			};
		}
		return out;
	} finally {
		await browser.close();
	}
}

/** Lighthouse 12 mobile performance and accessibility scores (0–100), on Debian's chromium. */
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
			const result = await lighthouse(url + path, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility'],
				extraHeaders: { cookie }
			});
			const c = result?.lhr.categories;
			out[label] = {
				performance: Math.round((c?.performance?.score ?? 0) * 100),
				accessibility: Math.round((c?.accessibility?.score ?? 0) * 100)
			};
		}
		return out;
	} finally {
		chrome.kill();
	}
}

/** @param {{ browser: boolean }} options payload and Lighthouse are measured on the township only */
async function measure(label, scale, { browser }) {
	const dbPath = join(work, `${label}.db`);
	const t0 = performance.now();
	const generated = await generate(dbPath, scale);
	const generateSeconds = +((performance.now() - t0) / 1000).toFixed(1);
	const { url, child } = await startServer(dbPath);
	try {
		const slug = generated.slug;
		const cookie = await signIn(url, clerkPhone(0));
		const pages = {
			baseline: await load(url, '/login'),
			noticeBoard: await load(url, `/${slug}/notices`),
			topicList: await load(url, `/${slug}/topics?state=submitted&page=3`, cookie),
			topic: await load(url, `/${slug}/topics/${generated.topicNumber}`, cookie),
			// The clerk's window over the first village's 5,000 service cases, a page in.
			caseList: await load(url, `/${slug}/services?view=all&page=3`, cookie),
			meetingNotice: await load(url, `/${slug}/meetings/${generated.storm.meetingId}`),
			// The clerk's figures for this year, as the page opens without a filter.
			statistics: await load(url, `/${slug}/statistics`, cookie)
		};
		const storm = await voteStorm(url, generated.storm, slug);
		storm.stored = storedBallots(dbPath, generated.storm.motionIds);
		if (storm.stored !== storm.acknowledged)
			throw new Error(`ballots stored ${storm.stored} ≠ acknowledged ${storm.acknowledged}`);
		const payload =
			browser &&
			(await payloads(
				url,
				{
					noticeBoard: `/${slug}/notices`,
					notice: `/${slug}/notices/1`,
					topic: `/${slug}/topics/${generated.topicNumber}`,
					propose: `/${slug}/topics/new`,
					vote: `/${slug}/meetings/${generated.storm.meetingId}`
				},
				await signIn(url, generated.storm.phones[0])
			));
		const lighthouse =
			browser &&
			(await lighthouseScores(
				url,
				smoke
					? { noticeBoard: `/${slug}/notices` }
					: { noticeBoard: `/${slug}/notices`, topic: `/${slug}/topics/${generated.topicNumber}` },
				cookie
			));
		return {
			counts: generated.counts,
			generateSeconds,
			pages,
			storm,
			peakRssMb: peakRssMb(child.pid),
			payload,
			lighthouse
		};
	} finally {
		child.kill('SIGTERM');
	}
}

const empty = await measure(smoke ? 'smoke-empty' : 'empty', EMPTY, { browser: false });
const township = await measure(smoke ? 'smoke-township' : 'township', smoke ? TINY : TOWNSHIP, {
	browser: true
});

const base = township.pages.baseline.rps;
const DATA_PAGES = ['noticeBoard', 'topicList', 'topic', 'caseList', 'meetingNotice', 'statistics'];
/** @type {{ what: string, met: boolean }[]} */
const targets = [];
const target = (what, met) => (targets.push({ what, met }), met ? 'met' : 'MISSED');

const rows = [];
for (const [name, r] of Object.entries(township.pages)) {
	const e = empty.pages[name];
	const ratio = r.rps / base;
	const growth = e.rps / r.rps;
	const verdicts =
		name === 'baseline'
			? []
			: [
					...(DATA_PAGES.includes(name)
						? [target(`${name} ≥ 0.6× baseline, p99 ≤ 100 ms`, ratio >= 0.6 && r.p99 <= 100)]
						: []),
					target(`${name} within 1.5× of the empty database`, growth <= 1.5)
				];
	rows.push({
		measure: name,
		'req/s': r.rps,
		p50: r.p50,
		p99: r.p99,
		'× baseline': +ratio.toFixed(2),
		'empty req/s': e.rps,
		'empty ÷ township': +growth.toFixed(2),
		targets: verdicts.join(', ')
	});
}
const storm = township.storm;
rows.push({
	measure: `vote storm (${storm.acknowledged} ballots)`,
	'req/s': storm.rps,
	p50: storm.p50,
	p99: storm.p99,
	'× baseline': +(storm.rps / base).toFixed(2),
	'empty req/s': empty.storm.rps,
	'empty ÷ township': +(empty.storm.rps / storm.rps).toFixed(2),
	targets: [
		target('vote storm ≥ 0.5× baseline, p99 ≤ 100 ms', storm.rps / base >= 0.5 && storm.p99 <= 100),
		target('vote storm within 1.5× of the empty database', empty.storm.rps / storm.rps <= 1.5)
	].join(', ')
});
console.table(rows);
const rss = target('peak RSS ≤ 256 MB', township.peakRssMb <= 256 && empty.peakRssMb <= 256);
console.log(`peak RSS: township ${township.peakRssMb} MB, empty ${empty.peakRssMb} MB (${rss})`);
const payloadRows = Object.entries(township.payload || {}).map(([page, p]) => ({
	page,
	'JS KB': p.jsKb,
	'HTML KB': p.htmlKb,
	scripts: p.scripts,
	targets: [
		target(`${page}: JS ≤ 40 KB gzip`, p.jsKb <= 40),
		target(`${page}: HTML ≤ 30 KB gzip`, p.htmlKb <= 30)
	].join(', ')
}));
if (payloadRows.length) console.table(payloadRows);
const lighthouseRows = Object.entries(township.lighthouse || {}).map(([page, l]) => ({
	page,
	performance: l.performance,
	accessibility: l.accessibility,
	targets: target(`Lighthouse ${page} ≥ 95 on both`, l.performance >= 95 && l.accessibility >= 95)
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
		`Measured ${date.slice(0, 10)} on ${machine}; autocannon, ${CONNECTIONS} connections, ${seconds} s per load; latencies in ms.`,
		'',
		table(rows),
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
	secondsPerLoad: seconds,
	connections: CONNECTIONS,
	township,
	empty,
	table: rows,
	targets
};
// Rendered in the smoke run too, so that the README's table cannot rot either.
const md = markdown();
if (smoke) {
	console.log('bench smoke: every step ran.');
} else {
	mkdirSync(join(root, 'bench'), { recursive: true });
	// Written as the lint step expects them (Prettier aligns Markdown tables).
	const prettier = await import('prettier');
	const write = async (file, text) =>
		writeFileSync(
			file,
			await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file })
		);
	await write(join(root, 'bench', 'results.json'), JSON.stringify(results, null, '\t'));
	await write(join(root, 'bench', 'results.md'), md);
	// The README shows the latest full run: the tables go between its two markers.
	const readme = join(root, 'README.md');
	const start = '<!-- bench:results -->';
	const end = '<!-- /bench:results -->';
	const [before, rest] = readFileSync(readme, 'utf8').split(start);
	if (rest?.includes(end)) {
		await write(readme, `${before}${start}\n${md}\n${end}${rest.split(end)[1]}`);
		console.log('wrote bench/results.json, bench/results.md and the README table');
	} else {
		console.log('wrote bench/results.json and bench/results.md (README markers not found)');
	}
}
