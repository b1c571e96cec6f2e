import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	MAX_UPLOAD_BYTES,
	contentDisposition,
	createUploadStore,
	detectType,
	isStoredName,
	prepareUpload,
	sanitizeOriginalName,
	uploadsDir,
	type UploadExt
} from './uploads';

const bytes = (...parts: (string | number[] | Buffer)[]) =>
	Buffer.concat(
		parts.map((p) =>
			typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p)
		)
	);

/** `alpha` given: an RGBA image with that opacity everywhere. */
const solid = (width: number, height: number, alpha?: number) =>
	sharp({
		create: {
			width,
			height,
			channels: alpha === undefined ? 3 : 4,
			background: { r: 192, g: 48, b: 48, alpha: alpha ?? 1 }
		}
	});

// ---- PDF fixtures ---------------------------------------------------------------------------

/** A stream object whose `/Length` matches its data, as a well-formed writer emits it. */
function stream(data: string): Buffer {
	return bytes(`<< /Length ${data.length} >>\nstream\n`, data, '\nendstream');
}

/** A PDF with a correct cross-reference table; object 1 is the catalog. */
function pdf(objects: (string | Buffer)[], trailer = ''): Buffer {
	const parts: Buffer[] = [bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n')];
	const offsets: number[] = [];
	let offset = parts[0].length;
	objects.forEach((object, i) => {
		const part = bytes(
			`${i + 1} 0 obj\n`,
			typeof object === 'string' ? object : object,
			'\nendobj\n'
		);
		offsets.push(offset);
		offset += part.length;
		parts.push(part);
	});
	const xref =
		`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
		offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
		`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`;
	return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

const page = [
	'<< /Type /Catalog /Pages 2 0 R >>',
	'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
	'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R ' +
		'/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>',
	stream('BT /F1 12 Tf 20 100 Td (hello) Tj ET')
];
const minimalPdf = pdf(page);

// ---- image fixtures -------------------------------------------------------------------------

let exifJpeg: Buffer;
let bigJpeg: Buffer;
let alphaPng: Buffer;
let opaqueRgbaPng: Buffer;
let opaquePng: Buffer;
let gif: Buffer;
let transparentGif: Buffer;
let webp: Buffer;
let pixelBomb: Buffer;

/** A valid 1-bit 8000×8000 PNG: 64 megapixels in a few kilobytes. */
function makePixelBomb(): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const typed = bytes(type, data);
		const out = Buffer.alloc(typed.length + 8);
		out.writeUInt32BE(data.length, 0);
		typed.copy(out, 4);
		out.writeUInt32BE(crc32(typed), typed.length + 4);
		return out;
	};
	const side = 8000;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(side, 0);
	header.writeUInt32BE(side, 4);
	header[8] = 1; // bit depth; colour type 0 (grey), default compression, filter, no interlace
	// Each row: filter byte 0, then side/8 bytes of black.
	const pixels = deflateSync(Buffer.alloc(side * (side / 8 + 1)), { level: 9 });
	return bytes(
		[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
		chunk('IHDR', header),
		chunk('IDAT', pixels),
		chunk('IEND', Buffer.alloc(0))
	);
}

beforeAll(async () => {
	exifJpeg = await solid(40, 20)
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Copyright: 'secret-gps' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' }
		})
		.jpeg()
		.toBuffer();
	bigJpeg = await solid(4000, 3000).jpeg({ quality: 50 }).toBuffer();
	alphaPng = await solid(30, 10, 0.5).png().toBuffer();
	opaqueRgbaPng = await solid(30, 10, 1).png().toBuffer();
	opaquePng = await solid(30, 10).png().toBuffer();
	gif = await solid(12, 8).gif().toBuffer();
	transparentGif = await solid(12, 8, 0).gif().toBuffer();
	webp = await solid(12, 8).webp().toBuffer();
	pixelBomb = makePixelBomb();
});

// ---- detectType ------------------------------------------------------------------------------

describe('detectType', () => {
	const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0], 'mif1heic');
	it.each([
		['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), { kind: 'image', format: 'jpeg' }],
		[
			'PNG',
			bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
			{ kind: 'image', format: 'png' }
		],
		['GIF87a', bytes('GIF87a\x01\x00'), { kind: 'image', format: 'gif' }],
		['GIF89a', bytes('GIF89a\x01\x00'), { kind: 'image', format: 'gif' }],
		['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), { kind: 'image', format: 'webp' }],
		['HEIC heic', ftyp('heic'), { kind: 'image', format: 'heic' }],
		['HEIC heix', ftyp('heix'), { kind: 'image', format: 'heic' }],
		['HEIF mif1', ftyp('mif1'), { kind: 'image', format: 'heic' }],
		['HEIF msf1', ftyp('msf1'), { kind: 'image', format: 'heic' }],
		['PDF', bytes('%PDF-1.4\n'), { kind: 'pdf' }],
		['PDF after junk (polyglot)', bytes(' %PDF-1.4\n'), null],
		['HTML claiming PDF later', bytes('<html>%PDF-1.4'), null],
		['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
		['XML-prolog SVG', bytes('<?xml version="1.0"?><svg/>'), null],
		['HTML', bytes('<!DOCTYPE html><script>alert(1)</script>'), null],
		['WAV (RIFF, not WEBP)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), null],
		['MP4 (ftyp isom)', ftyp('isom'), null],
		['GIF90a', bytes('GIF90a'), null],
		['two JPEG bytes', bytes([0xff, 0xd8]), null],
		['empty', bytes(), null],
		['ZIP', bytes('PK\x03\x04'), null]
	])('%s', (_, input, expected) => {
		expect(detectType(input)).toEqual(expected);
	});
});

// ---- prepareUpload refusals ----------------------------------------------------------------

describe('prepareUpload refuses', () => {
	it.each([
		['an empty file', 'empty', () => bytes()],
		[
			'10 MB + 1 (size is checked before type)',
			'too_large',
			() => bytes([0xff, 0xd8, 0xff], Buffer.alloc(MAX_UPLOAD_BYTES - 2))
		],
		[
			'an SVG with <script> named .png',
			'wrong_type',
			() => bytes('<svg onload="alert(1)"><script>alert(1)</script></svg>')
		],
		[
			'HTML',
			'wrong_type',
			() => bytes('<!doctype html><html><script>fetch("/admin")</script></html>')
		],
		['a Windows executable', 'wrong_type', () => bytes('MZ\x90\x00', Buffer.alloc(64))],
		[
			'a JPEG cut off mid-scan',
			'unreadable_image',
			() => exifJpeg.subarray(0, exifJpeg.length - 40)
		],
		[
			'a big JPEG cut off at 60%',
			'unreadable_image',
			() => bigJpeg.subarray(0, Math.floor(bigJpeg.length * 0.6))
		],
		['a JPEG cut off inside its header', 'unreadable_image', () => exifJpeg.subarray(0, 64)],
		[
			'JPEG magic then garbage',
			'unreadable_image',
			() => bytes([0xff, 0xd8, 0xff, 0xe0], Buffer.alloc(500, 7))
		],
		[
			'HEIC magic then garbage',
			'unreadable_image',
			() => bytes([0, 0, 0, 0x18], 'ftypheic', Buffer.alloc(200, 1))
		],
		[
			'PNG magic on an SVG body',
			'unreadable_image',
			() => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '<svg/>')
		]
	])('%s → %s', async (_, reason, input) => {
		expect(await prepareUpload(input(), 'x.png')).toEqual({ ok: false, reason });
	});

	it('a decompression bomb, by its header alone', async () => {
		// The file is valid: it is the pixel limit, not corruption, that stops it.
		const header = await sharp(pixelBomb, { limitInputPixels: false }).metadata();
		expect([header.width, header.height, pixelBomb.length < 20_000]).toEqual([8000, 8000, true]);
		expect(await prepareUpload(pixelBomb, 'x.png')).toEqual({
			ok: false,
			reason: 'unreadable_image'
		});
	});
});

// ---- images ---------------------------------------------------------------------------------

describe('prepareUpload re-encodes images', () => {
	it('removes EXIF (incl. GPS) and turns an orientation-6 photo upright', async () => {
		const before = await sharp(exifJpeg).metadata();
		expect([before.width, before.height, before.orientation]).toEqual([40, 20, 6]);
		expect(before.exif?.includes('secret-gps')).toBe(true);

		const result = await prepareUpload(exifJpeg, 'IMG_0001.JPG');
		if (!result.ok) throw new Error(result.reason);
		const after = await sharp(result.data).metadata();
		expect(after.exif).toBeUndefined();
		expect(after.orientation).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(after.iptc).toBeUndefined();
		expect(result.data.includes('secret-gps')).toBe(false);
		expect([after.width, after.height]).toEqual([20, 40]);
		expect(result).toMatchObject({
			kind: 'image',
			mime: 'image/jpeg',
			ext: 'jpg',
			width: 20,
			height: 40,
			size: result.data.length,
			originalName: 'IMG_0001.JPG'
		});
	});

	it.each([
		// fixture, expected format, mime, ext, width, height
		['4000×3000 JPEG (shrunk to fit 2560)', 'jpeg', 'image/jpeg', 'jpg', 2560, 1920, () => bigJpeg],
		['PNG with alpha', 'webp', 'image/webp', 'webp', 30, 10, () => alphaPng],
		['RGBA PNG that is fully opaque', 'jpeg', 'image/jpeg', 'jpg', 30, 10, () => opaqueRgbaPng],
		['opaque PNG', 'jpeg', 'image/jpeg', 'jpg', 30, 10, () => opaquePng],
		['GIF (never enlarged)', 'jpeg', 'image/jpeg', 'jpg', 12, 8, () => gif],
		['transparent GIF', 'webp', 'image/webp', 'webp', 12, 8, () => transparentGif],
		['WebP', 'jpeg', 'image/jpeg', 'jpg', 12, 8, () => webp]
	])('%s → %s', async (_, format, mime, ext, width, height, input) => {
		const result = await prepareUpload(input(), 'photo');
		if (!result.ok) throw new Error(result.reason);
		expect(result).toMatchObject({ kind: 'image', mime, ext, width, height });
		const meta = await sharp(result.data).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual([format, width, height]);
		expect(meta.hasAlpha).toBe(format === 'webp');
	});

	it('does not keep a reference to the caller’s buffer', async () => {
		const input = Buffer.from(minimalPdf);
		const result = await prepareUpload(input, 'a.pdf');
		input.fill(0);
		expect(result.ok && result.data.equals(minimalPdf)).toBe(true);
	});
});

// ---- PDFs -----------------------------------------------------------------------------------

describe('prepareUpload and PDFs', () => {
	it('stores a minimal valid PDF as it came', async () => {
		expect(await prepareUpload(minimalPdf, '会议纪要.pdf')).toEqual({
			ok: true,
			kind: 'pdf',
			mime: 'application/pdf',
			ext: 'pdf',
			data: minimalPdf,
			size: minimalPdf.length,
			originalName: '会议纪要.pdf'
		});
	});

	it.each([
		[
			'a JavaScript open action',
			'pdf_active',
			() =>
				pdf([
					'<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>',
					...page.slice(1),
					'<< /S /JavaScript /JS (app.alert(1)) >>'
				])
		],
		[
			'an encrypted file',
			'pdf_encrypted',
			() => pdf(page, '/Encrypt << /Filter /Standard /V 2 >>')
		],
		['a broken file', 'pdf_unreadable', () => bytes('%PDF-1.7\n1 0 obj << /Type /Catalog [ >>')]
	])('refuses %s as %s', async (_, reason, input) => {
		expect(await prepareUpload(input(), 'a.pdf')).toEqual({ ok: false, reason });
	});

	it('accepts exactly MAX_UPLOAD_BYTES', async () => {
		const padded = bytes(minimalPdf, Buffer.alloc(MAX_UPLOAD_BYTES - minimalPdf.length, 0x20));
		expect(padded.length).toBe(MAX_UPLOAD_BYTES);
		expect((await prepareUpload(padded, 'a.pdf')).ok).toBe(true);
	});
});

// ---- original names -------------------------------------------------------------------------

describe('sanitizeOriginalName', () => {
	it.each([
		['../../etc/passwd', 'passwd'],
		['C:\\x\\a.pdf', 'a.pdf'],
		['/var/tmp/照片 1.jpg', '照片 1.jpg'],
		['invoice\u202Efdp.exe', 'invoicefdp.exe'],
		['a\u2066b\u2069c\u200Bd\uFEFFe\u200Df', 'abcdef'],
		['<svg onload=alert(1)>.png', '<svg onload=alert(1)>.png'],
		['<svg\u0000 onload=alert(1)>\r\n.png', '<svg onload=alert(1)>.png'],
		['tab\there\u0085\u2028.pdf', 'tabhere.pdf'],
		['   spaced.jpg  ', 'spaced.jpg'],
		['', '附件'],
		['   ', '附件'],
		['dir/', '附件'],
		['..', '附件'],
		['\u202E', '附件'],
		['e\u0301te\u0301.jpg', 'été.jpg'],
		['a'.repeat(300), 'a'.repeat(120)],
		['村'.repeat(300), '村'.repeat(120)],
		['😀'.repeat(130), '😀'.repeat(120)]
	])('%j → %j', (input, expected) => {
		expect(sanitizeOriginalName(input)).toBe(expected);
	});

	it('is applied by prepareUpload', async () => {
		const result = await prepareUpload(minimalPdf, 'C:\\Users\\李\\invoice\u202Efdp.pdf');
		expect(result.ok && result.originalName).toBe('invoicefdp.pdf');
	});
});

// ---- Content-Disposition --------------------------------------------------------------------

describe('contentDisposition', () => {
	it.each([
		['image', 'photo.jpg', undefined, `inline; filename="photo.jpg"; filename*=UTF-8''photo.jpg`],
		[
			'image',
			'村委会.jpg',
			undefined,
			`inline; filename="___.jpg"; filename*=UTF-8''%E6%9D%91%E5%A7%94%E4%BC%9A.jpg`
		],
		[
			'pdf',
			'report.pdf',
			undefined,
			`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`
		],
		['pdf', 'report', undefined, `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
		[
			'pdf',
			'v1.2 minutes',
			undefined,
			`attachment; filename="v1.2 minutes.pdf"; filename*=UTF-8''v1.2%20minutes.pdf`
		],
		['pdf', 'evil.exe', undefined, `attachment; filename="evil.pdf"; filename*=UTF-8''evil.pdf`],
		['image', 'IMG_1.HEIC', 'jpg', `inline; filename="IMG_1.jpg"; filename*=UTF-8''IMG_1.jpg`],
		['image', 'scan.JPEG', 'jpg', `inline; filename="scan.JPEG"; filename*=UTF-8''scan.JPEG`],
		['image', 'logo.png', 'webp', `inline; filename="logo.webp"; filename*=UTF-8''logo.webp`],
		[
			'pdf',
			`a "b" c%20 'd' (e)*.pdf`,
			undefined,
			`attachment; filename="a _b_ c_20 'd' (e)*.pdf"; ` +
				`filename*=UTF-8''a%20%22b%22%20c%2520%20%27d%27%20%28e%29%2A.pdf`
		],
		[
			'pdf',
			'x.pdf\r\nSet-Cookie: a=b',
			undefined,
			`attachment; filename="x.pdfSet-Cookie: a=b.pdf"; filename*=UTF-8''x.pdfSet-Cookie%3A%20a%3Db.pdf`
		],
		['pdf', '', undefined, `attachment; filename="__.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B6.pdf`]
	] as const)('%s %j (%s)', (kind, name, ext, expected) => {
		const header = contentDisposition(kind, name, ext as UploadExt | undefined);
		expect(header).toBe(expected);
		expect(header).toMatch(/^[\x20-\x7e]+$/);
	});
});

// ---- the store ------------------------------------------------------------------------------

describe('createUploadStore', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'yishiting-uploads-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('round-trips save → read → remove, creating the directory', async () => {
		const store = createUploadStore(join(dir, 'round', 'trip'));
		const name = await store.save(minimalPdf, 'pdf');
		expect(name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
		expect(isStoredName(name)).toBe(true);
		expect(await store.read(name)).toEqual(minimalPdf);
		expect(store.pathOf(name)).toBe(resolve(dir, 'round', 'trip', name));
		await store.remove(name);
		expect(await store.read(name)).toBeNull();
		await expect(store.remove(name)).resolves.toBeUndefined();
	});

	it('writes atomically: only stored names remain, each distinct', async () => {
		const store = createUploadStore(join(dir, 'atomic'));
		const exts: UploadExt[] = ['jpg', 'webp', 'pdf', 'jpg', 'pdf'];
		const names = await Promise.all(
			exts.map((ext, i) => store.save(Buffer.from(`file ${i}`), ext))
		);
		expect(new Set(names).size).toBe(names.length);
		expect((await readdir(join(dir, 'atomic'))).sort()).toEqual([...names].sort());
		for (const [i, name] of names.entries()) {
			expect(name.endsWith(`.${exts[i]}`)).toBe(true);
			expect((await store.read(name))?.toString()).toBe(`file ${i}`);
		}
	});

	it('refuses an extension it does not store', async () => {
		const store = createUploadStore(join(dir, 'ext'));
		await expect(store.save(Buffer.from('x'), 'svg' as UploadExt)).rejects.toThrow();
	});

	it('reads null for a well-formed name that was never saved', async () => {
		const store = createUploadStore(dir);
		expect(await store.read('00000000-0000-4000-8000-000000000000.jpg')).toBeNull();
	});

	const uuid = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
	it.each([
		'../x.jpg',
		'/etc/passwd',
		'..',
		'',
		`../${uuid}.jpg`,
		`${uuid}/../../etc/passwd`,
		`${uuid}.png`,
		`${uuid}.svg`,
		`${uuid}.html`,
		`${uuid}.jpg.exe`,
		`${uuid}.JPG`,
		`${uuid.toUpperCase()}.jpg`,
		`${uuid}.jpg\u0000`,
		`${uuid}.jpg\n`,
		`.${uuid}.jpg.${uuid}.tmp`,
		'------------------------------------.jpg'
	])('rejects %j', async (name) => {
		// A real file of that name nearby must still be unreachable.
		await writeFile(join(dir, 'x.jpg'), 'outside');
		const store = createUploadStore(join(dir, 'inner'));
		expect(isStoredName(name)).toBe(false);
		expect(await store.read(name)).toBeNull();
		expect(() => store.pathOf(name)).toThrow();
		await expect(store.remove(name)).rejects.toThrow();
	});
});

// ---- configuration --------------------------------------------------------------------------

describe('uploadsDir', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	it.each([
		[{ UPLOADS_DIR: '/srv/files', DATABASE_PATH: '/var/lib/y/y.db' }, '/srv/files'],
		[{ UPLOADS_DIR: undefined, DATABASE_PATH: '/var/lib/y/y.db' }, '/var/lib/y/uploads'],
		[{ UPLOADS_DIR: '', DATABASE_PATH: '/var/lib/y/y.db' }, '/var/lib/y/uploads'],
		[{ UPLOADS_DIR: undefined, DATABASE_PATH: undefined }, resolve('data/uploads')],
		[{ UPLOADS_DIR: 'rel/up', DATABASE_PATH: undefined }, resolve('rel/up')]
	])('%j → %s', (env, expected) => {
		for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
		expect(uploadsDir()).toBe(expected);
	});
});
