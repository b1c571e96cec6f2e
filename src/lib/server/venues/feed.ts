// What the public calendar feed covers: a month back and six ahead (answered with an ETag from
// http/etag.ts, so a calendar app polling every hour costs one hash and a 304).
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
