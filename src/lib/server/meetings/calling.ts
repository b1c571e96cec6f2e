// Calling a meeting (docs/domain.md §5.1–§5.2): creating it with its rule frozen in, correcting the
// draft, its agenda and its guests. The rule a meeting runs by is frozen into the meeting row when it
// is created, so a later rule set never rewrites a past meeting.
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions';
import { isValidDate } from '../calendar/dates';
import { villageRules } from '../villages/settings';
import { MEETING_TYPES, type MeetingType, type RuleSet } from '../votes/rules';
import { byStaff, getMeeting, personOfVillage, type Meeting } from './records';
import { endTimeOk, venueForMeeting } from './venue';

export interface MeetingInput {
	type: MeetingType;
	title: string;
	/** Free text, for meetings called without a venue; a venue given wins and its name is kept. */
	place?: string;
	venueId?: number | null;
	meetingDate: string;
	startsAt?: string;
	endsAt?: string;
	groupId?: number | null;
	chairPersonId?: number | null;
	recorderPersonId?: number | null;
}

export type CreateMeetingResult =
	| { ok: true; meeting: Meeting }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_type'
				| 'bad_title'
				| 'bad_place'
				| 'bad_venue'
				| 'bad_date'
				| 'bad_end_time'
				| 'bad_group'
				| 'bad_person';
	  };

export function createMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	input: MeetingInput,
	options: { rules?: RuleSet; now?: Date } = {}
): CreateMeetingResult {
	if (!(MEETING_TYPES as readonly string[]).includes(input.type))
		return { ok: false, reason: 'bad_type' };
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	// The same limit as an edit: refused, never cut short into a wrong place on the notice.
	if ((input.place?.trim() ?? '').length > 100) return { ok: false, reason: 'bad_place' };
	if (!isValidDate(input.meetingDate)) return { ok: false, reason: 'bad_date' };
	const endsAt = (input.endsAt ?? '').trim();
	if (!endTimeOk(input.startsAt ?? '', endsAt)) return { ok: false, reason: 'bad_end_time' };
	// The law in force on the meeting day, not on the day it is called.
	const rules = options.rules ?? villageRules(db, villageId, input.meetingDate);
	const rule = rules.meetings[input.type];
	const groupScoped = rule.roster.kind === 'roles' && rule.roster.scope === 'group';
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		run: (_, ctx): CreateMeetingResult => {
			const groupId = groupScoped ? (input.groupId ?? null) : null;
			if (groupScoped) {
				const g =
					groupId !== null &&
					db
						.prepare('select 1 from village_groups where id = ? and village_id = ?')
						.get(groupId, villageId);
				if (!g) return { ok: false, reason: 'bad_group' };
			}
			for (const p of [input.chairPersonId, input.recorderPersonId]) {
				if (p != null && !personOfVillage(db, villageId, p))
					return { ok: false, reason: 'bad_person' };
			}
			const venue =
				input.venueId != null
					? venueForMeeting(db, villageId, input.venueId, input.meetingDate)
					: null;
			if (input.venueId != null && !venue) return { ok: false, reason: 'bad_venue' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into meetings (village_id, type, title, place, venue_id, meeting_date, starts_at,
					   ends_at, group_id, chair_person_id, recorder_person_id, rule_set_id, rule_json,
					   created_by, created_at)
					 values (?, ?, ?, coalesce(?, '湖边议事厅'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					input.type,
					title,
					venue?.name ?? (input.place?.trim() || null),
					venue?.id ?? null,
					input.meetingDate,
					input.startsAt ?? '',
					endsAt,
					groupId,
					input.chairPersonId ?? null,
					input.recorderPersonId ?? null,
					rules.id,
					JSON.stringify(rule),
					actor.userId,
					ctx.now.toISOString()
				);
			const meeting = getMeeting(db, villageId, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'meeting.created',
				subjectType: 'meeting',
				subjectId: meeting.id,
				after: {
					type: meeting.type,
					title,
					meetingDate: meeting.meetingDate,
					venueId: meeting.venueId,
					ruleSetId: rules.id
				}
			});
			return { ok: true, meeting };
		}
	});
}

export interface DraftMeetingInput {
	title: string;
	place?: string;
	/** Given (null for none): the venue the meeting moves to; not given: the venue it has stays. */
	venueId?: number | null;
	meetingDate: string;
	startsAt?: string;
	endsAt?: string;
	chairPersonId?: number | null;
	recorderPersonId?: number | null;
}

export type UpdateDraftMeetingResult =
	| { ok: true; meeting: Meeting; changed: boolean }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_draft'
				| 'bad_title'
				| 'bad_date'
				| 'bad_time'
				| 'bad_end_time'
				| 'bad_place'
				| 'bad_venue'
				| 'bad_person';
	  };

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Corrects a draft before its notice goes out: a clerk refused with 'too_late' moves the date here.
 * Once notified, the notice people read carries these facts: a new date or time is a new notice
 * (reNoticeMeeting in re-notice.ts); the type and rule stay as created because the roster and
 * quorum follow from them.
 */
export function updateDraftMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: DraftMeetingInput,
	options: { now?: Date } = {}
): UpdateDraftMeetingResult {
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	if (!isValidDate(input.meetingDate)) return { ok: false, reason: 'bad_date' };
	const startsAt = (input.startsAt ?? '').trim();
	if (startsAt && !START_TIME.test(startsAt)) return { ok: false, reason: 'bad_time' };
	const givenEnd = input.endsAt?.trim();
	if (givenEnd !== undefined && !endTimeOk(startsAt, givenEnd))
		return { ok: false, reason: 'bad_end_time' };
	const typedPlace = input.place?.trim() || '湖边议事厅';
	if (typedPlace.length > 100) return { ok: false, reason: 'bad_place' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): UpdateDraftMeetingResult => {
			if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
			for (const p of [input.chairPersonId, input.recorderPersonId]) {
				if (p != null && !personOfVillage(db, villageId, p))
					return { ok: false, reason: 'bad_person' };
			}
			// A caller that only types a place keeps the venue while the place is the venue's name.
			const venueId =
				input.venueId !== undefined
					? input.venueId
					: input.place === undefined || input.place.trim() === meeting.place
						? meeting.venueId
						: null;
			const venue =
				venueId !== null ? venueForMeeting(db, villageId, venueId, input.meetingDate) : null;
			if (venueId !== null && !venue) return { ok: false, reason: 'bad_venue' };
			// Not given: the end time stays, unless the new start has passed it.
			const endsAt = givenEnd ?? (endTimeOk(startsAt, meeting.endsAt) ? meeting.endsAt : '');
			const next = {
				title,
				place: venue?.name ?? typedPlace,
				venueId: venue?.id ?? null,
				meetingDate: input.meetingDate,
				startsAt,
				endsAt,
				chairPersonId: input.chairPersonId ?? null,
				recorderPersonId: input.recorderPersonId ?? null
			};
			const before: Record<string, unknown> = {};
			const after: Record<string, unknown> = {};
			for (const key of Object.keys(next) as (keyof typeof next)[]) {
				if (meeting[key] !== next[key]) {
					before[key] = meeting[key];
					after[key] = next[key];
				}
			}
			if (!Object.keys(after).length) return { ok: true, meeting, changed: false };
			// A draft moved to another day takes the law of its new day (an amendment may lie between).
			const rule =
				next.meetingDate === meeting.meetingDate
					? { id: meeting.ruleSetId, json: JSON.stringify(meeting.rule) }
					: (({ id, meetings }) => ({ id, json: JSON.stringify(meetings[meeting.type]) }))(
							villageRules(db, villageId, next.meetingDate)
						);
			if (rule.id !== meeting.ruleSetId) {
				before.ruleSetId = meeting.ruleSetId;
				after.ruleSetId = rule.id;
			}
			db.prepare(
				`update meetings set title = ?, place = ?, venue_id = ?, meeting_date = ?, starts_at = ?,
				   ends_at = ?, chair_person_id = ?, recorder_person_id = ?, rule_set_id = ?, rule_json = ?
				 where id = ?`
			).run(
				next.title,
				next.place,
				next.venueId,
				next.meetingDate,
				next.startsAt,
				next.endsAt,
				next.chairPersonId,
				next.recorderPersonId,
				rule.id,
				rule.json,
				meetingId
			);
			ctx.audit({
				action: 'meeting.updated',
				subjectType: 'meeting',
				subjectId: meetingId,
				before,
				after
			});
			return { ok: true, meeting: getMeeting(db, villageId, meetingId)!, changed: true };
		}
	});
}

/** As much as the console's field takes; more is refused, never stored cut short. */
export const AGENDA_MATERIALS_MAX = 5000;

export type AddAgendaItemResult =
	| { ok: true; agendaItemId: number; position: number }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_draft' | 'bad_title' | 'bad_materials' | 'bad_topic';
	  };

export function addAgendaItem(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: { title: string; topicId?: number | null; materials?: string },
	options: { now?: Date } = {}
): AddAgendaItemResult {
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	if ((input.materials ?? '').length > AGENDA_MATERIALS_MAX)
		return { ok: false, reason: 'bad_materials' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): AddAgendaItemResult => {
			// The notice carries the agenda (docs/domain.md §5.2): it is fixed once sent.
			if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
			if (input.topicId != null) {
				// A draft is its writer's alone, hidden even from staff; the agenda goes on a public notice.
				const t = db
					.prepare("select 1 from topics where id = ? and village_id = ? and state != 'draft'")
					.get(input.topicId, villageId);
				if (!t) return { ok: false, reason: 'bad_topic' };
			}
			const position =
				(
					db
						.prepare(
							'select coalesce(max(position), 0) as p from agenda_items where meeting_id = ?'
						)
						.get(meetingId) as { p: number }
				).p + 1;
			const { lastInsertRowid } = db
				.prepare(
					'insert into agenda_items (meeting_id, position, topic_id, title, materials) values (?, ?, ?, ?, ?)'
				)
				.run(meetingId, position, input.topicId ?? null, title, input.materials ?? '');
			const agendaItemId = Number(lastInsertRowid);
			ctx.audit({
				action: 'meeting.agenda_item_added',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { agendaItemId, position, title, topicId: input.topicId ?? null }
			});
			return { ok: true, agendaItemId, position };
		}
	});
}

export type AddGuestResult =
	| { ok: true; guestId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'closed' | 'bad_name' };

/** 列席 observers and the township attendee: by name; they never vote. */
export function addGuest(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	guest: { kind: 'observer' | 'township'; name: string; position?: string },
	options: { now?: Date } = {}
): AddGuestResult {
	const name = guest.name.trim();
	if (name.length < 1 || name.length > 32) return { ok: false, reason: 'bad_name' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): AddGuestResult => {
			if (meeting.state === 'closed') return { ok: false, reason: 'closed' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into meeting_guests (meeting_id, kind, name, position, added_by, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(
					meetingId,
					guest.kind,
					name,
					guest.position?.trim() ?? '',
					actor.userId,
					ctx.now.toISOString()
				);
			ctx.audit({
				action: 'meeting.guest_added',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { kind: guest.kind, name, position: guest.position ?? '' }
			});
			return { ok: true, guestId: Number(lastInsertRowid) };
		}
	});
}
