// Formatting shared by the meeting pages (browser-safe: no server imports).
import { m } from '$lib/paraglide/messages';

const COUNT_LABELS: Record<string, () => string> = {
	present: m.count_present,
	adultsTotal: m.count_adultsTotal,
	adultsPresent: m.count_adultsPresent,
	householdsTotal: m.count_householdsTotal,
	householdsRepresented: m.count_householdsRepresented,
	fullTotal: m.count_fullTotal,
	fullPresent: m.count_fullPresent,
	repsTotal: m.count_repsTotal,
	committeeTotal: m.count_committeeTotal,
	membersTotal: m.count_membersTotal,
	yes: m.count_yes
};

/** '3 × present ≥ 2 × (repsTotal + committeeTotal)' → '3 × 实到 ≥ 2 × (村民代表 + 村委会成员)'. */
export function localizeFormula(symbolic: string): string {
	return symbolic.replace(/[A-Za-z]+/g, (name) => COUNT_LABELS[name]?.() ?? name);
}

/** A stored either-or check ('2 × 40 ≥ 100 ∨ 3 × 40 ≥ 2 × 60') with the reader's word for "or". */
export function localizeCheck(formula: string): string {
	return formula.split(' ∨ ').join(` ${m.mtg_new_or()} `);
}

/** 857 → '85.7%': the ratio is shown, never used to decide. */
export function permilleToPercent(permille: number): string {
	return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

/** 125 → '2:05': a speech's length or limit, as a clock face reads it in any language. */
export function formatDuration(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
