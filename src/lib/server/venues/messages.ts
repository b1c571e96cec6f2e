// The words for every refusal of the venue and booking verbs, and for a clash: the clashing use
// named with its time, so the clerk can find it and move one of the two.
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { Refusal } from '../result';
import type { BookEventResult } from './booking';
import type { CancelEventResult, ChangeEventResult } from './booking-changes';
import { CANCEL_REASON_MAX } from './booking-changes';
import { EVENT_DESCRIPTION_MAX, EVENT_ORGANISER_MAX, EVENT_TITLE_MAX } from './booking';
import type { Clash, Span } from './clash';
import {
	HALL_GUESTS_MAX,
	HALL_HOURS_MAX,
	HALL_RULES_TEXT_MAX,
	HALL_TABLES_MAX,
	type HallRuleBreach,
	type HallRulesResult
} from './hall-rules';
import {
	VENUE_CAPACITY_MAX,
	VENUE_NAME_MAX,
	type RetireVenueResult,
	type VenueResult,
	type VenueUse
} from './venues';

/** A span as people say it: 2026年10月10日 19:00–21:00. */
export function spanWords(span: Span): string {
	const day = formatDate(`${span.startsAt.slice(0, 10)}T12:00:00+08:00`);
	const endDay = span.endsAt.slice(0, 10);
	const end =
		endDay === span.startsAt.slice(0, 10)
			? span.endsAt.slice(11)
			: `${formatDate(`${endDay}T12:00:00+08:00`)} ${span.endsAt.slice(11)}`;
	return `${day} ${span.startsAt.slice(11)}–${end}`;
}

export function clashMessage(clash: Clash): string {
	const words = { title: clash.title, when: spanWords(clash) };
	return clash.kind === 'meeting' ? m.ven_clash_meeting(words) : m.ven_clash_event(words);
}

export function breachMessage(breach: HallRuleBreach): string {
	if (breach.rule === 'no_private_uses') return m.ven_rule_no_private();
	const limit = { limit: breach.limit };
	if (breach.rule === 'max_tables') return m.ven_rule_max_tables(limit);
	if (breach.rule === 'max_guests') return m.ven_rule_max_guests(limit);
	return m.ven_rule_max_hours(limit);
}

function useWords(use: VenueUse): string {
	const date = formatDate(`${use.startsAt.slice(0, 10)}T12:00:00+08:00`);
	const time = use.startsAt.slice(11);
	return m.punct_labelled({ label: use.title, value: time ? `${date} ${time}` : date });
}

type Refused = Exclude<
	BookEventResult | ChangeEventResult | CancelEventResult | VenueResult | RetireVenueResult,
	{ ok: true }
>;

export type VenueRefusal = Refusal<
	BookEventResult | ChangeEventResult | CancelEventResult | VenueResult | RetireVenueResult
>;

export type HallRulesRefusal = Refusal<HallRulesResult>;

/** Why a booking or venue verb was refused, in words the clerk can act on. */
export function venueRefusalMessage(r: Refused): string {
	switch (r.reason) {
		case 'clash':
			return clashMessage(r.clash);
		case 'over_capacity':
			return m.ven_over_capacity({ capacity: r.capacity });
		case 'hall_rules':
			return breachMessage(r.breach);
		case 'in_use':
			return m.ven_in_use({ uses: r.uses.map(useWords).join(m.list_separator()) });
	}
	const messages: Record<
		Exclude<VenueRefusal, 'clash' | 'over_capacity' | 'hall_rules' | 'in_use'>,
		() => string
	> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		bad_kind: m.ven_bad_kind,
		bad_title: () => m.ven_bad_title({ max: EVENT_TITLE_MAX }),
		description_too_long: () => m.ven_description_too_long({ max: EVENT_DESCRIPTION_MAX }),
		organiser_too_long: () => m.ven_organiser_too_long({ max: EVENT_ORGANISER_MAX }),
		bad_date: m.ven_bad_date,
		bad_time: m.ven_bad_time,
		ends_before_start: m.ven_ends_before_start,
		no_venue: m.ven_no_venue,
		venue_retired: m.ven_venue_retired,
		household_needed: m.ven_household_needed,
		no_household: m.ven_no_household,
		bad_expected: m.ven_bad_expected,
		cancelled: m.ven_cancelled,
		bad_reason: () => m.ven_bad_cancel_reason({ max: CANCEL_REASON_MAX }),
		bad_name: () => m.ven_bad_name({ max: VENUE_NAME_MAX }),
		bad_capacity: () => m.ven_bad_capacity({ max: VENUE_CAPACITY_MAX }),
		bad_position: m.ven_bad_position,
		name_taken: m.ven_name_taken,
		retired: m.ven_retired
	};
	return messages[r.reason]();
}

export function hallRulesRefusalMessage(reason: HallRulesRefusal): string {
	const messages: Record<HallRulesRefusal, () => string> = {
		forbidden: m.error_forbidden,
		bad_tables: () => m.ven_bad_tables({ max: HALL_TABLES_MAX }),
		bad_guests: () => m.ven_bad_guests({ max: HALL_GUESTS_MAX }),
		bad_hours: () => m.ven_bad_hours({ max: HALL_HOURS_MAX }),
		bad_text: () => m.ven_bad_rules_text({ max: HALL_RULES_TEXT_MAX })
	};
	return messages[reason]();
}
