// One zod schema per form, parsed from FormData with the sanitising of fields.ts and messages
// from the catalogue, so every action reports bad input the same way, in the visitor's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { chars, cleanText, type FieldErrors } from './fields';

// What a value posted under one name arrives as: nothing, one entry, or several (a repeated key).
type Posted = FormDataEntryValue | FormDataEntryValue[] | undefined;

// A refused form comes back with what was typed, so a text a little over its limit can be trimmed
// rather than typed again; a 1 MB paste is not sent back whole. Fields without a limit echo this.
const ECHO_MAX = 5000;
const ECHO_OVER_LIMIT = 1000;
const limits = new WeakMap<z.ZodType, number>();

// Schemas whose value must never be echoed back to the page.
const secrets = new WeakSet<z.ZodType>();
// Schemas that read every value posted under their name, echoed back as a list.
const lists = new WeakSet<z.ZodType>();

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const asText = (v: unknown): string => cleanText(first(v));

const required = () => m.error_required();

/**
 * Trimmed, sanitised text of at most `max` characters (code points). Longer text is refused with
 * a message naming the limit, never cut. Missing or not text (a file) reads as ''.
 */
export function text(max: number, opts: { required?: boolean | (() => string) } = {}) {
	const missing = typeof opts.required === 'function' ? opts.required : required;
	const base = opts.required ? z.string().min(1, { error: missing, abort: true }) : z.string();
	const schema = z.preprocess(
		asText,
		base.refine((s) => chars(s) <= max, { error: () => m.error_too_long({ max }) })
	);
	limits.set(schema, max);
	return schema;
}

/** A password: taken exactly as typed (not trimmed), never echoed; required. */
export function secret() {
	const schema = z.preprocess(
		(v) => (typeof first(v) === 'string' ? first(v) : ''),
		z.string().min(1, { error: required })
	);
	secrets.add(schema);
	return schema;
}

/** One of a fixed list of values (a select or radio group). */
export function choice<const T extends readonly [string, ...string[]]>(
	values: T,
	message: () => string = () => m.error_choose_one()
) {
	return z.preprocess(asText, z.enum(values, { error: message }));
}

// Ids are at most 15 digits and positive: beyond that they are not ids but attempts to overflow.
const ID = /^\d{1,15}$/;
const toId = (s: string): number => (ID.test(s) && Number(s) > 0 ? Number(s) : NaN);

/** A row id (positive integer); empty or malformed is refused with `message`. */
export function id(message: () => string = required) {
	return z.preprocess((v) => toId(asText(v)), z.number({ error: message }));
}

/** A row id or nothing: '' reads as null, a malformed id is refused. */
export function optionalId(message: () => string = () => m.error_choose_one()) {
	return z.preprocess(
		(v) => {
			const s = asText(v);
			return s === '' ? null : toId(s);
		},
		z.number({ error: message }).nullable()
	);
}

/** A whole number between min and max (inclusive); anything else is refused, never rounded. */
export function whole(min: number, max: number, opts: { required?: boolean } = {}) {
	const range = () => m.error_number_range({ min, max });
	const n = z
		.number({ error: () => m.error_whole_number() })
		.int({ error: () => m.error_whole_number() })
		.min(min, { error: range })
		.max(max, { error: range });
	return z.preprocess(
		(v) => {
			const s = asText(v);
			if (s === '') return opts.required ? undefined : null;
			return /^-?\d{1,15}$/.test(s) ? Number(s) : NaN;
		},
		opts.required ? z.number({ error: required }).pipe(n) : n.nullable()
	);
}

/** A checkbox: ticked when posted with any non-empty value. */
export function checkbox() {
	return z.preprocess((v) => asText(v) !== '', z.boolean());
}

/** Every value posted under the name (checkbox groups, repeated selects), sanitised, empty dropped. */
export function textList(max: number) {
	const schema = z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(cleanText).filter(Boolean),
		z.array(z.string().refine((s) => chars(s) <= max, { error: () => m.error_too_long({ max }) }))
	);
	lists.add(schema);
	return schema;
}

/**
 * An uploaded file of at most `maxBytes`. Nothing, an empty file or text where the file should be
 * is refused with `missing`; a larger file with `tooBig`, before anything reads its bytes.
 */
export function file(maxBytes: number, messages: { missing: () => string; tooBig: () => string }) {
	return z.preprocess(
		(v) => {
			const f = first(v);
			return f instanceof File && f.size > 0 ? f : undefined;
		},
		z
			.instanceof(File, { error: messages.missing })
			.refine((f) => f.size <= maxBytes, { error: messages.tooBig })
	);
}

// Messages for issues a builder did not word itself (a schema written with plain z.* calls).
const fallback: z.core.$ZodErrorMap = (issue) => {
	if (issue.input === undefined || issue.input === '' || issue.input === null) return required();
	if (issue.code === 'too_big' && issue.origin === 'string')
		return m.error_too_long({ max: Number(issue.maximum) });
	if (issue.code === 'invalid_value') return m.error_choose_one();
	return m.error_invalid();
};

/** What was posted, sanitised, to fill the form in again; a secret always reads as ''. */
export type FormValues<T> = {
	[K in keyof T]: T[K] extends readonly unknown[] ? string[] : string;
};

export type ParsedForm<T> =
	| { ok: true; data: T; values: FormValues<T> }
	| { ok: false; errors: FieldErrors<Extract<keyof T, string>>; values: FormValues<T> };

/** The first refusal, for forms that show one message rather than one per field. */
export const firstError = (errors: FieldErrors): string => Object.values(errors)[0] ?? '';

/**
 * Reads the schema's fields from the form and validates them. On failure: the first message for
 * each field, and the sanitised values to show the form again with (secrets left out).
 */
export function parseForm<S extends z.ZodObject>(
	schema: S,
	form: FormData
): ParsedForm<z.output<S>> {
	const raw: Record<string, Posted> = {};
	const values: Record<string, string | string[]> = {};
	for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
		const all = form.getAll(key);
		raw[key] = all.length > 1 ? all : all[0];
		const limit = limits.get(fieldSchema);
		const cap = limit === undefined ? ECHO_MAX : limit + ECHO_OVER_LIMIT;
		const echo = (v: unknown) => [...cleanText(v)].slice(0, cap).join('');
		if (lists.has(fieldSchema)) values[key] = all.map(echo).filter(Boolean);
		else values[key] = secrets.has(fieldSchema) ? '' : echo(all[0]);
	}
	const result = schema.safeParse(raw, { error: fallback });
	const echoed = values as FormValues<z.output<S>>;
	if (result.success) return { ok: true, data: result.data, values: echoed };
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? '');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors, values: echoed };
}
