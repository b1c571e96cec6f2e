// The service window's forms: filing a request (for oneself or on a villager's behalf, with the
// same consent as a topic) and the village's categories, one schema each.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, optionalId, text } from '../forms';
import { consentTime } from '../topics/form';
import { ON_BEHALF_CHANNELS } from '../topics/rules';
import { CATEGORY_NAME_MAX } from './categories';
import { CATEGORIES_MAX, type CategoryEdit } from './categories-settings';
import type { CaseOnBehalf, ServiceRequestInput } from './filing';
import { CASE_TEXT_MAX, CASE_TITLE_MAX } from './records';

// Short fields whose value comes from a list or a picker: anything longer is not a choice.
const SHORT = 64;

export const fileServiceForm = z
	.object({
		category: text(SHORT, { required: () => m.error_choose_one() }),
		title: text(CASE_TITLE_MAX, { required: () => m.service_title_required() }),
		description: text(CASE_TEXT_MAX),
		urgent: checkbox(),
		forPerson: optionalId(() => m.topic_not_your_villager()),
		channel: text(SHORT),
		consentKind: text(SHORT),
		consentAt: text(SHORT)
	})
	.superRefine((f, ctx) => {
		if (f.forPerson === null) return;
		if (!(ON_BEHALF_CHANNELS as readonly string[]).includes(f.channel))
			ctx.addIssue({ code: 'custom', path: ['channel'], message: m.error_choose_one() });
		if (f.consentKind !== 'signed_note' && f.consentKind !== 'read_back')
			ctx.addIssue({ code: 'custom', path: ['consentKind'], message: m.topic_consent_required() });
		if (f.consentKind === 'read_back' && Number.isNaN(consentTime(f.consentAt).getTime()))
			ctx.addIssue({
				code: 'custom',
				path: ['consentAt'],
				message: m.topic_consent_time_required()
			});
	});

type FileServiceForm = z.output<typeof fileServiceForm>;

export const serviceRequestInput = (f: FileServiceForm): ServiceRequestInput => ({
	category: f.category,
	title: f.title,
	description: f.description,
	urgent: f.urgent
});

/** The on-behalf record of a request filed for a villager; undefined when filed for oneself. */
export function serviceOnBehalf(f: FileServiceForm): CaseOnBehalf | undefined {
	if (f.forPerson === null) return undefined;
	return {
		personId: f.forPerson,
		channel: f.channel as CaseOnBehalf['channel'],
		consentKind: f.consentKind as CaseOnBehalf['consentKind'],
		// A signed note is in the filer's hand as they file: its time is now.
		consentAt:
			f.consentKind === 'read_back'
				? consentTime(f.consentAt).toISOString()
				: new Date().toISOString()
	};
}

// One slot per category the village may have, plus the empty row to add one: row i posts
// key_i, name_i, limit_i and active_i, so the form works as plain HTML.
export const CATEGORY_SLOTS = CATEGORIES_MAX + 1;

export const categoriesForm = z.object(
	Object.fromEntries(
		Array.from({ length: CATEGORY_SLOTS }, (_, i) => [
			[`key_${i}`, text(32)],
			[`name_${i}`, text(CATEGORY_NAME_MAX)],
			[`limit_${i}`, text(8)],
			[`active_${i}`, checkbox()]
		]).flat()
	) as Record<string, ReturnType<typeof text> | ReturnType<typeof checkbox>>
);

/** The rows filled in: a known category by its key, or a new one by its name; blank rows skipped. */
export function categoryEditsOf(data: Record<string, string | boolean>): CategoryEdit[] {
	const edits: CategoryEdit[] = [];
	for (let i = 0; i < CATEGORY_SLOTS; i++) {
		const key = String(data[`key_${i}`] ?? '');
		const name = String(data[`name_${i}`] ?? '');
		const limit = String(data[`limit_${i}`] ?? '');
		if (key === '' && name === '' && limit === '') continue;
		edits.push({
			key: key === '' ? null : key,
			name,
			// A new row takes new requests from the start; an existing one as its box says.
			active: key === '' ? true : data[`active_${i}`] === true,
			limitDays: /^\d{1,3}$/.test(limit) ? Number(limit) : NaN
		});
	}
	return edits;
}
