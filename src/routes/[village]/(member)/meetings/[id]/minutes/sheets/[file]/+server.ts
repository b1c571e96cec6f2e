import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findAttestation } from '$lib/server/meetings/minutes-view';
import { uploadStore } from '$lib/server/topics/files';
import { contentDisposition } from '$lib/server/uploads/uploads';
import { idParam, requireMember } from '$lib/server/villages/context';

// The signed sheet carries the attendees' signatures: served only to members of the village,
// only for a meeting of that village, with the same headers as topic files.
export const GET: RequestHandler = async (event) => {
	const { village } = requireMember(event);
	const meetingId = idParam(event.params.id);
	const fileId = idParam(event.params.file);
	const sheet =
		meetingId && fileId ? findAttestation(getDb(), village.id, meetingId, fileId) : null;
	const data = sheet ? await uploadStore().read(sheet.storedName) : null;
	if (!sheet || !data) error(404, m.error_not_found());
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': sheet.mime,
			'content-length': String(data.length),
			'content-disposition': contentDisposition(sheet.kind, sheet.originalName),
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox",
			'x-content-type-options': 'nosniff'
		}
	});
};
