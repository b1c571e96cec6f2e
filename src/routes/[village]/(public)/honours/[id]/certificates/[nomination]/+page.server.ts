import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { certificateOf } from '$lib/server/honours/records';
import { noticeUrl } from '$lib/server/notices/qr';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

// Anyone may read an honouree's certificate once the round is published; nobody else has one.
export const load: PageServerLoad = async (event) => {
	const village = villageFromSlug(event.params.village);
	const roundId = idParam(event.params.id);
	const nominationId = idParam(event.params.nomination);
	const found =
		roundId && nominationId ? certificateOf(getDb(), village.id, roundId, nominationId) : null;
	if (!found) error(404, m.error_not_found());
	return {
		round: { id: found.round.id, title: found.round.title },
		honouree: found.honouree,
		publishedOn: found.notice.postedOn,
		...(await noticeUrl(event.url.origin, village.slug, found.notice.seq))
	};
};
