import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { icalendar } from '$lib/server/venues/ical';
import { feedItems } from '$lib/server/venues/feed';
import { etagOf, matchesEtag } from '$lib/server/http/etag';
import { villageFromSlug } from '$lib/server/villages/context';
import { entryKindLabel } from '$lib/components/calendar/labels';

// A calendar app subscribes to this address, so its words are the village's Chinese whatever the
// language of whoever copied the link.
export const GET: RequestHandler = ({ params, url, request }) => {
	const village = villageFromSlug(params.village);
	const abs = (path: string) => new URL(path, url.origin).href;
	const zh = { locale: 'zh-CN' } as const;
	const body = icalendar({
		villageSlug: village.slug,
		name: m.cal_feed_name({ village: village.name }, zh),
		description: m.cal_feed_description({ village: village.name }, zh),
		entries: feedItems(getDb(), village.id).map((item) => ({
			item,
			summary: item.cancelled
				? m.cal_feed_cancelled_summary({ title: item.title }, zh)
				: item.title,
			location: item.outdoor ? m.cal_feed_outdoor_location({ place: item.place }, zh) : item.place,
			description: [entryKindLabel(item, 'zh-CN'), item.organiser, item.description]
				.filter(Boolean)
				.join('\n'),
			url: abs(
				item.source === 'meeting'
					? `/${village.slug}/meetings/${item.id}`
					: `/${village.slug}/calendar?month=${item.startsAt.slice(0, 7)}`
			)
		}))
	});
	const etag = etagOf(body);
	const headers = {
		etag,
		'cache-control': 'public, max-age=300'
	};
	if (matchesEtag(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return new Response(body, {
		headers: {
			...headers,
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${village.slug}-calendar.ics"`
		}
	});
};
