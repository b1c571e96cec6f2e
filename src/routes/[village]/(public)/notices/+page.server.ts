import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { NOTICE_KINDS, type NoticeKind } from '$lib/server/notices/notices';
import { boardFront, boardPage, noticeYears } from '$lib/server/board/notice-view';
import { todayInChina } from '$lib/server/calendar/dates';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

const PAGE_SIZE = 20;

// Public: anyone reads the board without an account (docs/domain.md §8).
export const load: PageServerLoad = ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const db = getDb();
	const q = url.searchParams;
	const kindParam = q.get('kind') ?? '';
	const kind = (NOTICE_KINDS as readonly string[]).includes(kindParam)
		? (kindParam as NoticeKind)
		: undefined;
	const yearParam = idParam(q.get('year'));
	const year = yearParam && yearParam >= 2000 && yearParam <= 9999 ? yearParam : undefined;
	const words = (q.get('q') ?? '').trim().slice(0, 100);
	const page = Math.min(idParam(q.get('page')) ?? 1, 10_000);
	const filtered = !!(kind || year || words);
	const slice = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
	// Unfiltered, the current notices head the first page and the list below holds the others:
	// each notice once. A search lists every match.
	const front = filtered ? null : boardFront(db, village.id, todayInChina(), slice);
	const archive = front
		? { items: front.earlier, total: front.total }
		: boardPage(db, village.id, { kind, year, q: words }, slice);
	return {
		current: front && page === 1 ? front.current : [],
		archive: archive.items,
		total: archive.total,
		page,
		pages: Math.max(1, Math.ceil(archive.total / PAGE_SIZE)),
		filter: { kind: kind ?? '', year: year ? String(year) : '', q: words },
		filtered,
		kinds: NOTICE_KINDS,
		years: noticeYears(db, village.id)
	};
};

// Read and filled in on cheap phones over slow rural networks: everything here works by links and
// plain form posts, so the page ships no JavaScript at all (no framework to download and start).
export const csr = false;
