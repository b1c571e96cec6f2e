// How figures read: rates as percentages to one decimal with their fraction, "—" with no base,
// and the 4+2 stages in the procedure's own words.
import { m } from '$lib/paraglide/messages';
import { positionLabel, stepLabel } from '$lib/labels';

/** 871 → "87.1%"; null (no base) → "—". */
export const pct = (permille: number | null): string =>
	permille === null ? '—' : m.fig_percent({ value: (permille / 10).toFixed(1) });

/** "87.1% (27/31)", or "—" when nothing was counted. */
export const rateText = (permille: number | null, part: number, whole: number): string =>
	permille === null
		? '—'
		: `${pct(permille)}${m.punct_paren({ text: m.fig_fraction({ part, whole }) })}`;

/** Days to one decimal, "—" when nothing was counted. */
export const daysText = (d: number | null): string => (d === null ? '—' : d.toFixed(1));

export const stageLabel = (stage: string): string => {
	const step = /^step_(\d)$/.exec(stage);
	if (step) return stepLabel(Number(step[1]));
	return positionLabel({ kind: stage as 'complete' | 'ended' | 'archived' });
};

/** "2026-03" → "3月" / "Mar": the column's label under a monthly chart. */
export const monthShort = (month: string): string =>
	m.fig_month_short({ month: Number(month.slice(5)) });
