import { execSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

// Playwright's own browser download fails on our machines; we drive Debian's chromium instead.
function chromiumPath(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
	} catch {
		return '/usr/bin/chromium';
	}
}

// No webServer block: every test starts its own server on a fresh database (tests/fixtures.ts).
export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.test.ts',
	globalSetup: './tests/global-setup.ts',
	fullyParallel: true,
	// Two by default, one per core; E2E_WORKERS tries more on a given machine (stories also wait on
	// their server and the browser, so a third worker can use time two leave idle).
	workers: Number(process.env.E2E_WORKERS) || 2,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	// Budgets, not waits: every story waits on the page's state, and these bound how long a story
	// may take on a 2-core machine busy with other work (CI, or a build beside the suite).
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: 'list',
	use: {
		browserName: 'chromium',
		locale: 'zh-CN',
		trace: 'on-first-retry',
		launchOptions: {
			executablePath: chromiumPath(),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
