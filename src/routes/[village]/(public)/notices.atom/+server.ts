import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { atomFeed } from '$lib/server/board/atom';
import { boardPage } from '$lib/server/board/notice-view';
import { villageFromSlug } from '$lib/server/villages/context';
import { noticeKindLabel } from '$lib/labels';

export const GET: RequestHandler = ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const { items } = boardPage(getDb(), village.id, {}, { limit: 50, offset: 0 });
	const abs = (path: string) => new URL(path, url.origin).href;
	const xml = atomFeed({
		title: m.notice_feed_title({ village: village.name }),
		boardUrl: abs(`/${village.slug}/notices`),
		feedUrl: abs(`/${village.slug}/notices.atom`),
		updated: items.reduce(
			(a, i) => (i.createdAt > a ? i.createdAt : a),
			'1970-01-01T00:00:00.000Z'
		),
		kindLabel: noticeKindLabel,
		numberLabel: (i) => i.resolutionNumber ?? m.notice_number({ seq: i.seq }),
		items: items.map((i) => ({ ...i, url: abs(`/${village.slug}/notices/${i.seq}`) }))
	});
	return new Response(xml, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
