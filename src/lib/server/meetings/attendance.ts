// Who is in the hall (docs/domain.md §5.5–§5.6): signing in (签到) by phone or by staff, leaving
// early, and the speeches staff record. Present (实到) is read from these marks by meetingCounts.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import { isStaffOf } from '../permissions/village';
import type { MeetingCounts } from '../votes/rules';
import { byStaff, getMeeting, meetingCounts, personOfVillage, type MeetingState } from './records';

/** A person's sign-in and leaving times on a meeting's frozen roster; undefined when not on it. */
function rosterEntryOf(db: Db, meetingId: number, personId: number) {
	return db
		.prepare(
			'select signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(meetingId, personId) as
		{ signed_in_at: string | null; left_at: string | null } | undefined;
}

/** The person themselves, or staff marking them. */
const selfOrStaff =
	(personId: number) =>
	({ db, actor, villageId }: CommandContext) =>
		actor !== null && (actor.personId === personId || isStaffOf(db, actor, villageId!));

export type SignInResult =
	| { ok: true; alreadySignedIn: boolean; counts: MeetingCounts }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_on_roster' | 'not_open' | 'left' };

/** Why one person cannot be marked present, whoever marks them. */
type SignInRefusal = 'not_on_roster' | 'not_open' | 'left';

/**
 * Marks one person of an open or notified meeting present, with its audit entry; the rules of
 * signIn and markAttendanceMany alike. Someone already signed in is left as they are.
 */
function recordSignIn(
	ctx: CommandContext,
	actor: Actor,
	meeting: { id: number; state: MeetingState },
	personId: number
): 'signed_in' | 'already' | SignInRefusal {
	const { db, now } = ctx;
	if (meeting.state !== 'notified' && meeting.state !== 'open') return 'not_open';
	const entry = rosterEntryOf(db, meeting.id, personId);
	if (!entry) return 'not_on_roster';
	if (entry.left_at) return 'left';
	if (entry.signed_in_at) return 'already';
	db.prepare(
		'update meeting_roster set signed_in_at = ?, signed_in_by = ? where meeting_id = ? and person_id = ?'
	).run(now.toISOString(), actor.userId, meeting.id, personId);
	ctx.audit({
		action: 'meeting.signed_in',
		subjectType: 'meeting',
		subjectId: meeting.id,
		after: { personId, by: actor.personId === personId ? 'self' : 'staff' }
	});
	return 'signed_in';
}

/** 签到: the person on their phone, or staff marking them. Signing in twice is a no-op. */
export function signIn(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personId: number,
	options: { now?: Date } = {}
): SignInResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: selfOrStaff(personId),
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): SignInResult => {
			const r = recordSignIn(ctx, actor, meeting, personId);
			if (r !== 'signed_in' && r !== 'already') return { ok: false, reason: r };
			return { ok: true, alreadySignedIn: r === 'already', counts: meetingCounts(db, meeting) };
		}
	});
}

export type MarkAttendanceManyResult =
	| { ok: true; marked: number[]; already: number[]; counts: MeetingCounts }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'none_ticked' }
	| { ok: false; reason: Exclude<SignInRefusal, 'not_open'>; personId: number };

/**
 * The clerk's checklist: everyone ticked is marked present in one transaction, one audit entry
 * each, as if signed in one by one. One person who cannot be (not on the roster, gone) refuses the
 * whole list, naming them, and nothing is written. Those already present stay as they were. A
 * motion whose presence is fixed keeps it (votes/presence.ts); the new arrivals count from the
 * next vote on.
 */
export function markAttendanceMany(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personIds: readonly number[],
	options: { now?: Date } = {}
): MarkAttendanceManyResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): MarkAttendanceManyResult => {
			if (meeting.state !== 'notified' && meeting.state !== 'open')
				return { ok: false, reason: 'not_open' };
			const people = [...new Set(personIds)];
			if (people.length === 0) return { ok: false, reason: 'none_ticked' };
			const marked: number[] = [];
			const already: number[] = [];
			for (const personId of people) {
				const r = recordSignIn(ctx, actor, meeting, personId);
				if (r === 'signed_in') marked.push(personId);
				else if (r === 'already') already.push(personId);
				else if (r === 'not_open') return { ok: false, reason: r };
				else return { ok: false, reason: r, personId };
			}
			return { ok: true, marked, already, counts: meetingCounts(db, meeting) };
		}
	});
}

export type MarkLeftResult =
	| { ok: true; counts: MeetingCounts }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_on_roster' | 'not_open' | 'not_signed_in' | 'left';
	  };

/** Someone leaves early: from now on they are no longer present (实到). */
export function markLeft(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personId: number,
	options: { now?: Date } = {}
): MarkLeftResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: selfOrStaff(personId),
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): MarkLeftResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			const entry = rosterEntryOf(db, meetingId, personId);
			if (!entry) return { ok: false, reason: 'not_on_roster' };
			if (!entry.signed_in_at) return { ok: false, reason: 'not_signed_in' };
			if (entry.left_at) return { ok: false, reason: 'left' };
			db.prepare(
				'update meeting_roster set left_at = ?, left_marked_by = ? where meeting_id = ? and person_id = ?'
			).run(ctx.now.toISOString(), actor.userId, meetingId, personId);
			ctx.audit({
				action: 'meeting.left',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { personId }
			});
			return { ok: true, counts: meetingCounts(db, meeting) };
		}
	});
}

export type AddSpeechResult =
	| { ok: true; speechId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'bad_text' };

/** 发言摘要: who spoke on an agenda item and what they said, recorded by staff. */
export function addSpeech(
	db: Db,
	actor: Actor,
	villageId: number,
	agendaItemId: number,
	speech: { personId?: number | null; speakerName: string; summary: string },
	options: { now?: Date } = {}
): AddSpeechResult {
	const name = speech.speakerName.trim();
	const summary = speech.summary.trim();
	if (!name || name.length > 32 || !summary || summary.length > 2000)
		return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () =>
			db
				.prepare(
					'select a.meeting_id, m.state from agenda_items a join meetings m on m.id = a.meeting_id where a.id = ? and m.village_id = ?'
				)
				.get(agendaItemId, villageId) as { meeting_id: number; state: MeetingState } | undefined,
		run: (item, ctx): AddSpeechResult => {
			if (speech.personId != null && !personOfVillage(db, villageId, speech.personId))
				return { ok: false, reason: 'not_found' };
			if (item.state !== 'open') return { ok: false, reason: 'not_open' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into speeches (agenda_item_id, person_id, speaker_name, summary, recorded_by, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(
					agendaItemId,
					speech.personId ?? null,
					name,
					summary,
					actor.userId,
					ctx.now.toISOString()
				);
			ctx.audit({
				action: 'meeting.speech_recorded',
				subjectType: 'meeting',
				subjectId: item.meeting_id,
				after: { agendaItemId, personId: speech.personId ?? null, speakerName: name, summary }
			});
			return { ok: true, speechId: Number(lastInsertRowid) };
		}
	});
}
