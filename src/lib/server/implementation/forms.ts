// The implementation page's forms (starting with a plan and budget, reporting progress, completing,
// the supervisors' disclosure), one schema each, parsed by parseForm; longer text is refused.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { optionalId, text, whole } from '../forms';
import {
	BUDGET_SOURCE_MAX,
	MAX_BUDGET_LINES,
	NOTE_MAX,
	OPINION_MAX,
	PLAN_MAX,
	SUMMARY_MAX,
	type BudgetLine
} from './implementation';
import { implRefusal, parseYuan } from './messages';

// An ISO date (YYYY-MM-DD): anything longer is not one; the domain checks the rest.
const DATE = 'YYYY-MM-DD'.length;
// A sum in yuan as typed, separators included: anything longer is not a sum.
const AMOUNT = 32;

/** Budget lines shown on the start form, each a funding source and its amount; empty ones are ignored. */
export const BUDGET_FORM_LINES = Math.min(3, MAX_BUDGET_LINES);
const lines = Array.from({ length: BUDGET_FORM_LINES }, (_, i) => i);

const budgetShape = Object.fromEntries(
	lines.flatMap((i) => [
		[`source${i}`, text(BUDGET_SOURCE_MAX)],
		[`amount${i}`, text(AMOUNT)]
	])
) as Record<string, ReturnType<typeof text>>;
// The lines' fields by name, as the start form's data holds them.
const lineFields = (data: object) => data as Record<string, string>;

export const startForm = z
	.object({
		responsible: optionalId(() => implRefusal('bad_person')),
		plan: text(PLAN_MAX),
		...budgetShape
	})
	.superRefine((data, ctx) => {
		const fields = lineFields(data);
		for (const i of lines) {
			const amount = fields[`amount${i}`];
			if ((fields[`source${i}`] || amount) && parseYuan(amount) === null)
				ctx.addIssue({ code: 'custom', path: [`amount${i}`], message: m.impl_error_bad_budget() });
		}
	});

/** The filled-in budget lines of a parsed start form, amounts in fen. */
export const budgetOf = (data: z.output<typeof startForm>): BudgetLine[] =>
	lines
		.map((i) => ({
			source: lineFields(data)[`source${i}`],
			amount: lineFields(data)[`amount${i}`]
		}))
		.filter((l) => l.source || l.amount)
		.map((l) => ({ source: l.source, amountFen: parseYuan(l.amount) ?? NaN }));

export const progressForm = z.object({
	date: text(DATE),
	// A required whole() is never null; the pipe only tells the type so.
	percent: whole(0, 100, { required: true }).pipe(z.number()),
	spent: text(AMOUNT).transform((s, ctx) => {
		const fen = parseYuan(s);
		if (fen !== null) return fen;
		ctx.addIssue({ code: 'custom', message: m.impl_error_bad_money() });
		return z.NEVER;
	}),
	note: text(NOTE_MAX)
});

export const completeForm = z.object({ date: text(DATE), summary: text(SUMMARY_MAX) });

export const disclosureForm = z.object({ opinion: text(OPINION_MAX) });
