import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { categoryLabel, channelLabel, topicStateLabel } from '$lib/labels';
import { toCsv } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { topicRegister } from '$lib/server/topics/queries';
import { requireStaff } from '$lib/server/villages/context';
import { topicFiltersFrom } from '$lib/server/topics/list-page';

// The topic register (议题台账) as the list's filters select it, for the township's spreadsheets.
export const GET: RequestHandler = (event) => {
	const { village } = requireStaff(event);
	const topics = topicRegister(getDb(), village.id, topicFiltersFrom(event.url));
	const csv = toCsv(
		[
			m.topic_register_col_number(),
			m.topic_register_col_title(),
			m.topic_register_col_category(),
			m.topic_register_col_channel(),
			m.topic_register_col_proposer(),
			m.topic_register_col_grid(),
			m.topic_register_col_state(),
			m.topic_register_col_submitted(),
			m.topic_register_col_triage_due(),
			m.topic_register_col_cosigns(),
			m.topic_register_col_major()
		],
		topics.map((t) => [
			t.number,
			t.title,
			categoryLabel(t.category),
			channelLabel(t.channel),
			t.proposerName,
			t.gridName,
			topicStateLabel(t.state),
			t.submittedAt?.slice(0, 10) ?? '',
			t.triageDue,
			t.cosigns,
			t.major ? m.topic_register_yes() : ''
		])
	);
	const name = `${m.topic_register_file_name()}-${village.slug}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="topic-register-${village.slug}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'private, no-store'
		}
	});
};
