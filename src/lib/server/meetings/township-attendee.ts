// The township attendee (乡镇派员列席) by account (issue 19): staff invite a township official of the
// village's township, and the official signs in themselves, so the register's steps 3–4 record a
// presence, not a name someone typed. The typed township guest (addGuest) stays for a township
// without accounts; the register and minutes tell the two apart.
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions/actor';
import { isTownshipOfficialFor } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { byStaff, getMeeting, type Meeting, type MeetingState } from './records';

/** A township official who may be invited: a live official of the village's township. */
export interface TownshipOfficial {
	id: number;
	name: string;
	position: string;
}

/** The live township officials of this village's township, by name. */
export const townshipOfficialsFor = (db: Db, villageId: number): TownshipOfficial[] =>
	db
		.prepare(
			`select u.id, u.name, u.position from users u join villages v on v.township_id = u.township_id
			 where v.id = ? and u.role = 'township_official' and u.disabled_at is null
			 order by u.name, u.id`
		)
		.all(villageId) as TownshipOfficial[];

export type InviteTownshipOfficialResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'closed' | 'not_township_official' | 'already_invited';
	  };

/** Staff invite a township official of the village's township to a meeting not yet closed, once. */
export function inviteTownshipOfficial(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	userId: number,
	options: { now?: Date } = {}
): InviteTownshipOfficialResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): InviteTownshipOfficialResult => {
			if (meeting.state === 'closed') return { ok: false, reason: 'closed' };
			const official = townshipOfficialsFor(db, villageId).find((o) => o.id === userId);
			if (!official) return { ok: false, reason: 'not_township_official' };
			if (invitationOf(db, meetingId, userId)) return { ok: false, reason: 'already_invited' };
			db.prepare(
				`insert into meeting_township_invitations (meeting_id, user_id, invited_by, invited_at)
				 values (?, ?, ?, ?)`
			).run(meetingId, userId, actor.userId, ctx.now.toISOString());
			ctx.audit({
				action: 'meeting.township_invited',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { userId, name: official.name, position: official.position }
			});
			return { ok: true };
		}
	});
}

const invitationOf = (db: Db, meetingId: number, userId: number): boolean =>
	!!db
		.prepare('select 1 from meeting_township_invitations where meeting_id = ? and user_id = ?')
		.get(meetingId, userId);

/**
 * Sign-in is open while the meeting is open, or notified and on its day (China time): the bounds
 * of a villager's sign-in, whose hall code is good only on the day (checkin.ts).
 */
export function townshipSignInOpen(
	meeting: Pick<Meeting, 'state' | 'meetingDate'>,
	now: Date
): boolean {
	return (
		meeting.state === 'open' ||
		(meeting.state === 'notified' && meeting.meetingDate === todayInChina(now))
	);
}

export type SignInAsTownshipAttendeeResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_invited' | 'not_open' | 'already_signed_in';
	  };

/**
 * 签到 of the township attendee: the invited official, in person, while sign-in is open, once. The
 * meeting's township guest row then carries their login, name and office.
 */
export function signInAsTownshipAttendee(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { now?: Date } = {}
): SignInAsTownshipAttendeeResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: (ctx) => isTownshipOfficialFor(db, actor, ctx.villageId!),
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): SignInAsTownshipAttendeeResult => {
			if (!invitationOf(db, meetingId, actor.userId)) return { ok: false, reason: 'not_invited' };
			if (signedInAt(db, meetingId, actor.userId))
				return { ok: false, reason: 'already_signed_in' };
			if (!townshipSignInOpen(meeting, ctx.now)) return { ok: false, reason: 'not_open' };
			const { name, position } = db
				.prepare('select name, position from users where id = ?')
				.get(actor.userId) as { name: string; position: string };
			db.prepare(
				`insert into meeting_guests (meeting_id, kind, name, position, added_by, created_at, user_id)
				 values (?, 'township', ?, ?, ?, ?, ?)`
			).run(meetingId, name, position, actor.userId, ctx.now.toISOString(), actor.userId);
			ctx.audit({
				action: 'meeting.township_signed_in',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { userId: actor.userId, name, position }
			});
			return { ok: true };
		}
	});
}

const signedInAt = (db: Db, meetingId: number, userId: number): string | null =>
	(db
		.prepare('select created_at from meeting_guests where meeting_id = ? and user_id = ?')
		.pluck()
		.get(meetingId, userId) as string | undefined) ?? null;

/** An invited official on the clerk's console: whether and when they signed in. */
export interface TownshipInvitee {
	userId: number;
	name: string;
	position: string;
	invitedAt: string;
	signedInAt: string | null;
}

export const inviteesOf = (db: Db, meetingId: number): TownshipInvitee[] =>
	db
		.prepare(
			`select i.user_id as userId, u.name, u.position, i.invited_at as invitedAt,
			        g.created_at as signedInAt
			 from meeting_township_invitations i join users u on u.id = i.user_id
			 left join meeting_guests g on g.meeting_id = i.meeting_id and g.user_id = i.user_id
			 where i.meeting_id = ? order by i.invited_at, u.name`
		)
		.all(meetingId) as TownshipInvitee[];

/** A meeting an official is invited to, on their desk across the township's villages. */
export interface TownshipInvitation {
	meetingId: number;
	villageId: number;
	villageSlug: string;
	villageName: string;
	title: string;
	type: Meeting['type'];
	state: MeetingState;
	meetingDate: string;
	startsAt: string;
	place: string;
	signedInAt: string | null;
	/** The agenda's titles, as the meeting's notice gives them. */
	agenda: string[];
	/** The 签到 button shows: invited, not signed in, and sign-in open now. */
	maySignIn: boolean;
}

/**
 * The official's invitations in villages of their own township (one moved to another township is
 * left out), upcoming first by date, then the past ones latest first.
 */
export function invitationsOfOfficial(
	db: Db,
	officialId: number,
	now: Date = new Date()
): { upcoming: TownshipInvitation[]; past: TownshipInvitation[] } {
	const rows = db
		.prepare(
			`select m.id as meetingId, v.id as villageId, v.slug as villageSlug, v.name as villageName, m.title, m.type,
			        m.state, m.meeting_date as meetingDate, m.starts_at as startsAt, m.place,
			        g.created_at as signedInAt
			 from meeting_township_invitations i
			 join users u on u.id = i.user_id
			 join meetings m on m.id = i.meeting_id
			 join villages v on v.id = m.village_id and v.township_id = u.township_id
			 left join meeting_guests g on g.meeting_id = m.id and g.user_id = i.user_id
			 where i.user_id = ?
			 order by m.meeting_date, m.starts_at, m.id`
		)
		.all(officialId) as Omit<TownshipInvitation, 'maySignIn' | 'agenda'>[];
	const agendaOf = db
		.prepare('select title from agenda_items where meeting_id = ? order by position')
		.pluck();
	const today = todayInChina(now);
	const all = rows.map((r) => ({
		...r,
		agenda: agendaOf.all(r.meetingId) as string[],
		maySignIn: r.signedInAt === null && townshipSignInOpen(r, now)
	}));
	// A meeting still open after its day (not yet closed) stays upcoming: it can be signed in to.
	const isPast = (r: TownshipInvitation) =>
		r.state === 'closed' || (r.state !== 'open' && r.meetingDate < today);
	return {
		upcoming: all.filter((r) => !isPast(r)),
		past: all.filter(isPast).reverse()
	};
}
