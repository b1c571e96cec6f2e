import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findRound, publicHonourees } from '$lib/server/honours/records';
import { noticeUrl } from '$lib/server/notices/qr';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

// Anyone may read an honouree's certificate once the round is published; nobody else has one.
export const load: PageServerLoad = async (event) => {
	const village = villageFromSlug(event.params.village);
	const roundId = idParam(event.params.id);
	const nominationId = idParam(event.params.nomination);
	const db = getDb();
	const round = roundId ? findRound(db, village.id, roundId) : null;
	const honouree =
		round && publicHonourees(db, village.id, round.id).find((h) => h.nominationId === nominationId);
	const seq =
		round?.noticeId != null
			? (db.prepare('select seq from notices where id = ?').pluck().get(round.noticeId) as number)
			: null;
	if (!round || !honouree || seq === null) error(404, m.error_not_found());
	const publishedOn = db
		.prepare('select posted_on from notices where id = ?')
		.pluck()
		.get(round.noticeId) as string;
	return {
		round: { id: round.id, title: round.title },
		honouree,
		publishedOn,
		...(await noticeUrl(event.url.origin, village.slug, seq))
	};
};
