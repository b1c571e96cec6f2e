import { existsSync } from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { assertBuilt } from './fixtures.ts';

// One clear message up front instead of every test failing on its own.
export default function globalSetup(config: FullConfig): void {
	assertBuilt();
	const chromium = config.projects[0]?.use.launchOptions?.executablePath;
	if (chromium && !existsSync(chromium)) {
		throw new Error(
			`chromium is not at ${chromium}: install it with "apt-get install chromium" or set CHROMIUM_PATH`
		);
	}
}
