import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { uploadStore } from '$lib/server/topics/files';
import { findTopicByNumber } from '$lib/server/topics/records';
import { implementationOf } from '$lib/server/implementation/implementation';
import { matterArchive } from '$lib/server/implementation/archive';
import { requireStaff } from '$lib/server/villages/context';

// The matter's complete record as one zip, for the village's own files (staff only).
export const GET: RequestHandler = async (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const topic = findTopicByNumber(db, village.id, event.params.number);
	if (!topic || topic.state === 'draft') error(404, m.error_not_found());
	const store = uploadStore();
	const photos = [];
	for (const p of implementationOf(db, village.id, topic.id)?.progress ?? [])
		for (const f of p.photos) {
			const data = await store.read(f.storedName);
			if (data)
				photos.push({
					name: `photos/${p.onDate}-${f.id}.${f.mime === 'image/webp' ? 'webp' : 'jpg'}`,
					data: new Uint8Array(data)
				});
		}
	const bytes = matterArchive(db, village.id, topic.id, photos)!;
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(bytes.length),
			'content-disposition': `attachment; filename="${topic.number}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
