// Reading an uploaded roster file into a header and data rows of plain strings. The type is told
// by the bytes, not the name: clerks rename files, and some systems export text as ".xls".
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { formatDate } from './calendar';
import { isBlankRow } from './cell';
import { looksLikeHeader } from './columns';

export const MAX_DATA_ROWS = 20_000;
/** The largest roster file taken for upload, before anything reads it. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/**
 * All of a workbook's XML, unpacked. A roster at the row limit unpacks to about 12 MB (inline
 * strings; shared strings make it smaller), and read-excel-file holds about six times the XML's
 * size while it parses, so this keeps one import near 100 MB.
 */
export const MAX_XLSX_UNPACKED_BYTES = 16 * 1024 * 1024;
/** The header may sit below a title row or two ("新阳村村民花名册"); we look this far. */
const HEADER_SEARCH_ROWS = 10;

export type ReadFailure =
	'unsupported_type' | 'empty' | 'unreadable' | 'too_many_rows' | 'too_large_unpacked';

export interface SheetRow {
	/** 1-based row number as the clerk sees it in Excel. */
	line: number;
	cells: string[];
}

export type ReadResult =
	| { ok: true; header: string[]; headerLine: number; rows: SheetRow[] }
	| { ok: false; reason: ReadFailure };

type FileKind = 'xlsx' | 'xls' | 'binary' | 'text';

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return magic.every((byte, i) => bytes[i] === byte);
}

function detectKind(bytes: Uint8Array): FileKind {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text';
	// PDFs, images and other binaries carry NUL bytes early on; text files never do.
	return bytes.subarray(0, 8192).includes(0) ? 'binary' : 'text';
}

/** A zip that is not a workbook (an .ods, a .docx) is the wrong type rather than a broken file. */
function isWorkbookName(fileName: string): boolean {
	return /\.(xlsx|xlsm)$/i.test(fileName);
}

/**
 * Decodes CSV bytes: a BOM decides; otherwise strict UTF-8; otherwise GB18030, the superset of
 * the GBK that Chinese Excel writes by default.
 */
export function decodeText(bytes: Uint8Array): string {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes);
	if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
	if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** All records of a CSV text, blank ones included, so that index + 1 is the Excel row number. */
export function parseCsvRecords(text: string): string[][] {
	const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		header: false,
		skipEmptyLines: false,
		dynamicTyping: false
	});
	return result.data;
}

/** Marks a numeric xlsx cell so that it is converted from its exact stored text. */
class StoredNumber {
	constructor(readonly text: string) {}
}

/**
 * Integers (phone numbers, Excel date serials) as plain digits rather than 1.38e10. A number too
 * long for Excel's 15 significant digits (an ID number typed into a number cell) keeps its
 * scientific form, so that row validation can tell the clerk that its last digits are lost.
 */
export function numberCellText(stored: string): string {
	if (/^-?\d+$/.test(stored)) return stored;
	const value = Number(stored);
	if (!Number.isFinite(value)) return stored;
	if (Number.isSafeInteger(value)) return String(value);
	if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return value.toExponential().toUpperCase();
	return String(value);
}

/**
 * read-excel-file builds a date cell as midnight UTC of the day shown in Excel, so the UTC fields
 * give that calendar day whatever the server's time zone.
 */
function dateCellText(date: Date): string {
	return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function xlsxCellText(value: unknown): string {
	if (value == null) return '';
	if (value instanceof StoredNumber) return numberCellText(value.text);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateCellText(value);
	return String(value);
}

/** The parts read-excel-file reads; pictures and printer settings stay packed. */
const isXmlPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/**
 * The workbook's XML parts, unpacked within MAX_XLSX_UNPACKED_BYTES, or null when the sizes the
 * zip's central directory declares add up to more. fflate inflates each part into a buffer of its
 * declared size, so an archive that understates a size gets a truncated part, never more memory.
 */
function unpackXlsx(bytes: Uint8Array): Unzipped | null {
	let declared = 0;
	unzipSync(bytes, {
		filter: (file) => {
			if (isXmlPart(file.name)) declared += file.originalSize;
			return false;
		}
	});
	if (declared > MAX_XLSX_UNPACKED_BYTES) return null;
	return unzipSync(bytes, { filter: (file) => isXmlPart(file.name) });
}

async function readXlsxRecords(bytes: Uint8Array): Promise<string[][] | { reason: ReadFailure }> {
	const parts = unpackXlsx(bytes);
	if (!parts) return { reason: 'too_large_unpacked' };
	// read-excel-file unzips again, by the local headers, which may list other parts than the
	// central directory did: it gets an archive of only the parts checked here, stored uncompressed.
	const checked = zipSync(parts, { level: 0 });
	const data = await readSheet<StoredNumber>(
		Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength),
		{ parseNumber: (text) => new StoredNumber(text), trim: false }
	);
	// readSheet keeps empty rows inside the data, so index + 1 is the sheet's row number.
	return data.map((row) => row.map(xlsxCellText));
}

/** Finds the header among the first rows and numbers the non-blank rows after it. */
export function splitHeader(
	records: string[][]
):
	| { ok: true; header: string[]; headerLine: number; rows: SheetRow[] }
	| { ok: false; reason: ReadFailure } {
	const numbered = records
		.map((cells, i) => ({ line: i + 1, cells }))
		.filter((row) => !isBlankRow(row.cells));
	if (numbered.length === 0) return { ok: false, reason: 'empty' };
	const found = numbered
		.slice(0, HEADER_SEARCH_ROWS)
		.findIndex((row) => looksLikeHeader(row.cells));
	// Without a recognisable header the first row stands in for it, and validation then lists the
	// missing columns, which tells the clerk more than "unreadable" would.
	const headerIndex = Math.max(found, 0);
	const rows = numbered.slice(headerIndex + 1);
	if (rows.length === 0) return { ok: false, reason: 'empty' };
	if (rows.length > MAX_DATA_ROWS) return { ok: false, reason: 'too_many_rows' };
	const { line: headerLine, cells: header } = numbered[headerIndex];
	return { ok: true, header, headerLine, rows };
}

/** Some systems save an HTML or XML table as ".xls"; that is not a CSV either. */
function readTextRecords(text: string): string[][] | { reason: ReadFailure } {
	if (/^[\uFEFF\s]*</.test(text)) return { reason: 'unsupported_type' };
	return parseCsvRecords(text);
}

async function readRecords(
	bytes: Uint8Array,
	fileName: string
): Promise<string[][] | { reason: ReadFailure }> {
	const kind = detectKind(bytes);
	if (kind === 'xls' || kind === 'binary') return { reason: 'unsupported_type' };
	if (kind === 'text') return readTextRecords(decodeText(bytes));
	try {
		return await readXlsxRecords(bytes);
	} catch {
		return { reason: isWorkbookName(fileName) ? 'unreadable' : 'unsupported_type' };
	}
}

export async function readRosterFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
	if (bytes.length === 0) return { ok: false, reason: 'empty' };
	const records = await readRecords(bytes, fileName);
	if (!Array.isArray(records)) return { ok: false, ...records };
	return splitHeader(records);
}
