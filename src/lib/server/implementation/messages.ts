// Localized refusals of the implementation, consultation and coordination commands.
import { m } from '$lib/paraglide/messages';
import type { ConsultationRefusal } from '../consultation/consultation';
import type { CoordinationDoneResult, CoordinationResult } from '../consultation/coordination';
import { DONE_NOTE_MAX } from '../consultation/coordination';
import type { Refusal } from '../result';
import type { ImplementationRefusal } from './disclosure';

type CoordinationRefusal = Refusal<CoordinationResult | CoordinationDoneResult>;

const IMPL: Record<ImplementationRefusal, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	not_decided: m.impl_error_not_decided,
	already_started: m.impl_error_already_started,
	bad_person: m.impl_error_bad_person,
	bad_plan: m.impl_error_bad_plan,
	bad_budget: m.impl_error_bad_budget,
	completed: m.impl_error_completed,
	bad_date: m.impl_error_bad_date,
	future_date: m.impl_error_future_date,
	bad_percent: m.impl_error_bad_percent,
	percent_back: m.impl_error_percent_back,
	date_back: m.impl_error_date_back,
	bad_money: m.impl_error_bad_money,
	bad_note: m.impl_error_bad_note,
	too_many_photos: m.impl_error_too_many_photos,
	bad_summary: m.impl_error_bad_summary,
	not_completed: m.impl_error_not_completed,
	already_disclosed: m.impl_error_already_disclosed,
	bad_opinion: m.impl_error_bad_opinion,
	resolution_not_published: m.impl_error_resolution_not_published,
	not_complete: m.impl_error_not_complete
};

export const implRefusal = (reason: ImplementationRefusal): string => IMPL[reason]();

const CONSULT: Record<ConsultationRefusal, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	not_consultation: m.consult_error_not_consultation,
	bad_name: m.consult_error_bad_name,
	bad_person: m.consult_error_bad_person,
	duplicate_party: m.consult_error_duplicate_party,
	outcome_recorded: m.consult_error_outcome_recorded,
	bad_date: m.consult_error_bad_date,
	future_date: m.consult_error_future_date,
	already_recorded: m.consult_error_already_recorded,
	no_parties: m.consult_error_no_parties,
	bad_meeting: m.consult_error_bad_meeting,
	meeting_not_closed: m.consult_error_meeting_not_closed,
	parties_not_invited: m.consult_error_parties_not_invited,
	no_meeting: m.consult_error_no_meeting,
	bad_text: m.consult_error_bad_text,
	no_outcome: m.consult_error_no_outcome,
	bad_route: m.consult_error_bad_route,
	must_submit: m.consult_route_must_submit,
	no_route: m.consult_error_no_route
};

export const consultRefusal = (reason: ConsultationRefusal): string => CONSULT[reason]();

const COORD: Record<CoordinationRefusal, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	not_urgent: m.error_not_found,
	not_closed: m.consult_coord_error_not_closed,
	already_recorded: m.consult_coord_error_already_recorded,
	bad_text: m.consult_coord_error_bad_text,
	bad_tasks: m.consult_coord_error_bad_tasks,
	bad_person: m.consult_coord_error_bad_person,
	bad_topic: m.consult_coord_error_bad_topic,
	art24_topic: m.consult_coord_error_art24_topic,
	no_outcome: m.consult_coord_error_no_outcome,
	done_already: m.consult_coord_error_done_already,
	bad_done_date: m.consult_coord_error_bad_done_date,
	future_done_date: m.impl_error_future_date,
	bad_note: () => m.error_too_long({ max: DONE_NOTE_MAX }),
	village_rules_topic: m.consult_coord_error_village_rules_topic
};

export const coordRefusal = (reason: CoordinationRefusal): string => COORD[reason]();

/** Yuan as typed ("724000", "1,234.5") to fen, or null when it is not an amount. */
export function parseYuan(value: string): number | null {
	const s = value.replace(/[,，\s]/g, '');
	const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
