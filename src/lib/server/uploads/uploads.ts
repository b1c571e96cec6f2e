/**
 * User uploads (photos and PDFs attached to topics and progress reports).
 *
 * Nothing a user sends is trusted: the type comes from magic bytes, never from the
 * name or the browser's Content-Type; images are decoded and re-encoded so only
 * pixels survive (no EXIF GPS, no polyglot payloads); stored names are generated
 * here, so the original name is only ever display text. No SvelteKit imports, so
 * scripts and unit tests can use this module directly.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { inspectPdf } from './pdf';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadKind = 'image' | 'pdf';
export type UploadRefusal =
	| 'empty'
	| 'too_large'
	| 'wrong_type'
	| 'unreadable_image'
	| 'pdf_active'
	| 'pdf_encrypted'
	| 'pdf_unreadable';
export type UploadExt = 'jpg' | 'webp' | 'pdf';
export type UploadMime = 'image/jpeg' | 'image/webp' | 'application/pdf';
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heic';
export type DetectedType = { kind: 'image'; format: ImageFormat } | { kind: 'pdf' };

export interface PreparedUpload {
	ok: true;
	kind: UploadKind;
	mime: UploadMime;
	ext: UploadExt;
	data: Buffer;
	size: number;
	width?: number;
	height?: number;
	originalName: string;
}

export type UploadResult = PreparedUpload | { ok: false; reason: UploadRefusal };

export interface UploadStore {
	/** Resolves to the server-generated stored name. */
	save(data: Buffer, ext: UploadExt): Promise<string>;
	/** `null` for a name this store would never have generated, or a missing file. */
	read(storedName: string): Promise<Buffer | null>;
	/** Missing files are fine (idempotent); a malformed name throws. */
	remove(storedName: string): Promise<void>;
	/** Throws for a malformed name. */
	pathOf(storedName: string): string;
}

/** Large enough for any phone photo (a 200 MP sensor is still rare), small enough that a
 * decompression bomb is refused from its header before libvips allocates pixels. */
const MAX_INPUT_PIXELS = 50_000_000;
const MAX_EDGE = 2560;
const QUALITY = 82;
/** A hard stop for CPU spent on one hostile image; real photos take well under a second. */
const ENCODE_TIMEOUT_SECONDS = 30;

const DEFAULT_NAME = '附件';
const MAX_NAME_LENGTH = 120;

const STORED_NAME =
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|webp|pdf)$/;
const EXTS: readonly UploadExt[] = ['jpg', 'webp', 'pdf'];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
	return Array.from(text, (c) => c.charCodeAt(0));
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const HEIF_BRANDS = ['heic', 'heix', 'mif1', 'msf1'].map(ascii);

/**
 * The type by magic bytes alone. SVG and HTML are deliberately unknown: both can carry
 * script, and a browser may sniff them as such whatever the name says.
 */
export function detectType(bytes: Uint8Array): DetectedType | null {
	if (startsWith(bytes, JPEG)) return { kind: 'image', format: 'jpeg' };
	if (startsWith(bytes, PNG)) return { kind: 'image', format: 'png' };
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) {
		return { kind: 'image', format: 'gif' };
	}
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
		return { kind: 'image', format: 'webp' };
	}
	if (startsWith(bytes, ascii('ftyp'), 4) && HEIF_BRANDS.some((b) => startsWith(bytes, b, 8))) {
		return { kind: 'image', format: 'heic' };
	}
	// Strictly at offset 0: readers tolerate junk before the header, which is exactly
	// what HTML/PDF polyglots rely on.
	if (startsWith(bytes, ascii('%PDF-'))) return { kind: 'pdf' };
	return null;
}

/** What libvips reports for each format we let in; anything else means the magic bytes lied. */
const SHARP_FORMAT: Record<ImageFormat, string> = {
	jpeg: 'jpeg',
	png: 'png',
	webp: 'webp',
	gif: 'gif',
	heic: 'heif'
};

// Bidi controls and zero-width characters let a name display differently from what it is
// ("invoice" U+202E "fdp.exe" shows as "invoiceexe.pdf"); line separators break layouts
// and headers.
const INVISIBLE =
	// eslint-disable-next-line no-control-regex -- control characters are what this strips
	/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Display text only: the caller escapes it when rendering and never uses it as a path.
 */
export function sanitizeOriginalName(name: string): string {
	const cleaned = String(name ?? '')
		.normalize('NFC')
		.replace(INVISIBLE, '');
	// Browsers on Windows (and old IE) send the full client path.
	const base = cleaned.slice(Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\')) + 1);
	// Cap by code points so a surrogate pair is never split into an unpaired half.
	const capped = Array.from(base.trim()).slice(0, MAX_NAME_LENGTH).join('').trim();
	return capped === '' || capped === '.' || capped === '..' ? DEFAULT_NAME : capped;
}

/**
 * Checks and normalises one uploaded file. Refusals are expected outcomes, not errors:
 * the caller turns `reason` into a message for the user.
 */
export async function prepareUpload(
	bytes: Uint8Array,
	originalName: string
): Promise<UploadResult> {
	if (bytes.length === 0) return { ok: false, reason: 'empty' };
	if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, reason: 'too_large' };
	const type = detectType(bytes);
	if (!type) return { ok: false, reason: 'wrong_type' };
	const name = sanitizeOriginalName(originalName);

	if (type.kind === 'pdf') {
		const verdict = await inspectPdf(bytes);
		if (verdict !== 'ok') return { ok: false, reason: `pdf_${verdict}` };
		// A copy, so a caller reusing its buffer cannot change what gets stored.
		const data = Buffer.from(bytes);
		return {
			ok: true,
			kind: 'pdf',
			mime: 'application/pdf',
			ext: 'pdf',
			data,
			size: data.length,
			originalName: name
		};
	}

	try {
		const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' });
		const meta = await input.metadata();
		if (meta.format !== SHARP_FORMAT[type.format]) return { ok: false, reason: 'unreadable_image' };
		// rotate() before resize: it bakes the EXIF orientation into the pixels, since the
		// re-encode drops the tag that told viewers to turn the photo.
		const pipeline = input
			.rotate()
			.resize(MAX_EDGE, MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
			.timeout({ seconds: ENCODE_TIMEOUT_SECONDS });
		// JPEG would flatten transparency onto a background; WebP keeps it. Many PNG
		// screenshots and GIFs carry an alpha channel they never use, and JPEG is what every
		// phone in the village displays, so only real transparency earns WebP.
		const alpha =
			meta.hasAlpha === true &&
			!(await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).stats()).isOpaque;
		// Plain libjpeg-turbo rather than mozjpeg: mozjpeg saves about 13% for 5× the CPU on
		// a 12 MP photo (≈5 s on a 2-core server), which a batch of phone photos would queue behind.
		const encoder = alpha
			? pipeline.webp({ quality: QUALITY })
			: pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: QUALITY });
		const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
		return {
			ok: true,
			kind: 'image',
			mime: alpha ? 'image/webp' : 'image/jpeg',
			ext: alpha ? 'webp' : 'jpg',
			data,
			size: data.length,
			width: info.width,
			height: info.height,
			originalName: name
		};
	} catch {
		// Truncated, corrupt, too many pixels, or a codec this build lacks (HEVC-coded HEIC
		// with the prebuilt libvips): all the same to the user, who can send a JPEG instead.
		return { ok: false, reason: 'unreadable_image' };
	}
}

export function isStoredName(storedName: string): boolean {
	return typeof storedName === 'string' && STORED_NAME.test(storedName);
}

/** Files live flat in one directory under names generated here, so no user input reaches a path. */
export function createUploadStore(dir: string): UploadStore {
	const root = resolve(dir);

	function pathOf(storedName: string): string {
		if (!isStoredName(storedName))
			throw new Error(`not a stored upload name: ${JSON.stringify(storedName)}`);
		return join(root, storedName);
	}

	async function save(data: Buffer, ext: UploadExt): Promise<string> {
		if (!EXTS.includes(ext)) throw new Error(`unknown upload extension: ${JSON.stringify(ext)}`);
		await mkdir(root, { recursive: true });
		const storedName = `${randomUUID()}.${ext}`;
		// Same directory so rename() is atomic; the dot prefix and suffix keep a leftover
		// from a crash from ever matching a stored name.
		const temp = join(root, `.${storedName}.${randomUUID()}.tmp`);
		const file = await open(temp, 'wx', 0o640);
		try {
			try {
				await file.writeFile(data);
				// Without fsync a power cut after rename can leave a named but empty file.
				await file.sync();
			} finally {
				await file.close();
			}
			await rename(temp, join(root, storedName));
		} catch (error) {
			await unlink(temp).catch(() => {});
			throw error;
		}
		// Persist the directory entry too; some filesystems refuse fsync on a directory.
		const directory = await open(root, 'r');
		try {
			await directory.sync().catch(() => {});
		} finally {
			await directory.close();
		}
		return storedName;
	}

	async function read(storedName: string): Promise<Buffer | null> {
		if (!isStoredName(storedName)) return null;
		try {
			return await readFile(join(root, storedName));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw error;
		}
	}

	async function remove(storedName: string): Promise<void> {
		try {
			await unlink(pathOf(storedName));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}

	return { save, read, remove, pathOf };
}

/** Beside the database by default, so one data directory holds everything the server keeps. */
export function uploadsDir(): string {
	if (process.env.UPLOADS_DIR) return resolve(process.env.UPLOADS_DIR);
	return resolve(dirname(process.env.DATABASE_PATH || './data/yishiting.db'), 'uploads');
}

// RFC 5987 attr-char minus what encodeURIComponent already escapes.
function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/**
 * A Content-Disposition value (RFC 6266). PDFs download rather than open in the browser's
 * viewer, which keeps any script they might carry out of our origin. `ext`, when given,
 * replaces a misleading extension so a saved file opens with the right program.
 */
export function contentDisposition(
	kind: UploadKind,
	originalName: string,
	ext?: UploadExt
): string {
	let name = sanitizeOriginalName(originalName);
	const wanted = ext ?? (kind === 'pdf' ? 'pdf' : undefined);
	if (wanted) {
		// Only a short trailing token counts as an extension, so "v1.2 report" keeps its text.
		const current = /\.([0-9A-Za-z]{1,5})$/.exec(name);
		const have = current?.[1].toLowerCase();
		if (have !== wanted && !(wanted === 'jpg' && have === 'jpeg')) {
			name = `${current ? name.slice(0, current.index) : name}.${wanted}`;
		}
	}
	// Some browsers percent-decode the plain parameter, so '%' is replaced as well.
	const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
	const type = kind === 'image' ? 'inline' : 'attachment';
	return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
