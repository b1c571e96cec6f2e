// What the chart components share: the rows they draw, their spoken summary and their colours.
// Every colour has at least 3:1 against white (WCAG 1.4.11) and white text on it at least 4.5:1;
// none carries meaning alone, since every bar is labelled with its number and its table is beside it.
import { m } from '$lib/paraglide/messages';

export interface ChartRow {
	label: string;
	/** One value a series; a plain bar or column chart has one series. */
	values: number[];
	/** What the reader is told for the row, e.g. "12" or "80.0% (8/10)". */
	text: string;
}

export const SERIES_COLOURS = ['#0b4f9c', '#8a4b00', '#1e6b30', '#4a4a4a', '#6b2c91'];

/** The chart's aria-label: its title, then each row's label and text. */
export const summaryOf = (title: string, rows: readonly ChartRow[]) =>
	m.punct_labelled({
		label: title,
		value: rows
			.map((r) => m.punct_labelled({ label: r.label, value: r.text }))
			.join(m.list_separator())
	});
