// Shared fixtures for the user stories: every story that changes anything gets its own server on
// its own fresh database, so stories never see each other's accounts or throttle counters; stories
// that only read share one server per worker (readOnlyTest).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import {
	test as base,
	expect,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type TestInfo
} from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import {
	SESSION_COOKIE,
	createSession,
	generateSessionToken
} from '../src/lib/server/auth/session.ts';

export { expect };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_ENTRY = path.join(ROOT, 'build', 'index.js');
// A bound, not a wait: start-up is polled on /healthz, and a 2-core machine busy with other work
// can take this long to start node and open the database.
export const STARTUP_TIMEOUT_MS = 60_000;

// Topic photo uploads (up to 6 files of 10 MB after the client) need more than the 512K default.
export const BODY_SIZE_LIMIT = '16M';

/** The seeded demo village and its accounts (src/lib/server/seed/demo.ts). */
export const DEMO = {
	village: { slug: 'xinyang', name: '新阳村' },
	admin: { name: '系统管理员', phone: '13900000000', password: 'demo-admin-2026' },
	clerk: { name: '王丽', phone: '13800000001', password: 'demo-clerk-2026' },
	secretary: { name: '李建国', phone: '13800000002', password: 'demo-secretary-2026' },
	villager: { name: '张秀英', phone: '13800000003', password: 'demo-villager-2026' }
} as const;

export interface App {
	/** http://127.0.0.1:<port>, also the app's ORIGIN */
	url: string;
	port: number;
	/** The server process, for looking at its memory in /proc. */
	pid: number;
	dbPath: string;
	/** Everything the server printed so far. */
	stdout(): string;
	stderr(): string;
}

// The servers this worker started, by origin: a session made directly goes into the database of
// the server the page talks to.
const appsByOrigin = new Map<string, App>();

interface RunningServer {
	app: App;
	child: ChildProcess;
	dir: string;
}

export function assertBuilt(): void {
	if (!existsSync(BUILD_ENTRY)) {
		throw new Error(`${BUILD_ENTRY} is missing: run npm run build first`);
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

// Settings the developer's shell might carry that would change what the server does.
const INHERITED_ENV_TO_DROP = [
	'SOCKET_PATH',
	'ADDRESS_HEADER',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'PORT_HEADER',
	'XFF_DEPTH',
	'SEED_DEMO',
	'LISTEN_PID',
	'LISTEN_FDS'
];

/** Where global setup left the seeded demo database that every test starts from a copy of. */
const TEMPLATE_ENV = 'E2E_TEMPLATE_DIR';

async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
	assertBuilt();
	const dir = path.join(ROOT, '.e2e', randomUUID());
	mkdirSync(dir, { recursive: true });
	const dbPath = path.join(dir, 'db.sqlite');
	// Seeding (roster import, password hashes) takes seconds; a copy of the seeded file does not.
	const template = process.env[TEMPLATE_ENV];
	if (template) {
		for (const f of readdirSync(template))
			if (f.startsWith('db.sqlite')) copyFileSync(path.join(template, f), path.join(dir, f));
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of INHERITED_ENV_TO_DROP) delete env[key];
	Object.assign(env, {
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATABASE_PATH: dbPath,
		BODY_SIZE_LIMIT,
		SEED_DEMO: '1',
		SHUTDOWN_TIMEOUT: '1',
		...extraEnv
	});
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	let err = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
	const app: App = { url, port, pid: child.pid!, dbPath, stdout: () => out, stderr: () => err };
	const running = { app, child, dir };
	appsByOrigin.set(url, app);

	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			await stopServer(running);
			throw new Error(
				`the server exited during start-up (code ${child.exitCode}, signal ${child.signalCode})\n` +
					`--- stdout ---\n${out}\n--- stderr ---\n${err}`
			);
		}
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return running;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	await stopServer(running);
	throw new Error(
		`the server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms\n` +
			`--- stdout ---\n${out}\n--- stderr ---\n${err}`
	);
}

/**
 * Seeds the demo database once for the whole run (global setup): a fresh server on an empty
 * file seeds it exactly as on a first start. Returns the teardown that removes it.
 */
export async function prepareTemplate(): Promise<() => void> {
	delete process.env[TEMPLATE_ENV];
	const running = await startServer();
	await stopServer(running, { keep: true });
	process.env[TEMPLATE_ENV] = running.dir;
	return () => rmSync(running.dir, { recursive: true, force: true });
}

async function stopServer(
	{ app, child, dir }: RunningServer,
	options: { keep?: boolean } = {}
): Promise<void> {
	appsByOrigin.delete(app.url);
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
		await exited;
		clearTimeout(timer);
	}
	if (!options.keep) rmSync(dir, { recursive: true, force: true });
}

/**
 * A server of its own with more environment variables, for a story about configuration (SMS
 * pointed at a local stand-in): the caller stops it.
 */
export async function startAppWith(
	extraEnv: Record<string, string>
): Promise<{ app: App; stop: () => Promise<void> }> {
	const running = await startServer(extraEnv);
	return { app: running.app, stop: () => stopServer(running) };
}

type ContextFactory = (options?: BrowserContextOptions) => Promise<BrowserContext>;

/**
 * One server per worker, shared by the tests of attack-style files that each check their own
 * target before and after: starting a server per test would cost more than the attacks do.
 */
export const sharedServerTest = base.extend<object, { sharedApp: App }>({
	sharedApp: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from this pattern
		async ({}, use) => {
			const running = await startServer();
			try {
				await use(running.app);
			} finally {
				await stopServer(running);
			}
		},
		{ scope: 'worker' }
	]
});

/** On a failed story, the server's output goes into the report and onto the console. */
async function reportServerOutput(app: App, testInfo: TestInfo): Promise<void> {
	if (testInfo.status === testInfo.expectedStatus) return;
	const stderr = app.stderr();
	await testInfo.attach('server-stdout', { body: app.stdout() });
	await testInfo.attach('server-stderr', { body: stderr });
	console.error(
		`\n--- server stderr for "${testInfo.title}" ---\n${stderr || '(empty)'}\n--- end ---`
	);
}

export const test = base.extend<{ app: App; newContext: ContextFactory }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from this pattern
	app: async ({}, use, testInfo) => {
		const running = await startServer();
		try {
			await use(running.app);
		} finally {
			await reportServerOutput(running.app, testInfo);
			await stopServer(running);
		}
	},

	baseURL: async ({ app }, use) => {
		await use(app.url);
	},

	// A further browser (another phone, or a phone without JavaScript) on the same server.
	newContext: async ({ browser, app }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (options = {}) => {
			const context = await browser.newContext({ baseURL: app.url, ...options });
			contexts.push(context);
			return context;
		});
		for (const context of contexts) await context.close();
	}
});

/**
 * For stories that only read: the same fixtures as `test`, on one server and database per worker
 * instead of one per story, so the growing number of page, print, feed and layout checks does not
 * each pay for a server start. A story on it must change nothing another story could see; signing
 * in is allowed (a session row is seen by no other story). Its own server, not the attacks' one:
 * some attacks write.
 */
export const readOnlyTest = test.extend<object, { readOnlyApp: App }>({
	readOnlyApp: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from this pattern
		async ({}, use) => {
			const running = await startServer();
			try {
				await use(running.app);
			} finally {
				await stopServer(running);
			}
		},
		{ scope: 'worker' }
	],
	app: async ({ readOnlyApp }, use, testInfo) => {
		try {
			await use(readOnlyApp);
		} finally {
			await reportServerOutput(readOnlyApp, testInfo);
		}
	}
});

/**
 * Waits until SvelteKit has hydrated the page: its router sets scrollRestoration once started.
 * Fill inputs only after this (see the "typed while loading" story); never call it without JS.
 */
export async function hydrated(page: Page): Promise<void> {
	// Pages with `csr = false` ship no SvelteKit (its start-up is an inline script): there is nothing
	// to wait for. Their only script may be the read-aloud file, which is not a client.
	await page.waitForFunction(
		() => history.scrollRestoration === 'manual' || !document.querySelector('script:not([src])')
	);
}

/** Goes to a path and waits for hydration. */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await hydrated(page);
}

/** Fills the sign-in form (Chinese or English labels) on the current page and submits it. */
export async function submitLogin(page: Page, phone: string, password: string): Promise<void> {
	await hydrated(page);
	await page.getByLabel(/^(手机号|Mobile number)$/).fill(phone);
	await page.getByLabel(/^(密码|Password)$/).fill(password);
	await page
		.getByRole('main')
		.getByRole('button', { name: /^(登录|Sign in)$/ })
		.click();
	await page.waitForLoadState('domcontentloaded');
}

/**
 * Signs in through the form: for the stories about signing in. Waits until the browser has left
 * the sign-in page.
 */
export async function loginThroughForm(page: Page, phone: string, password: string): Promise<void> {
	await open(page, '/login');
	await page.getByLabel(/^(手机号|Mobile number)$/).fill(phone);
	await page.getByLabel(/^(密码|Password)$/).fill(password);
	await Promise.all([
		page.waitForURL((url) => url.pathname !== '/login'),
		page
			.getByRole('main')
			.getByRole('button', { name: /^(登录|Sign in)$/ })
			.click()
	]);
}

/** The server this page talks to: its current address, or else its context's base URL. */
async function appOf(page: Page): Promise<App> {
	let origin = page.url().startsWith('http') ? new URL(page.url()).origin : '';
	if (!origin) {
		// The context's base URL has no getter; a request resolved against it names it.
		const response = await page.request.get('/healthz');
		origin = new URL(response.url()).origin;
	}
	const app = appsByOrigin.get(origin);
	if (!app) throw new Error(`no server of this worker answers at ${origin}`);
	return app;
}

/**
 * Signs in for a story that is about something else than signing in, without the form's page
 * loads: the password is checked against the account's stored hash, a real session row is made by
 * the app's own session code in the story's database, and the browser gets its cookie. The next
 * page the browser opens is signed in, as the server finds the row when it validates the cookie.
 */
export async function addSession(page: Page, phone: string, password: string): Promise<void> {
	const app = await appOf(page);
	const db = openDatabase(app.dbPath);
	let token: string;
	let expiresAt: number;
	try {
		const user = db
			.prepare('select id, password_hash, disabled_at from users where phone = ?')
			.get(phone) as
			{ id: number; password_hash: string | null; disabled_at: string | null } | undefined;
		expect(user?.password_hash, `no account with a password for ${phone}`).toBeTruthy();
		expect(user!.disabled_at, `the account of ${phone} is disabled`).toBeNull();
		expect(await verify(user!.password_hash!, password), `wrong password for ${phone}`).toBe(true);
		token = generateSessionToken();
		expiresAt = createSession(db, token, user!.id).expiresAt;
	} finally {
		db.close();
	}
	await page.context().addCookies([
		{
			name: SESSION_COOKIE,
			value: token,
			url: app.url,
			httpOnly: true,
			sameSite: 'Lax',
			expires: Math.floor(expiresAt / 1000)
		}
	]);
}

/**
 * Signs in (addSession) and opens the sign-in page, which the server answers with the account's
 * home, where the form would have led.
 */
export async function login(page: Page, phone: string, password: string): Promise<void> {
	await addSession(page, phone, password);
	await open(page, '/login');
	expect(new URL(page.url()).pathname, `the session of ${phone} was not accepted`).not.toBe(
		'/login'
	);
}

/** login() for a page whose context runs no JavaScript. */
export async function loginWithoutScripts(page: Page, phone: string, password: string) {
	await addSession(page, phone, password);
	await page.goto('/login');
	expect(new URL(page.url()).pathname, `the session of ${phone} was not accepted`).not.toBe(
		'/login'
	);
}

/** Headers of a plain cross-document form post from this app's own pages. */
export function formPostHeaders(app: App): Record<string, string> {
	return { origin: app.url, accept: 'text/html' };
}

/** The header's account navigation (user name and sign-out, or the sign-in link). */
export function accountNav(page: Page) {
	return page.getByRole('navigation', { name: /^(账户|Account)$/ });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The minified build: the package's `source` is the readable one, over twice the bytes to send
// down the DevTools pipe and compile before every check.
const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

interface AxeViolation {
	id: string;
	impact?: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe's violations on the page as it is now. axe goes into each frame once per document (a check
 * after a click on the same page reuses it), and only violations come back: the passes, with a
 * copy of every node's markup, were most of what a check sent back and we never read them.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
	for (const frame of page.frames()) {
		if (await frame.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object')) continue;
		await frame.evaluate(`${AXE_SOURCE}\n;axe.configure({ allowedOrigins: ['<same_origin>'] });`);
	}
	return page.evaluate(async (tags) => {
		const { axe } = window as unknown as {
			axe: {
				run(context: Document, options: object): Promise<{ violations: AxeViolation[] }>;
			};
		};
		const results = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
			id,
			impact,
			help,
			helpUrl,
			nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary }))
		}));
	}, AXE_TAGS);
}

/** Runs axe on the page as it is now; fails on any serious or critical violation. */
export async function checkA11y(page: Page): Promise<void> {
	const blocking = (await axeViolations(page)).filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	const report = blocking
		.map((v) => {
			const nodes = v.nodes
				.slice(0, 5)
				.map(
					(n) =>
						`    at ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`
				)
				.join('\n');
			const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
			return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
		})
		.join('\n');
	expect(blocking.length, `accessibility violations on ${page.url()}:\n${report}`).toBe(0);
}

// One scripted twin per context without JavaScript, kept for the context's lifetime.
const twins = new WeakMap<BrowserContext, Promise<Page>>();

function twinOf(context: BrowserContext): Promise<Page> {
	let twin = twins.get(context);
	if (!twin) {
		twin = (async () => {
			const twinContext = await context.browser()!.newContext({ javaScriptEnabled: true });
			context.once('close', () => void twinContext.close().catch(() => {}));
			const probe = await twinContext.newPage();
			await probe.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
			return probe;
		})();
		twins.set(context, twin);
	}
	return twin;
}

/**
 * axe needs scripts, so for a page shown without JavaScript it checks the same address in a
 * scripted twin (same cookies, same viewport) whose app scripts are blocked: the server's HTML as a
 * phone without JavaScript gets it.
 */
export async function checkA11yWithoutScripts(page: Page): Promise<void> {
	const probe = await twinOf(page.context());
	await probe.context().clearCookies();
	await probe.context().addCookies(await page.context().cookies());
	const viewport = page.viewportSize();
	if (viewport) await probe.setViewportSize(viewport);
	await probe.goto(page.url());
	await checkA11y(probe);
}

/** At a phone's width nothing may stick out sideways (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
	const { scrollWidth, viewport } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		viewport: window.innerWidth
	}));
	expect(
		scrollWidth,
		`page ${page.url()} is wider than the ${viewport} px viewport`
	).toBeLessThanOrEqual(viewport);
}

export const PHONE_VIEWPORT = { width: 360, height: 740 };

/** The second village the stories open to show that villages are separate. */
const DONGSHAN = {
	slug: 'dongshan',
	name: '东山村',
	clerk: { name: '陈明', phone: '13700000001', password: '东山脚下的小河流水' }
} as const;

/**
 * The administrator (signed in on `admin`) opens 东山村, and its first clerk activates the account
 * on `clerk`, which is then signed in as that clerk.
 */
export async function openSecondVillage(admin: Page, clerk: Page): Promise<void> {
	await open(admin, '/admin');
	await hydrated(admin);
	await admin.getByLabel('村名').fill(DONGSHAN.name);
	await admin.getByLabel('网址简称').fill(DONGSHAN.slug);
	await admin.getByLabel('省', { exact: true }).fill('黑龙江省');
	await admin.getByLabel('首位文书姓名').fill(DONGSHAN.clerk.name);
	await admin.getByLabel('首位文书手机号').fill(DONGSHAN.clerk.phone);
	await admin.getByRole('button', { name: '开通新村' }).click();
	const slip = admin.locator('.code-slip');
	await expect(slip).toHaveText(/^\s*\d{4} ?\d{4}\s*$/);
	const code = ((await slip.textContent()) ?? '').replace(/\D/g, '');

	await open(clerk, '/activate');
	await clerk.getByLabel('手机号').fill(DONGSHAN.clerk.phone);
	await clerk.getByLabel('激活码').fill(code);
	await clerk.getByLabel('新密码').fill(DONGSHAN.clerk.password);
	await clerk.getByRole('button', { name: '设置密码并登录' }).click();
	await expect(clerk).toHaveURL('/account?activated=1');
}

/**
 * Every file of a ZIP archive as text, read by Python's zipfile: an independent reader, which also
 * checks every entry's CRC.
 */
export function unzip(bytes: Buffer): Record<string, string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'e2e-zip-'));
	try {
		writeFileSync(path.join(dir, 'a.zip'), bytes);
		return JSON.parse(
			execFileSync('python3', [
				'-c',
				'import zipfile,json,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(json.dumps({n:z.read(n).decode("utf-8","replace") for n in z.namelist()}))',
				path.join(dir, 'a.zip')
			]).toString()
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
