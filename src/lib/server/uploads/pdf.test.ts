import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	activePdfs,
	encryptedPdf,
	handMadePdf,
	ordinaryPdfs,
	pdfObjectStreamBomb,
	pdfRunLengthBomb,
	streamObject
} from '../../../../tests/attacks/hostile-files';
import { MAX_PDF_JUNK_BYTES, inspectPdf } from './pdf';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const PAGE_TREE = [
	'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
	'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'
];
const withCatalog = (entries: string, ...more: (string | Buffer)[]) =>
	handMadePdf([`<< /Type /Catalog /Pages 2 0 R ${entries} >>`, ...PAGE_TREE, ...more]);

describe('inspectPdf refuses active content', async () => {
	const active = await activePdfs();

	it.each(active)('%s', async (_, pdf) => {
		expect(await inspectPdf(pdf)).toBe('active');
	});

	it('even where a byte search would find nothing', () => {
		const hidden = active.filter(([label]) => /object stream|XFA/.test(label));
		expect(hidden.length).toBeGreaterThanOrEqual(3);
		for (const [label, pdf] of hidden) {
			expect(pdf.toString('latin1'), label).not.toMatch(/JavaScript|J#61vaScript|\/JS\b|<script/);
		}
	});

	it.each([
		[
			'a name ending the file',
			Buffer.concat([withCatalog('/OpenAction 4 0 R'), latin1('4 0 obj << /S /Launch >>')])
		],
		[
			'an action in a later revision of the catalog',
			Buffer.concat([
				withCatalog(''),
				latin1(
					'1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (x) >> >> endobj\n'
				)
			])
		],
		[
			'an action in the revision a later one replaces',
			Buffer.concat([
				withCatalog('/OpenAction << /S /Launch /F (cmd.exe) >>'),
				latin1('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n')
			])
		],
		['a 3D annotation', withCatalog('', '<< /Type /Annot /Subtype /3D /Rect [0 0 1 1] >>')],
		[
			'an embedded-file specification (/EF)',
			withCatalog('', '<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>')
		]
	])('%s', async (_, pdf) => {
		expect(await inspectPdf(pdf)).toBe('active');
	});
});

describe('inspectPdf accepts ordinary documents', async () => {
	it.each(await ordinaryPdfs())('%s', async (_, pdf) => {
		expect(await inspectPdf(pdf)).toBe('ok');
	});

	it('a page printed by Chromium (page.pdf)', async () => {
		const pdf = readFileSync(new URL('./fixtures/chromium-page.pdf', import.meta.url));
		expect(await inspectPdf(pdf)).toBe('ok');
	});

	it.each([
		['the word JavaScript in text', withCatalog('/Title (JavaScript is only a word here)')],
		['names that merely start alike', withCatalog('/JSX 1 /Launcher 2 /EmbeddedFilesize 3')],
		[
			'random bytes spelling /JS in image data',
			withCatalog(
				'',
				streamObject(
					Buffer.concat([
						Buffer.from([0, 0xff]),
						latin1('/JS (x) /S /Launch'),
						Buffer.from([0x9c])
					]),
					'/Filter /DCTDecode'
				)
			)
		],
		['a mailto link', withCatalog('', '<< /Type /Action /S /URI /URI (mailto:cun@example.cn) >>')]
	])('%s', async (_, pdf) => {
		expect(await inspectPdf(pdf)).toBe('ok');
	});
});

describe('inspectPdf refuses what it cannot inspect', () => {
	it('an encrypted file', async () => {
		expect(await inspectPdf(await encryptedPdf())).toBe('encrypted');
	});

	it.each([
		['a header and nothing else', latin1('%PDF-1.7\n')],
		['garbage after the header', Buffer.concat([latin1('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)])],
		['an object it cannot parse', withCatalog('', '<< /Broken [ 1 2 >>')],
		['no catalog', handMadePdf(PAGE_TREE)],
		[
			'an object stream that is not zlib',
			withCatalog(
				'',
				streamObject(
					latin1('5 0 << /JS (x) >>'),
					'/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode'
				)
			)
		],
		[
			'an object stream behind an image filter',
			withCatalog(
				'',
				streamObject(
					deflateSync(latin1('5 0 << >>')),
					'/Type /ObjStm /N 1 /First 4 /Filter /DCTDecode'
				)
			)
		]
	])('%s', async (_, pdf) => {
		expect(await inspectPdf(pdf)).toBe('unreadable');
	});

	it.each([
		['Flate', () => pdfObjectStreamBomb(512)],
		['RunLength', async () => pdfRunLengthBomb()]
	])(
		'a %s decompression bomb in an object stream, quickly and in bounded memory',
		async (_, make) => {
			const bomb = await make();
			expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
			const rss = process.memoryUsage().rss;
			const started = performance.now();
			expect(await inspectPdf(bomb)).toBe('unreadable');
			expect(performance.now() - started).toBeLessThan(5000);
			expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
		}
	);

	// pdf-lib skips junk a byte at a time without yielding: 10 MB of it held the server for 20 s.
	it('junk between objects past the budget, while a little padding is fine', async () => {
		const pdf = withCatalog('');
		const header = pdf.indexOf('\n') + 1;
		const padded = (junk: number) =>
			Buffer.concat([pdf.subarray(0, header), Buffer.alloc(junk, 'a'), pdf.subarray(header)]);
		expect(await inspectPdf(padded(4096))).toBe('ok');
		expect(await inspectPdf(padded(2 * MAX_PDF_JUNK_BYTES))).toBe('unreadable');
		const noise = Buffer.concat([latin1('%PDF-1.7\n'), randomBytes(10 * 1024 * 1024)]);
		expect(await inspectPdf(noise)).toBe('unreadable');
	});

	it('10 MB of tiny objects, before they fill the heap', async () => {
		const objects = Array.from(
			{ length: 230_000 },
			(_, i) => `${i + 2} 0 obj<</A[1 2 3]/B<</C 1>>>>endobj\n`
		);
		const pdf = latin1(
			'%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' + objects.join('')
		);
		const heap = process.memoryUsage().heapUsed;
		let peak = heap;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
		try {
			expect(await inspectPdf(pdf)).toBe('unreadable');
		} finally {
			clearInterval(sampler);
		}
		// pdf-lib alone took some 260 MB of heap for this file; the server has 192 MB in all.
		expect(peak - heap).toBeLessThan(128 * 1024 * 1024);
	});
});
