// What the public calendar feed covers and how it is answered: a month back and six ahead, with an
// ETag from its text, so a calendar app polling every hour costs one hash and a 304.
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { publicCalendar, type CalendarItem } from './calendar';

export const FEED_DAYS_BACK = 31;
export const FEED_DAYS_AHEAD = 183;

/** The public entries the feed lists around `now`, cancelled ones included (marked CANCELLED). */
export function feedItems(db: Db, villageId: number, now = new Date()): CalendarItem[] {
	const today = todayInChina(now);
	return publicCalendar(
		db,
		villageId,
		addDays(today, -FEED_DAYS_BACK),
		addDays(today, FEED_DAYS_AHEAD + 1),
		{ withCancelled: true }
	);
}

/** A strong validator of the feed's exact bytes. */
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
