// Reading the topic form: one place for the limits a villager's text must keep.
import { m } from '$lib/paraglide/messages';
import { field, type FieldErrors } from '../forms';
import { CATEGORIES, type Category } from './rules';
import type { TopicInput } from './records';

export const LIMITS = {
	title: 80,
	description: 5000,
	place: 100,
	affected: 200,
	funding: 300,
	opinion: 500
};

const chars = (s: string) => [...s].length;

/** Yuan with up to two decimals → fen, or null when empty; undefined when not a sum of money. */
export function parseYuan(text: string): number | null | undefined {
	const t = text.replace(/[,，\s元¥￥]/g, '');
	if (!t) return null;
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return undefined;
	const [yuan, fen = ''] = t.split('.');
	return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

export function readTopicForm(form: FormData): {
	values: Record<string, string>;
	errors: FieldErrors;
	input: TopicInput | null;
} {
	const values = {
		title: field(form, 'title'),
		description: field(form, 'description'),
		category: field(form, 'category'),
		place: field(form, 'place'),
		affected: field(form, 'affected'),
		cost: field(form, 'cost'),
		funding: field(form, 'funding')
	};
	const errors: FieldErrors = {};
	if (!values.title) errors.title = m.error_required();
	for (const key of ['title', 'description', 'place', 'affected', 'funding'] as const) {
		if (chars(values[key]) > LIMITS[key]) errors[key] = m.error_too_long({ max: LIMITS[key] });
	}
	if (!values.description) errors.description = m.error_required();
	if (!(CATEGORIES as readonly string[]).includes(values.category))
		errors.category = m.error_choose_one();
	const cost = parseYuan(values.cost);
	if (cost === undefined) errors.cost = m.topic_cost_invalid();
	// Echo at most what the fields accept: a 1 MB paste is not sent back to the phone.
	const echoed = Object.fromEntries(
		Object.entries(values).map(([k, v]) => [k, v.slice(0, LIMITS.description)])
	);
	if (Object.keys(errors).length) return { values: echoed, errors, input: null };
	return {
		values: echoed,
		errors,
		input: {
			title: values.title,
			description: values.description,
			category: values.category as Category,
			place: values.place,
			affected: values.affected,
			estimatedCostFen: cost ?? null,
			funding: values.funding
		}
	};
}
