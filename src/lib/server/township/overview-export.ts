// The overview as files for the township's own spreadsheets and tools: CSV (UTF-8 with a BOM, one
// row per village, headers in the reader's language) and JSON (the documented field names of
// docs/domain.md, "The township's overview"). Both carry every rate's counts, so a reader can check each one.
import { m } from '$lib/paraglide/messages';
import { positionLabel, stepLabel } from '$lib/labels';
import { toCsv } from '../csv';
import { STAGES, type Stage } from '../figures/stages';
import type { Township } from '../villages/townships';
import { lateReasonText } from '$lib/township-words';
import type { OverviewRow, Period, Rate } from './overview';

const stageWords = (stage: Stage): string => {
	const step = /^step_(\d)$/.exec(stage);
	if (step) return stepLabel(Number(step[1]));
	return positionLabel({ kind: stage as 'complete' | 'ended' | 'archived' });
};

const percent = (r: Rate) => (r.permille === null ? '—' : (r.permille / 10).toFixed(1));

export function overviewCsv(rows: readonly OverviewRow[]): string {
	return toCsv(
		[
			m.tov_col_village(),
			m.tov_col_late(),
			m.tov_csv_late_reasons(),
			m.tov_col_matters(),
			...STAGES.map(stageWords),
			m.tov_col_without_township(),
			m.tov_col_refused(),
			m.tov_col_disclosure(),
			m.tov_csv_last_general(),
			m.tov_csv_last_finance(),
			m.tov_col_topics(),
			m.tov_col_objections(),
			m.tov_col_cases(),
			`${m.tov_col_acceptance()} %`,
			m.tov_csv_accepted(),
			m.tov_csv_filed(),
			`${m.tov_col_completion()} %`,
			m.tov_csv_completed(),
			m.tov_csv_accepted(),
			`${m.tov_col_satisfaction()} %`,
			m.tov_csv_satisfied(),
			m.tov_csv_rated()
		],
		rows.map((r) => [
			r.village.name,
			r.late ? m.tov_late() : m.tov_on_time(),
			r.lateReasons.map((x) => lateReasonText(x, r)).join(m.list_separator()),
			r.mattersRunning,
			...STAGES.map((s) => r.matters[s]),
			r.withoutTownship,
			r.refused,
			r.disclosure.late ? m.tov_disclosure_late() : m.tov_disclosure_kept(),
			r.disclosure.lastGeneral,
			r.disclosure.lastFinance,
			r.overdue.topics,
			r.overdue.objections,
			r.overdue.cases,
			percent(r.acceptance),
			r.acceptance.part,
			r.acceptance.whole,
			percent(r.completion),
			r.completion.part,
			r.completion.whole,
			percent(r.satisfaction),
			r.satisfaction.part,
			r.satisfaction.whole
		])
	);
}

export interface OverviewDocument {
	generatedAt: string;
	township: { id: number; name: string };
	/** Rates count the service cases filed in this period; everything else stands on `today`. */
	today: string;
	period: Period;
	villages: OverviewRow[];
}

export const overviewDocument = (
	township: Township,
	rows: OverviewRow[],
	today: string,
	period: Period,
	now = new Date()
): OverviewDocument => ({
	generatedAt: now.toISOString(),
	township: { id: township.id, name: township.name },
	today,
	period,
	villages: rows
});
