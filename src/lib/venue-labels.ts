// The words of the hall's venues and bookings shown on pages: an event's kind, a venue with its
// capacity, the 红白理事会 limits in a line (browser-safe).
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import { resolve } from '$app/paths';
import type { EventKind } from '$lib/server/venues/records';

const KIND_WORDS: Record<EventKind, () => string> = {
	elderly_care: m.ven_kind_elderly_care,
	performance: m.ven_kind_performance,
	training: m.ven_kind_training,
	film: m.ven_kind_film,
	reading: m.ven_kind_reading,
	sports: m.ven_kind_sports,
	celebration: m.ven_kind_celebration,
	wedding: m.ven_kind_wedding,
	funeral: m.ven_kind_funeral,
	other: m.ven_kind_other
};

export const eventKindLabel = (kind: EventKind): string => KIND_WORDS[kind]();

export const venueOption = (v: { name: string; capacity: number }): string =>
	m.ven_venue_option({ name: v.name, capacity: v.capacity });

/** 婚丧事宜：不超过20桌、不超过3小时. */
export function hallLimitsLine(rules: {
	maxTables: number | null;
	maxGuests: number | null;
	maxHours: number | null;
}): string {
	const limits = [
		rules.maxTables !== null ? m.ven_rules_limit_tables({ n: rules.maxTables }) : '',
		rules.maxGuests !== null ? m.ven_rules_limit_guests({ n: rules.maxGuests }) : '',
		rules.maxHours !== null ? m.ven_rules_limit_hours({ n: rules.maxHours }) : ''
	].filter(Boolean);
	return m.ven_rules_limits({
		limits: limits.length ? limits.join(m.list_separator()) : m.ven_rules_no_limits()
	});
}

/** A local 'YYYY-MM-DDTHH:MM' span in words: 2026年10月10日 09:00–11:00. */
export function spanLabel(startsAt: string, endsAt: string): string {
	// Noon in China names the day whatever the reader's zone: the times are the village's wall-clock.
	const day = formatDate(`${startsAt.slice(0, 10)}T12:00:00+08:00`);
	return `${day} ${startsAt.slice(11)}–${endsAt.slice(11)}`;
}

/** Where a clash refusal links to: the clashing booking's page, or the clashing meeting's console. */
export function clashHref(village: string, clash: { kind: 'meeting' | 'event'; id: number }) {
	const id = String(clash.id);
	return clash.kind === 'event'
		? resolve('/[village]/(staff)/hall/[id]', { village, id })
		: resolve('/[village]/(staff)/meetings/[id]/console', { village, id });
}

export const hallHref = (village: string) => resolve('/[village]/(staff)/hall', { village });
export const venuesHref = (village: string) => resolve('/[village]/(staff)/venues', { village });
export const eventHref = (village: string, id: number) =>
	resolve('/[village]/(staff)/hall/[id]', { village, id: String(id) });
export const attendanceHref = (village: string, id: number) =>
	resolve('/[village]/(staff)/hall/[id]/attendance', { village, id: String(id) });
export const consoleHref = (village: string, id: number) =>
	resolve('/[village]/(staff)/meetings/[id]/console', { village, id: String(id) });
