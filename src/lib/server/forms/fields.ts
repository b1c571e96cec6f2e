// Reading form fields safely: a missing field, a file where text was expected, NUL bytes and
// stray control characters all become plain, trimmed text.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// Direction overrides and marks make stored text display as something else (a name with U+202E
// reverses the words after it in a list) and invisible spaces make equal-looking names differ.
// Joiners (U+200C/D) stay: emoji sequences and some scripts need them.
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** A posted value as plain, trimmed text; anything that is not text (a file, nothing) reads as ''. */
export function cleanText(value: unknown): string {
	return typeof value === 'string' ? value.replace(CONTROL, '').replace(INVISIBLE, '').trim() : '';
}

export function field(form: FormData, name: string): string {
	return cleanText(form.get(name));
}

/** A password is taken exactly as typed (no trimming), only refused if it is not text. */
export function secretField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** Length as the domain counts it: code points, so 一 and 👍 are one character each. */
export const chars = (s: string): number => [...s].length;

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** The request's form fields; a body that is not a form reads as an empty form. */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		// A body over BODY_SIZE_LIMIT must stay a 413, not become an empty form.
		if ((e as { status?: number })?.status === 413) throw e;
		return new FormData();
	}
}
