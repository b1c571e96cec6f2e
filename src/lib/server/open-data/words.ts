// The words of the open-data schema: each field's CSV column name and meaning, and each dataset's
// title, from the message catalogue. The CSV's column names are always Chinese (a spreadsheet a
// clerk or villager opens in Excel); the JSON keys are the fields' machine names.
import { m } from '$lib/paraglide/messages';
import type { Dataset, FieldType } from './schema';

type Words = (inputs?: Record<string, never>, options?: { locale?: 'zh-CN' | 'en' }) => string;

export const FIELD_WORDS: Record<Dataset, Record<string, { label: Words; meaning: Words }>> = {
	notices: {
		number: { label: m.odata_f_notices_number, meaning: m.odata_f_notices_number_meaning },
		kind: { label: m.odata_f_notices_kind, meaning: m.odata_f_notices_kind_meaning },
		title: { label: m.odata_f_notices_title, meaning: m.odata_f_notices_title_meaning },
		summary: { label: m.odata_f_notices_summary, meaning: m.odata_f_notices_summary_meaning },
		posted_on: { label: m.odata_f_notices_posted_on, meaning: m.odata_f_notices_posted_on_meaning },
		posted_until: {
			label: m.odata_f_notices_posted_until,
			meaning: m.odata_f_notices_posted_until_meaning
		},
		objections_until: {
			label: m.odata_f_notices_objections_until,
			meaning: m.odata_f_notices_objections_until_meaning
		},
		corrects_number: {
			label: m.odata_f_notices_corrects_number,
			meaning: m.odata_f_notices_corrects_number_meaning
		},
		resolution_number: {
			label: m.odata_f_notices_resolution_number,
			meaning: m.odata_f_notices_resolution_number_meaning
		},
		link: { label: m.odata_f_notices_link, meaning: m.odata_f_notices_link_meaning }
	},
	resolutions: {
		number: { label: m.odata_f_resolutions_number, meaning: m.odata_f_resolutions_number_meaning },
		text: { label: m.odata_f_resolutions_text, meaning: m.odata_f_resolutions_text_meaning },
		adopted_on: {
			label: m.odata_f_resolutions_adopted_on,
			meaning: m.odata_f_resolutions_adopted_on_meaning
		},
		meeting_type: {
			label: m.odata_f_resolutions_meeting_type,
			meaning: m.odata_f_resolutions_meeting_type_meaning
		},
		meeting_title: {
			label: m.odata_f_resolutions_meeting_title,
			meaning: m.odata_f_resolutions_meeting_title_meaning
		},
		meeting_date: {
			label: m.odata_f_resolutions_meeting_date,
			meaning: m.odata_f_resolutions_meeting_date_meaning
		},
		method: { label: m.odata_f_resolutions_method, meaning: m.odata_f_resolutions_method_meaning },
		votes_for: {
			label: m.odata_f_resolutions_votes_for,
			meaning: m.odata_f_resolutions_votes_for_meaning
		},
		votes_against: {
			label: m.odata_f_resolutions_votes_against,
			meaning: m.odata_f_resolutions_votes_against_meaning
		},
		votes_abstain: {
			label: m.odata_f_resolutions_votes_abstain,
			meaning: m.odata_f_resolutions_votes_abstain_meaning
		},
		entitled: {
			label: m.odata_f_resolutions_entitled,
			meaning: m.odata_f_resolutions_entitled_meaning
		},
		present: {
			label: m.odata_f_resolutions_present,
			meaning: m.odata_f_resolutions_present_meaning
		},
		quorum_check: {
			label: m.odata_f_resolutions_quorum_check,
			meaning: m.odata_f_resolutions_quorum_check_meaning
		},
		quorum_met: {
			label: m.odata_f_resolutions_quorum_met,
			meaning: m.odata_f_resolutions_quorum_met_meaning
		},
		pass_rule: {
			label: m.odata_f_resolutions_pass_rule,
			meaning: m.odata_f_resolutions_pass_rule_meaning
		},
		pass_check: {
			label: m.odata_f_resolutions_pass_check,
			meaning: m.odata_f_resolutions_pass_check_meaning
		},
		passed: { label: m.odata_f_resolutions_passed, meaning: m.odata_f_resolutions_passed_meaning },
		notice_number: {
			label: m.odata_f_resolutions_notice_number,
			meaning: m.odata_f_resolutions_notice_number_meaning
		},
		link: { label: m.odata_f_resolutions_link, meaning: m.odata_f_resolutions_link_meaning }
	},
	'meeting-notices': {
		notice_number: {
			label: m.odata_f_meeting_notices_notice_number,
			meaning: m.odata_f_meeting_notices_notice_number_meaning
		},
		meeting_type: {
			label: m.odata_f_meeting_notices_meeting_type,
			meaning: m.odata_f_meeting_notices_meeting_type_meaning
		},
		title: {
			label: m.odata_f_meeting_notices_title,
			meaning: m.odata_f_meeting_notices_title_meaning
		},
		meeting_date: {
			label: m.odata_f_meeting_notices_meeting_date,
			meaning: m.odata_f_meeting_notices_meeting_date_meaning
		},
		starts_at: {
			label: m.odata_f_meeting_notices_starts_at,
			meaning: m.odata_f_meeting_notices_starts_at_meaning
		},
		ends_at: {
			label: m.odata_f_meeting_notices_ends_at,
			meaning: m.odata_f_meeting_notices_ends_at_meaning
		},
		place: {
			label: m.odata_f_meeting_notices_place,
			meaning: m.odata_f_meeting_notices_place_meaning
		},
		agenda: {
			label: m.odata_f_meeting_notices_agenda,
			meaning: m.odata_f_meeting_notices_agenda_meaning
		},
		temporary: {
			label: m.odata_f_meeting_notices_temporary,
			meaning: m.odata_f_meeting_notices_temporary_meaning
		},
		posted_on: {
			label: m.odata_f_meeting_notices_posted_on,
			meaning: m.odata_f_meeting_notices_posted_on_meaning
		},
		meeting_state: {
			label: m.odata_f_meeting_notices_meeting_state,
			meaning: m.odata_f_meeting_notices_meeting_state_meaning
		},
		link: { label: m.odata_f_meeting_notices_link, meaning: m.odata_f_meeting_notices_link_meaning }
	},
	implementations: {
		topic_number: {
			label: m.odata_f_implementations_topic_number,
			meaning: m.odata_f_implementations_topic_number_meaning
		},
		title: {
			label: m.odata_f_implementations_title,
			meaning: m.odata_f_implementations_title_meaning
		},
		resolution_number: {
			label: m.odata_f_implementations_resolution_number,
			meaning: m.odata_f_implementations_resolution_number_meaning
		},
		budget_yuan: {
			label: m.odata_f_implementations_budget_yuan,
			meaning: m.odata_f_implementations_budget_yuan_meaning
		},
		spent_yuan: {
			label: m.odata_f_implementations_spent_yuan,
			meaning: m.odata_f_implementations_spent_yuan_meaning
		},
		over_budget: {
			label: m.odata_f_implementations_over_budget,
			meaning: m.odata_f_implementations_over_budget_meaning
		},
		progress_percent: {
			label: m.odata_f_implementations_progress_percent,
			meaning: m.odata_f_implementations_progress_percent_meaning
		},
		last_reported_on: {
			label: m.odata_f_implementations_last_reported_on,
			meaning: m.odata_f_implementations_last_reported_on_meaning
		},
		state: {
			label: m.odata_f_implementations_state,
			meaning: m.odata_f_implementations_state_meaning
		},
		completed_on: {
			label: m.odata_f_implementations_completed_on,
			meaning: m.odata_f_implementations_completed_on_meaning
		},
		result_notice_number: {
			label: m.odata_f_implementations_result_notice_number,
			meaning: m.odata_f_implementations_result_notice_number_meaning
		}
	}
};

export const DATASET_WORDS: Record<Dataset, { title: Words; about: Words }> = {
	notices: { title: m.odata_dataset_notices, about: m.odata_about_notices },
	resolutions: { title: m.odata_dataset_resolutions, about: m.odata_about_resolutions },
	'meeting-notices': {
		title: m.odata_dataset_meeting_notices,
		about: m.odata_about_meeting_notices
	},
	implementations: {
		title: m.odata_dataset_implementations,
		about: m.odata_about_implementations
	}
};

export const TYPE_WORDS: Record<FieldType, Words> = {
	integer: m.odata_type_integer,
	decimal: m.odata_type_decimal,
	text: m.odata_type_text,
	'text[]': m.odata_type_text_list,
	date: m.odata_type_date,
	boolean: m.odata_type_boolean,
	url: m.odata_type_url
};
