// The topic forms: one schema each (filing, opinions, triage, hiding, completing), holding the
// limits a villager's text must keep. Longer text is refused with the limit named, never cut.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id, optionalId, text, textList } from '../forms';
import {
	CATEGORIES,
	HIDE_REASON_MAX,
	ON_BEHALF_CHANNELS,
	OUTCOME_MAX,
	TRIAGE_REASON_MAX
} from './rules';
import type { TopicInput } from './records';
import { READ_BACK_OUTCOMES } from './read-back';

export const LIMITS = {
	title: 80,
	description: 5000,
	place: 100,
	affected: 200,
	funding: 300,
	opinion: 500,
	hideReason: HIDE_REASON_MAX,
	triageReason: TRIAGE_REASON_MAX,
	outcome: OUTCOME_MAX
};

// Short fields whose value comes from a list or a picker: anything longer is not a choice.
const SHORT = 64;

/** Yuan with up to two decimals → fen, or null when empty; undefined when not a sum of money. */
export function parseYuan(text: string): number | null | undefined {
	const t = text.replace(/[,，\s元¥￥]/g, '');
	if (!t) return null;
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return undefined;
	const [yuan, fen = ''] = t.split('.');
	return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

/** The topic itself, as filed or saved as a draft. */
export const topicForm = z.object({
	title: text(LIMITS.title, { required: true }),
	description: text(LIMITS.description, { required: true }),
	category: choice(CATEGORIES),
	place: text(LIMITS.place),
	affected: text(LIMITS.affected),
	cost: text(SHORT).refine((s) => parseYuan(s) !== undefined, {
		error: () => m.topic_cost_invalid()
	}),
	funding: text(LIMITS.funding)
});

export function topicInput(t: z.output<typeof topicForm>): TopicInput {
	return {
		title: t.title,
		description: t.description,
		category: t.category,
		place: t.place,
		affected: t.affected,
		estimatedCostFen: parseYuan(t.cost) ?? null,
		funding: t.funding
	};
}

// The phone's datetime-local has no zone: the village's time is China's.
export const consentTime = (s: string) =>
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? new Date(`${s}:00+08:00`) : new Date(NaN);

/**
 * Filing a topic, for oneself or on behalf of a villager (forPerson set): then how it was
 * brought in and how the villager agreed are required, and a read-back needs a time not ahead.
 */
export const fileTopicForm = topicForm
	.extend({
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
		const at = consentTime(f.consentAt).getTime();
		if (f.consentKind === 'read_back' && (Number.isNaN(at) || at > Date.now() + 60_000))
			ctx.addIssue({
				code: 'custom',
				path: ['consentAt'],
				message: m.topic_consent_time_required()
			});
	});

/** When the villager agreed, for a topic filed on their behalf (now, for a signed note). */
export function consentAtOf(f: z.output<typeof fileTopicForm>): string {
	return f.consentKind === 'read_back'
		? consentTime(f.consentAt).toISOString()
		: new Date().toISOString();
}

export const opinionForm = z
	.object({
		body: text(LIMITS.opinion, { required: true }),
		forPerson: optionalId(() => m.topic_not_your_villager()),
		channel: text(SHORT)
	})
	.superRefine((f, ctx) => {
		if (f.forPerson !== null && !(ON_BEHALF_CHANNELS as readonly string[]).includes(f.channel))
			ctx.addIssue({ code: 'custom', path: ['channel'], message: m.error_choose_one() });
	});

export const hideOpinionForm = z.object({
	opinionId: id(() => m.error_not_found()),
	reason: text(LIMITS.hideReason, { required: () => m.topic_hide_reason_required() })
});

// Checked in the order the panel asks: the art. 24 question, its items, then the route.
export const triageForm = z
	.object({
		art24Answer: choice(['yes', 'no'], () => m.triage_answer_checklist()),
		art24: textList(SHORT),
		route: choice(['consultation', 'four_plus_two', 'direct', 'merge', 'not_accepted'], () =>
			m.triage_choose_route()
		),
		reason: text(LIMITS.triageReason),
		mergeInto: text(SHORT)
	})
	.superRefine((f, ctx) => {
		if (f.art24Answer === 'yes' && f.art24.length === 0)
			ctx.addIssue({ code: 'custom', path: ['art24'], message: m.triage_tick_items() });
		// A ticked item is an answer too: "不涉及" beside it is a contradiction, never a silent drop.
		if (f.art24Answer === 'no' && f.art24.length > 0)
			ctx.addIssue({ code: 'custom', path: ['art24'], message: m.triage_art24_contradiction() });
	});

export const completeForm = z.object({
	outcome: text(LIMITS.outcome, { required: () => m.topic_outcome_required() })
});

/** The villager's answer, read back to them: confirmed or withdrawn, and when it was read. */
export const readBackForm = z.object({
	outcome: choice(READ_BACK_OUTCOMES),
	readBackAt: text(SHORT).refine((s) => !Number.isNaN(consentTime(s).getTime()), {
		error: () => m.readback_time_required()
	})
});
