/**
 * Whether an uploaded PDF may be stored: parsed with @cantoo/pdf-lib (the maintained fork of
 * pdf-lib), never searched as bytes, so names hidden in compressed object streams or written
 * with `#` escapes (`/J#61vaScript`) are seen as a reader sees them.
 *
 * Every dictionary the parser builds is checked, including objects that a later revision of the
 * file replaces (a reader following an old cross-reference table would still use them), objects
 * inside object streams, and objects hidden inside other streams' data. Refused: scripts, actions
 * that start programs, fetch or submit data or open other files, automatic triggers, embedded files,
 * rich media, 3D and XFA forms; link annotations (/URI) to web and mail addresses stay, since a
 * reader asks before following them and notices carry them.
 */
import {
	PDFArray,
	PDFContext,
	PDFDict,
	PDFHexString,
	PDFName,
	PDFObject,
	PDFObjectStreamParser,
	PDFParser,
	PDFRawStream,
	PDFRef,
	PDFString,
	decodePDFRawStream
} from '@cantoo/pdf-lib';
import { constants, inflateSync } from 'node:zlib';

export type PdfVerdict = 'ok' | 'active' | 'encrypted' | 'unreadable';

/**
 * All object-stream data this check decodes for one file. Real object streams hold a few megabytes
 * of dictionaries at most; a Flate or RunLength bomb would otherwise grow a 10 MB upload into
 * gigabytes.
 */
export const MAX_PDF_DECODED_BYTES = 32 * 1024 * 1024;
/**
 * Every number, name, array and dictionary parsed counts: pdf-lib keeps about 140 bytes of heap
 * for each, and 10 MB of tiny objects would otherwise take more than the server's whole heap.
 * Long tagged documents have a few hundred thousand.
 */
export const MAX_PDF_VALUES = 400_000;
/**
 * Bytes between objects that are neither an object, a cross-reference section nor a trailer. pdf-lib
 * skips such junk a byte at a time, trying four keywords at each (about 2 µs a byte), and never
 * yields meanwhile: a 10 MB upload of random bytes after `%PDF-` held the server for 20 s. A real
 * file has none, or a little padding; past this much it is refused as unreadable.
 */
export const MAX_PDF_JUNK_BYTES = 256 * 1024;
/** Objects hidden in another stream's data may hide more; a real file never nests at all. */
const MAX_NESTING = 2;
const CHUNK = 64 * 1024;
/** Lets other requests run while a large file is parsed. */
const OBJECTS_PER_TICK = 1000;

const name = (value: string) => PDFName.of(value);

/** Keys whose presence alone means script, an automatic trigger or a carried file. */
const REFUSED_KEYS = new Set(
	[
		'JS',
		'JavaScript',
		'AA',
		'XFA',
		'EmbeddedFiles',
		'EF',
		'RichMediaContent',
		'RichMediaSettings',
		'3DD'
	].map(name)
);

/** Values of /S (action), /Type and /Subtype that run code, leave the file or carry other files. */
const REFUSED_KINDS = new Set(
	[
		'JavaScript',
		'Launch',
		'SubmitForm',
		'ImportData',
		'GoToR',
		'GoToE',
		'Rendition',
		'RichMediaExecute',
		'EmbeddedFile',
		'RichMedia',
		'FileAttachment',
		'3D'
	].map(name)
);
const KIND_KEYS = ['S', 'Type', 'Subtype'].map(name);

const TYPE = name('Type');
const FILTER = name('Filter');
const DECODE_PARMS = name('DecodeParms');
const OBJ_STM = name('ObjStm');
const N = name('N');
const FIRST = name('First');
const XREF = name('XRef');
const ENCRYPT = name('Encrypt');
const OPEN_ACTION = name('OpenAction');
const GO_TO = name('GoTo');
const S = name('S');
const URI = name('URI');
const CATALOG = name('Catalog');
const ROOT = name('Root');
const LINK_SCHEMES = /^(https?|mailto):/i;

const OBJECT_HEADER = /\d+\s+\d+\s+obj\b/;

interface Inspection {
	budget: number;
	valuesLeft: number;
	junkLeft: number;
	overBudget: boolean;
	undecodable: boolean;
	dictionaries: PDFDict[];
	objectStreams: PDFRawStream[];
	streamsWithObjects: Uint8Array[];
	/** Cross-reference stream dictionaries, which carry the trailer's /Root. */
	trailers: PDFDict[];
}

function latin1(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function filtersOf(dict: PDFDict): PDFName[] | null {
	const filter = dict.lookup(FILTER);
	if (filter === undefined) return [];
	if (filter instanceof PDFName) return [filter];
	if (!(filter instanceof PDFArray)) return null;
	const names = filter.asArray().map((f) => dict.context.lookup(f));
	return names.every((f) => f instanceof PDFName) ? (names as PDFName[]) : null;
}

const FLATE = name('FlateDecode');
const BOUNDED_BY_BLOCK = new Set(
	['LZWDecode', 'ASCII85Decode', 'ASCIIHexDecode', 'RunLengthDecode'].map(name)
);

/**
 * The stream's data with its filters undone, or null past the budget or for a filter that cannot
 * carry objects. Flate goes through zlib with an output cap, since one Flate block can expand
 * without end; the others decode in small blocks, read here a chunk at a time.
 */
function decodeBounded(stream: PDFRawStream, inspection: Inspection): Uint8Array | null {
	const filters = filtersOf(stream.dict);
	if (!filters) return null;
	let data: Uint8Array = stream.contents;
	for (const filter of filters) {
		if (filter === FLATE) {
			try {
				data = inflateSync(data, {
					maxOutputLength: Math.max(inspection.budget, 1),
					finishFlush: constants.Z_SYNC_FLUSH
				});
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
					inspection.overBudget = true;
				}
				return null;
			}
		} else if (BOUNDED_BY_BLOCK.has(filter)) {
			const single = PDFDict.withContext(stream.dict.context);
			single.set(FILTER, filter);
			const decoder = decodePDFRawStream(PDFRawStream.of(single, data));
			const parts: Uint8Array[] = [];
			let total = 0;
			for (let part = decoder.getBytes(CHUNK); part.length > 0; part = decoder.getBytes(CHUNK)) {
				total += part.length;
				if (total > inspection.budget) {
					inspection.overBudget = true;
					return null;
				}
				parts.push(Buffer.from(part));
			}
			data = Buffer.concat(parts);
		} else {
			return null;
		}
		if (data.length > inspection.budget) {
			inspection.overBudget = true;
			return null;
		}
	}
	inspection.budget -= data.length;
	return data;
}

class TooManyValues extends Error {}

/** The parts of pdf-lib's parser that skipping junk uses (private or protected there). */
interface JunkSkipper {
	skipJibberish: () => void;
	skipWhitespaceAndComments(): void;
	matchKeyword(keyword: number[]): boolean;
	matchIndirectObjectHeader(): boolean;
	bytes: {
		done(): boolean;
		offset(): number;
		peek(): number;
		next(): number;
		moveTo(o: number): void;
	};
}

const keyword = (word: string) => [...word].map((c) => c.charCodeAt(0));
const XREF_KEYWORD = keyword('xref');
const TRAILER_KEYWORD = keyword('trailer');
const STARTXREF_KEYWORD = keyword('startxref');
const SPACE = 0x20;
const TILDE = 0x7e;

function countValue(inspection: Inspection): void {
	if (--inspection.valuesLeft >= 0) return;
	inspection.overBudget = true;
	throw new TooManyValues();
}

/** A stream pdf-lib will not expand or decode. */
function inert(dict: PDFDict): PDFRawStream {
	const copy = dict.clone();
	for (const key of [TYPE, FILTER, DECODE_PARMS]) copy.delete(key);
	return PDFRawStream.of(copy, new Uint8Array(0));
}

function collect(object: PDFObject, inspection: Inspection): void {
	if (object instanceof PDFDict) inspection.dictionaries.push(object);
	else if (object instanceof PDFRawStream) inspection.dictionaries.push(object.dict);
}

/**
 * pdf-lib's parser, except that it expands no object stream and decodes no cross-reference stream
 * itself (it would decode them whole): object streams are decoded here within the budget and
 * expanded afterwards, counted; cross-reference tables are not needed, since every object in the
 * file is read. Every object it builds is recorded.
 */
class InspectingParser extends PDFParser {
	constructor(
		bytes: Uint8Array,
		private readonly inspection: Inspection,
		strict: boolean
	) {
		super(bytes, OBJECTS_PER_TICK, strict);
		// pdf-lib's own skipJibberish, with a budget (MAX_PDF_JUNK_BYTES); it is private there.
		const self = this as unknown as JunkSkipper;
		self.skipJibberish = () => {
			self.skipWhitespaceAndComments();
			while (!self.bytes.done()) {
				const at = self.bytes.offset();
				const byte = self.bytes.peek();
				if (
					byte >= SPACE &&
					byte <= TILDE &&
					(self.matchKeyword(XREF_KEYWORD) ||
						self.matchKeyword(TRAILER_KEYWORD) ||
						self.matchKeyword(STARTXREF_KEYWORD) ||
						self.matchIndirectObjectHeader())
				) {
					self.bytes.moveTo(at);
					return;
				}
				if (--inspection.junkLeft < 0) {
					inspection.overBudget = true;
					throw new TooManyValues();
				}
				self.bytes.next();
			}
		};
	}

	override parseObject(ref?: PDFRef): PDFObject {
		countValue(this.inspection);
		const object = super.parseObject(ref);
		collect(object, this.inspection);
		if (!(object instanceof PDFRawStream)) return object;
		// Readers find compressed objects through the cross-reference stream, whatever the
		// holding stream's /Type says; /N and /First are what they read it by.
		const holdsObjects = object.dict.has(N) && object.dict.has(FIRST);
		const type = holdsObjects ? OBJ_STM : object.dict.lookup(TYPE);
		if (type === XREF) {
			this.inspection.trailers.push(object.dict);
			return inert(object.dict);
		}
		if (type !== OBJ_STM) {
			if (OBJECT_HEADER.test(latin1(object.contents))) {
				this.inspection.streamsWithObjects.push(object.contents);
			}
			return object;
		}
		// Throwing here would only make the parser skip the object as invalid; the verdict reads
		// the flags instead.
		const decoded = decodeBounded(object, this.inspection);
		if (decoded)
			this.inspection.objectStreams.push(PDFRawStream.of(inert(object.dict).dict, decoded));
		else this.inspection.undecodable = true;
		return inert(object.dict);
	}
}

/** Expands an object stream again, this time recording what it holds. */
class InspectingObjectStreamParser extends PDFObjectStreamParser {
	constructor(
		stream: PDFRawStream,
		private readonly inspection: Inspection
	) {
		super(stream);
	}

	override parseObject(ref?: PDFRef): PDFObject {
		countValue(this.inspection);
		const object = super.parseObject(ref);
		collect(object, this.inspection);
		return object;
	}
}

function textOf(value: PDFObject | undefined): string | null {
	return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function isActive(dict: PDFDict): boolean {
	for (const key of dict.keys()) if (REFUSED_KEYS.has(key)) return true;
	for (const key of KIND_KEYS) {
		const value = dict.get(key);
		if (value instanceof PDFName && REFUSED_KINDS.has(value)) return true;
	}
	if (dict.get(S) === URI) {
		const target = textOf(dict.lookup(URI));
		if (target === null || !LINK_SCHEMES.test(target.trim())) return true;
	}
	// Opening the file may show a page, and nothing else: no link followed, no menu item run.
	if (dict.has(OPEN_ACTION)) {
		const action = dict.lookup(OPEN_ACTION);
		if (action instanceof PDFDict && action.get(S) !== GO_TO) return true;
		if (action !== undefined && !(action instanceof PDFDict || action instanceof PDFArray)) {
			return true;
		}
	}
	return false;
}

async function parseInto(
	bytes: Uint8Array,
	inspection: Inspection,
	strict: boolean
): Promise<PDFContext> {
	return new InspectingParser(bytes, inspection, strict).parseDocument();
}

/**
 * Expands the object streams found so far, then parses stream data that holds something like an
 * object header: a cross-reference offset may point a reader into it.
 */
async function inspectNested(inspection: Inspection): Promise<void> {
	let expanded = 0;
	for (let depth = 0; ; depth++) {
		while (expanded < inspection.objectStreams.length) {
			const stream = inspection.objectStreams[expanded++];
			await new InspectingObjectStreamParser(stream, inspection).parseIntoContext();
		}
		const hidden = inspection.streamsWithObjects.splice(0);
		if (hidden.length === 0) return;
		if (depth >= MAX_NESTING) {
			inspection.undecodable = true;
			return;
		}
		for (const data of hidden) {
			const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), data]);
			// Data that merely looks like an object header is no object to a reader either.
			await parseInto(body, inspection, false).catch(() => undefined);
		}
	}
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
	const inspection: Inspection = {
		budget: MAX_PDF_DECODED_BYTES,
		valuesLeft: MAX_PDF_VALUES,
		junkLeft: MAX_PDF_JUNK_BYTES,
		overBudget: false,
		undecodable: false,
		dictionaries: [],
		objectStreams: [],
		streamsWithObjects: [],
		trailers: []
	};
	let context: PDFContext;
	try {
		// Strict: an object pdf-lib cannot parse is one whose meaning to a reader we do not know.
		context = await parseInto(bytes, inspection, true);
		await inspectNested(inspection);
	} catch {
		return 'unreadable';
	}
	// Names stay readable in an encrypted file, but strings and streams (object streams, XFA)
	// do not, so what it would do cannot be known.
	if (context.trailerInfo.Encrypt || inspection.dictionaries.some((d) => d.has(ENCRYPT))) {
		return 'encrypted';
	}
	if (inspection.overBudget || inspection.undecodable) return 'unreadable';
	const root = context.trailerInfo.Root ?? inspection.trailers.find((d) => d.has(ROOT))?.get(ROOT);
	const catalog = context.lookup(root);
	if (!(catalog instanceof PDFDict) || catalog.lookup(TYPE) !== CATALOG) return 'unreadable';
	return inspection.dictionaries.some(isActive) ? 'active' : 'ok';
}
