// The weekly poster for the hall's notice board (本周活动): the week's public entries, every day of
// it listed, and a QR code to the public calendar so a passer-by can keep it on their phone.
import QRCode from 'qrcode';
import type { Db } from '../db';
import { publicCalendar, weekOf, type CalendarItem } from './calendar';

export interface Poster {
	from: string;
	/** The Sunday: the poster says "Monday … to Sunday …". */
	to: string;
	previous: string;
	next: string;
	days: { date: string; items: CalendarItem[] }[];
	calendarUrl: string;
	/** The QR code of calendarUrl, as SVG. */
	qr: string;
}

/**
 * The poster of the week holding `date`, or null for a date that is not one. Cancelled events are
 * left off: a printed sheet cannot strike one out later, and the online calendar says they are off.
 */
export async function weeklyPoster(
	db: Db,
	villageId: number,
	villageSlug: string,
	date: string,
	origin: string
): Promise<Poster | null> {
	const week = weekOf(date);
	if (!week) return null;
	const items = publicCalendar(db, villageId, week.from, week.to, { withCancelled: false });
	const calendarUrl = new URL(`/${villageSlug}/calendar`, origin).href;
	return {
		from: week.from,
		to: week.days[6],
		previous: week.previous,
		next: week.next,
		days: week.days.map((d) => ({ date: d, items: items.filter((i) => i.startsAt.startsWith(d)) })),
		calendarUrl,
		qr: await QRCode.toString(calendarUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	};
}
