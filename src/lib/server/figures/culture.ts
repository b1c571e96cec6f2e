// The village's cultural life in figures (文化生活): the public hall events held each month, by kind,
// and how many took part. Only public activities count: a private wedding or funeral is a
// household's own affair, and a monthly count of them would point at the household.
import type { Db } from '../db';
import { EVENT_KINDS, PRIVATE_KINDS, type EventKind } from '../venues/records';
import { addDays } from '../calendar/dates';
import type { FigureFilter } from './period';

export const CULTURE_KINDS: readonly EventKind[] = EVENT_KINDS.filter(
	(k) => !PRIVATE_KINDS.includes(k)
);

export interface CultureMonth {
	/** 'YYYY-MM' */
	month: string;
	events: number;
	byKind: Partial<Record<EventKind, number>>;
	/** The sum of the attendance recorded (typed counts and QR sign-ins). */
	participants: number;
	/** Events held with no attendance recorded: not in `participants`, and said so. */
	uncounted: number;
}

export interface CultureFigures {
	months: CultureMonth[];
	byKind: Partial<Record<EventKind, number>>;
	events: number;
	participants: number;
	uncounted: number;
}

/** Every month that the period touches, in order, 'YYYY-MM'. */
export function monthsOf(from: string, to: string): string[] {
	const months: string[] = [];
	let [y, mo] = from.split('-').map(Number);
	const last = to.slice(0, 7);
	for (;;) {
		const month = `${y}-${String(mo).padStart(2, '0')}`;
		if (month > last) return months;
		months.push(month);
		mo += 1;
		if (mo > 12) [y, mo] = [y + 1, 1];
	}
}

/**
 * Public, not cancelled hall events that started in the period (its days, both included). The
 * grid filter does not apply: an event on the lake stage belongs to the whole village.
 */
export function cultureFigures(db: Db, f: FigureFilter): CultureFigures {
	const rows = db
		.prepare(
			`select substr(starts_at, 1, 7) as month, kind, count(*) as events,
			   coalesce(sum(attendance), 0) as participants,
			   sum(attendance is null) as uncounted
			 from hall_events
			 where village_id = ? and public = 1 and state = 'booked'
			   and starts_at >= ? and starts_at < ?
			 group by month, kind`
		)
		.all(f.villageId, f.from, addDays(f.to, 1)) as {
		month: string;
		kind: EventKind;
		events: number;
		participants: number;
		uncounted: number;
	}[];
	const months = monthsOf(f.from, f.to).map((month): CultureMonth => ({
		month,
		events: 0,
		byKind: {},
		participants: 0,
		uncounted: 0
	}));
	const byMonth = new Map(months.map((m) => [m.month, m]));
	const byKind: Partial<Record<EventKind, number>> = {};
	for (const r of rows) {
		const m = byMonth.get(r.month)!;
		m.events += r.events;
		m.byKind[r.kind] = (m.byKind[r.kind] ?? 0) + r.events;
		m.participants += r.participants;
		m.uncounted += r.uncounted;
		byKind[r.kind] = (byKind[r.kind] ?? 0) + r.events;
	}
	const sum = (k: 'events' | 'participants' | 'uncounted') => months.reduce((a, m) => a + m[k], 0);
	return {
		months,
		byKind,
		events: sum('events'),
		participants: sum('participants'),
		uncounted: sum('uncounted')
	};
}
