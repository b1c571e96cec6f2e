// Strong validators for the public feeds and downloads (calendar, open data): an ETag from the
// exact bytes answered, so a client polling often costs one hash and a 304.
import { createHash } from 'node:crypto';

/** A strong validator of a body's exact bytes. */
export const etagOf = (body: string): string =>
	`"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whether an If-None-Match header names this ETag (a list, or `*`). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === etag || t === '*');
}
