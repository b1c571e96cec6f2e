// The matter archive's ZIP container, written by fflate. Text is deflated; photos and PDFs are
// already compressed, so they are stored as they are and cost no CPU to zip.
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
	name: string;
	data: Uint8Array | string;
}

const encoder = new TextEncoder();

export function zip(entries: ZipEntry[], now = new Date()): Uint8Array {
	const files: Zippable = {};
	for (const e of entries) {
		const text = typeof e.data === 'string';
		files[e.name] = [
			text ? encoder.encode(e.data as string) : (e.data as Uint8Array),
			{ level: text ? 6 : 0, mtime: now }
		];
	}
	return zipSync(files);
}
