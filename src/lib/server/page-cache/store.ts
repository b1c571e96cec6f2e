// The memory behind public pages served from memory: entries bounded by bytes (least recently
// used go first) and invalidated by tags. A tag names what a page read (a table, or a table's rows
// of one village); every write touches the tags it changes. Generations are one counter: a tag
// remembers the generation of its last touch, an entry the generation its render started at, and
// the entry holds while none of its tags was touched since.

export interface CachedPage {
	status: number;
	/** The response's headers as the render left them, before compression. */
	headers: [string, string][];
	/** The identity body (for a page with a CSP nonce, with NONCE_SLOT where the nonce goes). */
	body: Uint8Array;
	/** The same body gzipped once when stored, or null when it is not sent compressed. */
	gzip: Uint8Array | null;
	/**
	 * For a page whose scripts carry a CSP nonce: its HTML cut at the nonce, so every answer gets a
	 * fresh one (gzipped per answer when `compress`); null for every other page.
	 */
	nonced: { parts: string[]; compress: boolean } | null;
	etag: string;
	tags: string[];
	/** When the entry stops answering (epoch ms). */
	expires: number;
}

interface Entry extends CachedPage {
	since: number;
	bytes: number;
}

/** Every entry carries it: touching it forgets everything. */
export const ALL = '*';

// Keys, headers and the tag list are small next to a page but not nothing.
const OVERHEAD = 512;

export class PageCache {
	private generation = 0;
	private readonly touched = new Map<string, number>();
	private readonly entries = new Map<string, Entry>();
	private used = 0;

	constructor(
		readonly maxBytes: number,
		private readonly now: () => number = Date.now
	) {}

	get enabled(): boolean {
		return this.maxBytes > 0;
	}

	get bytes(): number {
		return this.used;
	}

	get size(): number {
		return this.entries.size;
	}

	/** Marks what a write changed: entries that read it, and renders under way that read it, lapse. */
	touch(tag: string): void {
		this.touched.set(tag, ++this.generation);
	}

	clear(): void {
		this.touch(ALL);
		this.entries.clear();
		this.used = 0;
	}

	/** The generation a render starts at; pass it to `put` when the render is done. */
	begin(): number {
		return this.generation;
	}

	/** Whether none of the tags was touched after generation `since`. */
	unchangedSince(tags: readonly string[], since: number): boolean {
		for (const tag of tags) if ((this.touched.get(tag) ?? 0) > since) return false;
		return true;
	}

	get(key: string): CachedPage | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.expires <= this.now() || !this.unchangedSince(entry.tags, entry.since)) {
			this.drop(key, entry);
			return undefined;
		}
		// Map order is the recency order: a hit moves to the end.
		this.entries.delete(key);
		this.entries.set(key, entry);
		return entry;
	}

	/**
	 * Keeps a render started at generation `since`, unless something it read was written meanwhile
	 * (its bytes may show the old rows) or it alone would not fit. Returns whether it was kept.
	 */
	put(key: string, page: CachedPage, since: number): boolean {
		const tags = page.tags.includes(ALL) ? page.tags : [ALL, ...page.tags];
		if (!this.unchangedSince(tags, since) || page.expires <= this.now()) return false;
		const bytes = page.body.byteLength + (page.gzip?.byteLength ?? 0) + key.length * 2 + OVERHEAD;
		if (bytes > this.maxBytes) return false;
		const old = this.entries.get(key);
		if (old) this.drop(key, old);
		while (this.used + bytes > this.maxBytes) {
			const [oldestKey, oldest] = this.entries.entries().next().value!;
			this.drop(oldestKey, oldest);
		}
		this.entries.set(key, { ...page, tags, since, bytes });
		this.used += bytes;
		return true;
	}

	private drop(key: string, entry: Entry): void {
		this.entries.delete(key);
		this.used -= entry.bytes;
	}
}

const MINUTE = 60_000;

/**
 * When a page rendered at `renderedAt` stops answering: at the next whole minute. Public pages
 * change with the clock as well as with writes (a notice period runs out, a meeting starts, the
 * calendar's today moves at China midnight), and every such moment the app stores is a date or a
 * time to the minute; China is a whole number of hours from UTC, so a UTC minute boundary is one
 * there too. The cost is one render a minute per page.
 */
export function expiryOf(renderedAt: number): number {
	return Math.floor(renderedAt / MINUTE) * MINUTE + MINUTE;
}
