// The server started the way the README's deployment section and the systemd unit in
// docs/operations.md start it takes a 9 MB phone photo through the topic form. The commands and
// their environment are read from those documents, so they cannot drift apart from this test: only
// what differs per site (origin, database path, port) is replaced by local values.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { DEMO, STARTUP_TIMEOUT_MS, assertBuilt } from '../fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Values each site sets for itself; the test gives its own. Every other documented one is kept. */
const SITE_SPECIFIC = ['ORIGIN', 'DATABASE_PATH', 'PORT', 'HOST'];

interface Documented {
	env: Record<string, string>;
	command: string;
}

/** `A=1 B='x y' \` … `node build` from the README's deployment block. */
function readmeDeployment(): Documented {
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const section = readme.split(/^## Deployment$/m)[1]?.split(/^## /m)[0];
	const block = /```sh\n([\s\S]*?)```/.exec(section ?? '')?.[1];
	if (!block) throw new Error('README.md has no sh block under ## Deployment');
	const lines = block.replace(/\\\n\s*/g, ' ').split('\n');
	const start = lines.find((line) => /\bnode build\b/.test(line.replace(/#.*/, '')));
	if (!start) throw new Error('the deployment block has no `node build` line');
	const env: Record<string, string> = {};
	const assignment = /^([A-Z_]+)=('[^']*'|"[^"]*"|\S*)\s+/;
	let rest = start.trim();
	for (let m = assignment.exec(rest); m; m = assignment.exec(rest)) {
		env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
		rest = rest.slice(m[0].length);
	}
	return { env, command: rest.replace(/\s*#.*$/, '') };
}

/** The unit's Environment= lines and ExecStart, from docs/operations.md. */
function systemdUnit(): Documented {
	const operations = readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
	const unit = /```ini\n(# \/etc\/systemd\/system\/yishiting\.service\n[\s\S]*?)```/.exec(
		operations
	)?.[1];
	if (!unit) throw new Error('docs/operations.md has no yishiting.service block');
	const env: Record<string, string> = {};
	for (const [, value] of unit.matchAll(/^Environment=(.*)$/gm)) {
		const [key, ...rest] = value.split('=');
		env[key] = rest.join('=').replace(/^"(.*)"$/, '$1');
	}
	const command = /^ExecStart=\S*\/(node .*)$/m.exec(unit)?.[1];
	if (!command) throw new Error('the unit has no ExecStart running node');
	return { env, command };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Starts `node build` with exactly the documented environment, plus the site's own values. */
async function startDocumented(documented: Documented, dbPath: string) {
	expect(documented.command).toBe('node build');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		...documented.env,
		ORIGIN: url,
		DATABASE_PATH: dbPath,
		PORT: String(port),
		HOST: '127.0.0.1'
	};
	const child = spawn(process.execPath, ['build'], { cwd: ROOT, env, stdio: 'ignore' });
	// The loop waits on /healthz; the deadline only bounds it, as in fixtures.ts.
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
		const up = await fetch(`${url}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return { url, child };
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the server did not answer /healthz');
}

function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	return exited;
}

/** A real 12-megapixel JPEG of a little over 9 MB: noise does not compress. */
async function phonePhoto(): Promise<Buffer> {
	const photo = await sharp({
		create: {
			width: 4000,
			height: 3000,
			channels: 3,
			background: '#808080',
			noise: { type: 'gaussian', mean: 128, sigma: 60 }
		}
	})
		.jpeg({ quality: 92 })
		.toBuffer();
	expect(photo.length).toBeGreaterThan(9 * 1024 * 1024);
	expect(photo.length).toBeLessThan(10 * 1024 * 1024);
	return photo;
}

for (const [where, read] of [
	["the README's deployment command", readmeDeployment],
	['the systemd unit in docs/operations.md', systemdUnit]
] as const) {
	test(`${where} accepts a 9 MB phone photo on a topic`, async ({ browser }) => {
		// A server start, a 9 MB upload and a 12-megapixel re-encode on a busy two-core machine.
		test.setTimeout(180_000);
		assertBuilt();
		const documented = read();
		for (const key of Object.keys(documented.env)) {
			expect(
				['NODE_ENV', 'NODE_OPTIONS', 'BODY_SIZE_LIMIT', ...SITE_SPECIFIC],
				`${where} sets ${key}; say here whether the test keeps it`
			).toContain(key);
		}
		const dir = mkdtempSync(path.join(tmpdir(), 'yishiting-deploy-'));
		const template = process.env.E2E_TEMPLATE_DIR;
		if (!template) throw new Error('run through Playwright: global setup seeds the demo village');
		for (const f of readdirSync(template))
			if (f.startsWith('db.sqlite')) copyFileSync(path.join(template, f), path.join(dir, f));
		const { url, child } = await startDocumented(documented, path.join(dir, 'db.sqlite'));
		const context = await browser.newContext({ baseURL: url, javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('手机号').fill(DEMO.villager.phone);
			await page.getByLabel('密码', { exact: true }).fill(DEMO.villager.password);
			await page.getByRole('main').getByRole('button', { name: '登录' }).click();
			await expect(page).toHaveURL('/xinyang');

			await page.goto('/xinyang/topics/new');
			await page.getByLabel('标题').fill('村口路灯不亮');
			await page.getByLabel('具体内容').fill('三盏路灯不亮，附手机拍的照片。');
			await page.getByLabel('类别').selectOption({ label: '民生诉求' });
			await page
				.getByLabel('照片和材料')
				.setInputFiles({ name: '路灯.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
			await page.getByRole('button', { name: '提交议题' }).click();
			await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
			await expect(page.getByRole('img', { name: '路灯.jpg' })).toHaveCount(1);
		} finally {
			await context.close();
			await stop(child);
			rmSync(dir, { recursive: true, force: true });
		}
	});
}
