// The process's page cache, on the process's connection. PAGE_CACHE_MB bounds it (0 turns it off).
import type { Handle } from '@sveltejs/kit';
import { getDb } from '../db';
import { compressionEnabled, pageCacheHandle } from './http';
import { PageCache } from './store';
import { watchDatabase } from './watch';

// Thirty villages' public pages (board pages, notices, a meeting or two, the calendar) in both
// languages fit in a few MB; 32 MB leaves room for the long tail and stays far under the 256 MB
// a township server may use.
const DEFAULT_MB = 32;

/** The cache's size from PAGE_CACHE_MB, in bytes; anything but a number ≥ 0 means the default. */
export function pageCacheBytes(setting: string | undefined): number {
	const mb = setting === undefined || setting.trim() === '' ? NaN : Number(setting);
	return Math.floor((Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_MB) * 1024 * 1024);
}

export const pageCache = new PageCache(pageCacheBytes(process.env.PAGE_CACHE_MB));

export const servePublicPagesFromMemory: Handle = pageCacheHandle({
	cache: pageCache,
	watch: () => watchDatabase(getDb(), pageCache),
	villageIdOf: (slug) => {
		const row = getDb().prepare('select id from villages where slug = ?').get(slug) as
			{ id: number } | undefined;
		return row?.id ?? null;
	},
	compress: compressionEnabled
});
