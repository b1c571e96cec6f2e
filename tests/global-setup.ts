import { existsSync } from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { assertBuilt, prepareTemplate } from './fixtures.ts';

// One clear message up front instead of every test failing on its own; then the seeded demo
// database every test copies.
export default async function globalSetup(config: FullConfig): Promise<() => void> {
	assertBuilt();
	const chromium = config.projects[0]?.use.launchOptions?.executablePath;
	if (chromium && !existsSync(chromium)) {
		throw new Error(
			`chromium is not at ${chromium}: install it with "apt-get install chromium" or set CHROMIUM_PATH`
		);
	}
	return prepareTemplate();
}
