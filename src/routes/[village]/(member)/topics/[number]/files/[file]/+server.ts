import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { uploadStore } from '$lib/server/topics/files';
import { findAttachment, findTopicByNumber, maySeeConsent } from '$lib/server/topics/records';
import { isVillageStaff } from '$lib/server/permissions';
import { contentDisposition } from '$lib/server/uploads/uploads';
import { idParam, requireMember } from '$lib/server/villages/context';

// Attachments are village-private: served only to members, only for a topic of their village.
export const GET: RequestHandler = async (event) => {
	const { village, user } = requireMember(event);
	const db = getDb();
	const topic = findTopicByNumber(db, village.id, event.params.number);
	const id = idParam(event.params.file);
	if (!topic || !id || (topic.state === 'draft' && topic.filedByUserId !== user.id))
		error(404, m.error_not_found());
	const found = findAttachment(db, village.id, topic.number, id);
	// The photo of a villager's signed consent note is personal data: only those who need it see it.
	const attachment =
		found &&
		(found.purpose !== 'consent' ||
			maySeeConsent(topic, user.id, user.personId, isVillageStaff(user, village)))
			? found
			: null;
	const data = attachment ? await uploadStore().read(attachment.storedName) : null;
	if (!attachment || !data) error(404, m.error_not_found());
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': attachment.mime,
			'content-length': String(data.length),
			'content-disposition': contentDisposition(attachment.kind, attachment.originalName),
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox",
			'x-content-type-options': 'nosniff'
		}
	});
};
