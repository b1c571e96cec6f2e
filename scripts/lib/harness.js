// What the benchmark, the crash test and the backup-under-load test share: the township
// generator (TypeScript, bundled on the fly), a production server on a given database file, and
// signing in as a generated voter.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { build } from 'rolldown';

export const root = new URL('../..', import.meta.url).pathname;
/** Scratch space for generated databases and bundles (gitignored). */
export const work = join(root, '.bench');

/**
 * The V8 heap settings docs/operations.md gives for production (and `npm start` uses): a small
 * young generation and a capped old one make V8 collect before RSS climbs past 256 MB under load.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=2'];

/** @returns {Promise<typeof import('../../src/lib/server/bench/township.ts')>} */
export async function loadGenerator() {
	mkdirSync(work, { recursive: true });
	const file = join(work, `township-${process.pid}.mjs`);
	await build({
		input: join(root, 'src/lib/server/bench/township.ts'),
		platform: 'node',
		external: ['better-sqlite3', '@node-rs/argon2'],
		output: { file, format: 'esm' },
		logLevel: 'silent'
	});
	try {
		return await import(file);
	} finally {
		rmSync(file, { force: true });
	}
}

export function freePort() {
	return new Promise((ok, fail) => {
		const s = net.createServer();
		s.on('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (s.address());
			s.close(() => ok(port));
		});
	});
}

/**
 * Starts `node build` on dbPath and waits for /healthz.
 * @param {string} dbPath
 * @param {{ port?: number, stdio?: 'inherit' | 'ignore', env?: Record<string, string> }} [options]
 *   the same port again after a restart keeps the Origin of forms already issued; `env` adds
 *   settings (the bench passes the documented production ones)
 */
export async function startServer(dbPath, options = {}) {
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'build'], {
		cwd: root,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATABASE_PATH: dbPath,
			SEED_DEMO: '0',
			...options.env
		},
		stdio: ['ignore', 'ignore', options.stdio ?? 'inherit']
	});
	return { url, port, child: await ready(child, `${url}/healthz`) };
}

/**
 * Waits until `probe` answers 200; kills the child if it never does.
 * @param {import('node:child_process').ChildProcess} child @param {string} probe
 */
async function ready(child, probe) {
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		try {
			if ((await fetch(probe)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill('SIGKILL');
	throw new Error('the server did not start');
}

/** The bench's floor app (bench/floor): one bare SvelteKit page, built by the same adapter. */
const floorDir = join(root, 'bench', 'floor');

/** Builds the floor app when its sources or the installed SvelteKit are newer than its build. */
export function buildFloorIfStale() {
	const handler = join(floorDir, 'build', 'handler.js');
	const inputs = [
		join(floorDir, 'src', 'routes', '+page.svelte'),
		join(floorDir, 'src', 'app.html'),
		join(floorDir, 'svelte.config.js'),
		join(floorDir, 'vite.config.js'),
		join(root, 'node_modules', '@sveltejs', 'kit', 'package.json'),
		join(root, 'node_modules', '@sveltejs', 'adapter-node', 'package.json')
	];
	if (
		existsSync(handler) &&
		Math.max(...inputs.map((p) => statSync(p).mtimeMs)) < statSync(handler).mtimeMs
	)
		return;
	console.log('Building the floor app (bench/floor)…');
	execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: floorDir,
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

/** Starts the floor app with the same Node flags as the app and waits for its page. */
export async function startFloor() {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'build'], {
		cwd: floorDir,
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return { url, child: await ready(child, `${url}/`) };
}

/** @param {number} pid */
export function peakRssMb(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

/** @param {string} url @param {string} phone @param {string} password */
export async function signIn(url, phone, password) {
	const body = new URLSearchParams({ phone, password });
	const r = await fetch(`${url}/login`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: url, accept: 'text/html' }
	});
	// The session cookie by name: a sign-in also sets the device cookie (src/lib/server/auth/devices.ts).
	const cookie = r.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('session='));
	if (r.status !== 303 || !cookie) throw new Error(`sign-in failed for ${phone}: ${r.status}`);
	return cookie;
}

/**
 * Casts one ballot through the meeting page's form action, as a browser without JS would: the
 * confirmed second post (the first only asks "确认投票？").
 * @param {string} url @param {string} slug @param {number} meetingId @param {string} cookie
 * @param {number} motionId @param {string} choice
 * @returns {Promise<Response>}
 */
export function castBallot(url, slug, meetingId, cookie, motionId, choice) {
	return fetch(`${url}/${slug}/meetings/${meetingId}?/vote`, {
		method: 'POST',
		body: new URLSearchParams({ motionId: String(motionId), choice, confirmed: 'yes' }),
		redirect: 'manual',
		headers: { cookie, origin: url, accept: 'text/html' }
	});
}
