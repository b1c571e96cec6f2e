import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { uploadStore } from '$lib/server/topics/files';
import { findTopicByNumber } from '$lib/server/topics/topics';
import { contentDisposition } from '$lib/server/uploads/uploads';
import { idParam, requireMember } from '$lib/server/villages/context';

// Progress photos are village records: served to members, only for a topic of their village.
export const GET: RequestHandler = async (event) => {
	const { village } = requireMember(event);
	const db = getDb();
	const topic = findTopicByNumber(db, village.id, event.params.number);
	const id = idParam(event.params.photo);
	const photo =
		topic && id
			? (db
					.prepare(
						`select f.stored_name, f.original_name, f.mime from implementation_photos f
						 join implementation_progress p on p.id = f.progress_id
						 join implementations i on i.id = p.implementation_id
						 where f.id = ? and i.topic_id = ? and i.village_id = ?`
					)
					.get(id, topic.id, village.id) as
					{ stored_name: string; original_name: string; mime: string } | undefined)
			: undefined;
	const data = photo ? await uploadStore().read(photo.stored_name) : null;
	if (!photo || !data) error(404, m.error_not_found());
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': photo.mime,
			'content-length': String(data.length),
			'content-disposition': contentDisposition('image', photo.original_name),
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox",
			'x-content-type-options': 'nosniff'
		}
	});
};
