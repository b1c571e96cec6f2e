// What a page makes the browser run: every script it fetched while loading, counted as gzip bodies
// (issue 20: the topic and vote pages ship ≤ 35 KB), so a heavier page fails its story at once.
import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

export const SCRIPT_BUDGET_KB = 35;

export async function scriptsOf(
	page: Page,
	path: string
): Promise<{ paths: string[]; gzipKb: number }> {
	// Nothing of the page before (say, the one a sign-in led to) may still be arriving.
	await page.goto('about:blank');
	const seen: string[] = [];
	const onResponse = (r: Response) => {
		if (r.request().resourceType() === 'script') seen.push(r.url());
	};
	page.on('response', onResponse);
	try {
		await page.goto(path, { waitUntil: 'networkidle' });
	} finally {
		page.off('response', onResponse);
	}
	// Fetched again by URL: the browser drops a body once a later navigation starts.
	const bodies = await Promise.all(seen.map(async (url) => (await page.request.get(url)).body()));
	const bytes = bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
	return {
		paths: seen.map((url) => new URL(url).pathname).sort(),
		gzipKb: +(bytes / 1024).toFixed(1)
	};
}
