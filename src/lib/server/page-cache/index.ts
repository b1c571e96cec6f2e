// The process's page caches, on the process's connection. PAGE_CACHE_MB bounds them together (0
// turns them off): half for public pages, half for signed-in ones, so that many sessions' pages
// never push out the pages every visitor reads.
import type { Handle } from '@sveltejs/kit';
import type { Db } from '../db';
import { getDb } from '../db';
import { compressionEnabled, pageCacheHandle } from './http';
import { FROM_MEMORY, nodeAnswerer } from './node';
import { signedPageCacheHandle } from './signed';
import { PageCache } from './store';
import { watchDatabase } from './watch';

// Thirty villages' public pages (board pages, notices, a meeting or two, the calendar) in both
// languages fit in a few MB, and a clerk's dashboard or a voter's meeting page is 20–90 KB: 16 MB
// each leaves room for the long tail and stays far under the 256 MB a township server may use.
const DEFAULT_MB = 32;

/** The caches' size from PAGE_CACHE_MB, in bytes; anything but a number ≥ 0 means the default. */
export function pageCacheBytes(setting: string | undefined): number {
	const mb = setting === undefined || setting.trim() === '' ? NaN : Number(setting);
	return Math.floor((Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_MB) * 1024 * 1024);
}

const bytes = pageCacheBytes(process.env.PAGE_CACHE_MB);
export const pageCache = new PageCache(Math.ceil(bytes / 2));
export const signedPageCache = new PageCache(Math.floor(bytes / 2));

/**
 * Watches the connection for both caches. Called at start, before any statement a module keeps is
 * prepared, so that every statement is seen (one prepared earlier would read unrecorded).
 */
export function watchPages(db: Db = getDb()) {
	return watchDatabase(db, pageCache, signedPageCache);
}

const villageIdOf = (slug: string) => {
	const row = getDb().prepare('select id from villages where slug = ?').get(slug) as
		{ id: number } | undefined;
	return row?.id ?? null;
};

export const servePublicPagesFromMemory: Handle = pageCacheHandle({
	cache: pageCache,
	watch: () => watchPages(),
	villageIdOf,
	compress: compressionEnabled
});

// For the build's request handler (svelte.config.js), which looks here once the server has
// started, i.e. after this module has loaded with the hooks.
(globalThis as Record<symbol, unknown>)[FROM_MEMORY] = nodeAnswerer({
	cache: pageCache,
	watch: () => watchPages(),
	compress: compressionEnabled
});

export const serveSignedInPagesFromMemory: Handle = signedPageCacheHandle({
	cache: signedPageCache,
	watch: () => watchPages(),
	villageIdOf
});
