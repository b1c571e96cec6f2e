// Topic attachments from a multipart form: checked, re-encoded and stored before the topic's
// transaction, and removed again if that transaction does not happen.
import { m } from '$lib/paraglide/messages';
import {
	MAX_UPLOAD_BYTES,
	createUploadStore,
	prepareUpload,
	sanitizeOriginalName,
	uploadsDir,
	type UploadRefusal
} from '../uploads/uploads';
import type { StoredAttachment } from './records';

export const uploadStore = () => createUploadStore(uploadsDir());

function refusalMessage(reason: UploadRefusal, name: string): string {
	switch (reason) {
		case 'empty':
			return m.upload_empty({ name });
		case 'too_large':
			return m.upload_too_large({ name, mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
		case 'unreadable_image':
			return m.upload_unreadable({ name });
		case 'pdf_active':
			return m.upload_pdf_active({ name });
		case 'pdf_encrypted':
			return m.upload_pdf_encrypted({ name });
		case 'pdf_unreadable':
			return m.upload_pdf_unreadable({ name });
		case 'wrong_type':
			return m.upload_wrong_type({ name });
	}
}

export async function storeFormFiles(
	form: FormData,
	fieldName: string,
	purpose: StoredAttachment['purpose'],
	max: number
): Promise<{ ok: true; files: StoredAttachment[] } | { ok: false; message: string }> {
	const files = form.getAll(fieldName).filter((f): f is File => f instanceof File && f.size > 0);
	if (files.length > max) return { ok: false, message: m.upload_too_many({ max }) };
	const prepared = [];
	for (const file of files) {
		const p = await prepareUpload(new Uint8Array(await file.arrayBuffer()), file.name);
		// The name is only displayed, and Svelte escapes it; cap it so the message stays short.
		if (!p.ok)
			return {
				ok: false,
				message: refusalMessage(p.reason, sanitizeOriginalName(file.name).slice(0, 60))
			};
		prepared.push(p);
	}
	const store = uploadStore();
	const stored: StoredAttachment[] = [];
	try {
		for (const p of prepared) {
			const storedName = await store.save(p.data, p.ext);
			stored.push({
				kind: p.kind,
				purpose,
				storedName,
				originalName: p.originalName,
				mime: p.mime,
				size: p.size
			});
		}
	} catch (e) {
		// A failed save must not leave the earlier files behind with nothing pointing at them.
		await discardFiles(stored);
		throw e;
	}
	return { ok: true, files: stored };
}

export async function discardFiles(files: StoredAttachment[]): Promise<void> {
	const store = uploadStore();
	await Promise.all(files.map((f) => store.remove(f.storedName)));
}
