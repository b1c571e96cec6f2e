import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { uploadStore } from '$lib/server/topics/files';
import { findProgressPhoto } from '$lib/server/implementation/implementation';
import { findTopicByNumber } from '$lib/server/topics/records';
import { contentDisposition } from '$lib/server/uploads/uploads';
import { idParam, requireMember } from '$lib/server/villages/context';

// Progress photos are village records: served to members, only for a topic of their village.
export const GET: RequestHandler = async (event) => {
	const { village } = requireMember(event);
	const db = getDb();
	const topic = findTopicByNumber(db, village.id, event.params.number);
	const id = idParam(event.params.photo);
	const photo = topic && id ? findProgressPhoto(db, village.id, topic.id, id) : null;
	const data = photo ? await uploadStore().read(photo.storedName) : null;
	if (!photo || !data) error(404, m.error_not_found());
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': photo.mime,
			'content-length': String(data.length),
			'content-disposition': contentDisposition('image', photo.originalName),
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox",
			'x-content-type-options': 'nosniff'
		}
	});
};
