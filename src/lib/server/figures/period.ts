// What every figure is counted over: a village, a period of China dates and optionally one grid;
// and the arithmetic they share (whole permille, median and mean days), so each page rounds alike.
import { addDays, isValidDate } from '../calendar/dates';

export interface FigureFilter {
	villageId: number;
	/** First and last day of the period, China dates, both included. */
	from: string;
	to: string;
	/** Only what concerns households of this grid; null for the whole village. */
	gridId: number | null;
}

export const PRESETS = ['month', 'quarter', 'year'] as const;
export type Preset = (typeof PRESETS)[number];

/** The preset period that contains `today`, from its first day to `today`. */
export function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
	const [y, mo] = today.split('-').map(Number);
	const first =
		preset === 'year' ? 1 : preset === 'quarter' ? Math.floor((mo - 1) / 3) * 3 + 1 : mo;
	return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: today };
}

export type PeriodQuery =
	| { ok: true; from: string; to: string; gridId: number | null }
	| { ok: false; reason: 'bad_period'; from: string; to: string; gridId: number | null };

/**
 * The period and grid a GET form asked for. A missing or malformed date falls back to this year
 * so far; a period whose end is before its start, or longer than ten years, is refused (and the
 * fallback shown) rather than silently swapped. A grid not of this village is ignored.
 */
export function parsePeriodQuery(
	params: URLSearchParams,
	today: string,
	gridIds: readonly number[]
): PeriodQuery {
	const preset = params.get('preset');
	const year = presetPeriod('year', today);
	const chosen = PRESETS.includes(preset as Preset) ? presetPeriod(preset as Preset, today) : null;
	const from = chosen?.from ?? pick(params.get('from'), year.from);
	const to = chosen?.to ?? pick(params.get('to'), year.to);
	const grid = Number(params.get('grid'));
	const gridId = Number.isInteger(grid) && gridIds.includes(grid) ? grid : null;
	if (to < from || addDays(from, 3653) < to)
		return { ok: false, reason: 'bad_period', ...year, gridId };
	return { ok: true, from, to, gridId };
}

const pick = (v: string | null, fallback: string) => (v && isValidDate(v) ? v : fallback);

/** A share as whole tenths of a percent (受理率 871 = 87.1 %); null when there is no base. */
export const permille = (part: number, whole: number): number | null =>
	whole === 0 ? null : Math.round((1000 * part) / whole);

export interface Days {
	count: number;
	/** Days to one decimal; null when nothing was counted. */
	median: number | null;
	mean: number | null;
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/** Median and mean of durations in days. The median of an even count is the mean of the middle two. */
export function daysOf(values: readonly number[]): Days {
	if (values.length === 0) return { count: 0, median: null, mean: null };
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
	return {
		count: s.length,
		median: tenth(median),
		mean: tenth(s.reduce((a, b) => a + b, 0) / s.length)
	};
}

/** The months (YYYY-MM) from the month of `from` to the month of `to`, in order. */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, mo] = from.slice(0, 7).split('-').map(Number);
	const end = to.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(mo).padStart(2, '0')}`;
		if (key > end) return out;
		out.push(key);
		mo = mo === 12 ? 1 : mo + 1;
		if (mo === 1) y++;
	}
}

/**
 * The SQL condition "this household is in the filter's grid", on a household id expression; true
 * when there is no grid. Bound as @grid.
 */
export const inGrid = (householdIdSql: string) =>
	`(@grid is null or ${householdIdSql} in (select id from households where grid_id = @grid))`;

/**
 * The filter as named parameters. Timestamps are stored in UTC: @fromUtc and @toUtc bound a China
 * date range on them (from 00:00 on `from` to before 00:00 after `to`, China time), so the indexes
 * on the raw column serve it.
 */
export const bind = (f: FigureFilter) => ({
	village: f.villageId,
	from: f.from,
	to: f.to,
	fromUtc: `${addDays(f.from, -1)}T16:00:00.000Z`,
	toUtc: `${f.to}T16:00:00.000Z`,
	grid: f.gridId
});
