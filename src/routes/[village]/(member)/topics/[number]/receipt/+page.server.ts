import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { isVillageStaff } from '$lib/server/permissions';
import { findTopicByNumber } from '$lib/server/topics/records';
import { maySeeReceipt, receiptOf } from '$lib/server/topics/receipt';
import { requireMember } from '$lib/server/villages/context';
import { getObjectionRoute } from '$lib/server/villages/objection-route';

export const load: PageServerLoad = async (event) => {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	if (!topic || (topic.state === 'draft' && topic.filedByUserId !== user.id))
		error(404, m.error_not_found());
	if (!maySeeReceipt(topic, user.id, user.personId, isVillageStaff(user, village)))
		error(403, m.error_forbidden());
	const receipt = await receiptOf(event.url.origin, village.slug, topic);
	if (!receipt) error(404, m.error_not_found());
	const { office, hours } = getObjectionRoute(getDb(), village.id);
	return {
		receipt,
		// The office the wall notice names, where one is set in the village's settings.
		office,
		hours,
		// The slip fits a 58 or 80 mm thermal printer; anything else is the A4 page.
		slip: event.url.searchParams.get('format') === 'slip'
	};
};
