// The minutes as a page reads them (会议记录, docs/domain.md §5.7): generated from the meeting's
// own record (view.ts) plus the recorder's text, the confirmations, the signed sheets and the
// corrections. The verbs that append to them are in minutes.ts.
import type { Db } from '../db';
import type { StoredSheet } from './minutes';
import { listRoster, type Choice, type Meeting } from './records';
import { spokenByItem, type SpokenView } from './speaker-queue';
import {
	meetingView,
	type AgendaItemView,
	type Attendance,
	type GuestView,
	type MotionView,
	type WrittenOpinionView
} from './view';

/** An attestation's file, only for a meeting of this village. */
export function findAttestation(
	db: Db,
	villageId: number,
	meetingId: number,
	attestationId: number
): StoredSheet | null {
	const r = db
		.prepare(
			`select a.kind, a.stored_name, a.original_name, a.mime, a.size from minutes_attestations a
			 join meetings m on m.id = a.meeting_id where a.id = ? and a.meeting_id = ? and m.village_id = ?`
		)
		.get(attestationId, meetingId, villageId) as
		| {
				kind: 'image' | 'pdf';
				stored_name: string;
				original_name: string;
				mime: string;
				size: number;
		  }
		| undefined;
	return r
		? {
				kind: r.kind,
				storedName: r.stored_name,
				originalName: r.original_name,
				mime: r.mime,
				size: r.size
			}
		: null;
}

export interface MinutesPerson {
	name: string;
}

/** A motion as the minutes print it: voters by name, without the ids the pages act on. */
export type MinutesMotion = Omit<
	MotionView,
	'turnout' | 'namedChoices' | 'presentAtVote' | 'recusals'
> & {
	turnout: (MinutesPerson & { channel: 'online' | 'paper' | 'clerk' })[] | null;
	namedChoices: (MinutesPerson & { choice: Choice })[] | null;
	/** How many voting members were present when the vote was taken; null before. */
	presentAtVote: number | null;
	recusals: (MinutesPerson & {
		reason: string;
		relativeName: string | null;
		declaredBy: 'self' | 'staff';
	})[];
};

export type MinutesAgendaItem = Omit<AgendaItemView, 'motions' | 'opinions'> & {
	opinions: Omit<WrittenOpinionView, 'personId'>[];
	motions: MinutesMotion[];
	/** The speeches given from the speakers' queue, in the order they began. */
	floor: SpokenView[];
};

export interface Minutes {
	meeting: Pick<
		Meeting,
		| 'id'
		| 'type'
		| 'title'
		| 'place'
		| 'meetingDate'
		| 'startsAt'
		| 'state'
		| 'noticeDate'
		| 'minutes'
		| 'auditHeadId'
		| 'auditHeadHash'
	>;
	openedAt: string | null;
	closedAt: string | null;
	chairName: string | null;
	recorderName: string | null;
	attendance: Omit<Attendance, 'counts'>;
	/** Voting members who signed in; `leftAt` when they left early. */
	attendees: (MinutesPerson & { leftAt: string | null })[];
	/** Signed in without a vote (e.g. probationary party members). */
	nonVoting: (MinutesPerson & { leftAt: string | null })[];
	/** On the frozen roster, never signed in. */
	absentees: MinutesPerson[];
	guests: GuestView[];
	agenda: MinutesAgendaItem[];
	confirmations: (MinutesPerson & { confirmedAt: string })[];
	/** Everyone who may confirm: the roster people who signed in. */
	mayConfirm: number;
	attestations: {
		id: number;
		kind: 'image' | 'pdf';
		originalName: string;
		size: number;
		attestedBy: string;
		createdAt: string;
	}[];
	corrections: { id: number; text: string; reason: string; by: string; createdAt: string }[];
}

/**
 * The minutes as the record stands: names only (never phones or ID numbers), secret tallies
 * still hidden until their motion closes, and turnout without choices for secret ballots.
 */
export function minutesOf(db: Db, villageId: number, meetingId: number): Minutes | null {
	const view = meetingView(db, villageId, meetingId);
	if (!view) return null;
	const m = view.meeting;
	const roster = listRoster(db, meetingId);
	const confirmations = (
		db
			.prepare(
				`select p.name, c.confirmed_at from minutes_confirmations c join people p on p.id = c.person_id
				 where c.meeting_id = ? order by c.confirmed_at, c.person_id`
			)
			.all(meetingId) as { name: string; confirmed_at: string }[]
	).map((c) => ({ name: c.name, confirmedAt: c.confirmed_at }));
	const attestations = (
		db
			.prepare(
				`select a.id, a.kind, a.original_name, a.size, u.name as by_name, a.created_at
				 from minutes_attestations a join users u on u.id = a.attested_by where a.meeting_id = ? order by a.id`
			)
			.all(meetingId) as {
			id: number;
			kind: 'image' | 'pdf';
			original_name: string;
			size: number;
			by_name: string;
			created_at: string;
		}[]
	).map((a) => ({
		id: a.id,
		kind: a.kind,
		originalName: a.original_name,
		size: a.size,
		attestedBy: a.by_name,
		createdAt: a.created_at
	}));
	const corrections = (
		db
			.prepare(
				`select c.id, c.text, c.reason, u.name as by_name, c.created_at
				 from minutes_corrections c join users u on u.id = c.created_by where c.meeting_id = ? order by c.id`
			)
			.all(meetingId) as {
			id: number;
			text: string;
			reason: string;
			by_name: string;
			created_at: string;
		}[]
	).map((c) => ({
		id: c.id,
		text: c.text,
		reason: c.reason,
		by: c.by_name,
		createdAt: c.created_at
	}));
	const attendance: Partial<Attendance> = { ...view.attendance };
	delete attendance.counts;
	const signedIn = roster.filter((r) => r.signedInAt !== null);
	const spoken = spokenByItem(db, meetingId);
	return {
		meeting: {
			id: m.id,
			type: m.type,
			title: m.title,
			place: m.place,
			meetingDate: m.meetingDate,
			startsAt: m.startsAt,
			state: m.state,
			noticeDate: m.noticeDate,
			minutes: m.minutes,
			auditHeadId: m.auditHeadId,
			auditHeadHash: m.auditHeadHash
		},
		openedAt: view.openedAt,
		closedAt: view.closedAt,
		chairName: view.chairName,
		recorderName: view.recorderName,
		attendance: attendance as Minutes['attendance'],
		attendees: signedIn.filter((r) => r.voting).map((r) => ({ name: r.name, leftAt: r.leftAt })),
		nonVoting: signedIn.filter((r) => !r.voting).map((r) => ({ name: r.name, leftAt: r.leftAt })),
		absentees: roster.filter((r) => r.signedInAt === null).map((r) => ({ name: r.name })),
		guests: view.guests,
		// Person ids stay on the server: the minutes name people, nothing more.
		agenda: view.agenda.map((item) => ({
			...item,
			opinions: item.opinions.map((o) => ({
				id: o.id,
				name: o.name,
				text: o.text,
				createdAt: o.createdAt
			})),
			motions: item.motions.map((mv) => ({
				...mv,
				turnout: mv.turnout?.map((t) => ({ name: t.name, channel: t.channel })) ?? null,
				namedChoices: mv.namedChoices?.map((c) => ({ name: c.name, choice: c.choice })) ?? null,
				presentAtVote: mv.presentAtVote?.length ?? null,
				recusals: mv.recusals.map((r) => ({
					name: r.name,
					reason: r.reason,
					relativeName: r.relativeName,
					declaredBy: r.declaredBy
				}))
			})),
			floor: spoken.get(item.id) ?? []
		})),
		confirmations,
		mayConfirm: signedIn.length,
		attestations,
		corrections
	};
}

/** Where this person stands with the minutes: did they sign in, and when did they confirm. */
export function minutesStanding(
	db: Db,
	meetingId: number,
	personId: number | null
): { attendee: boolean; confirmedAt: string | null } {
	if (personId === null) return { attendee: false, confirmedAt: null };
	const r = db
		.prepare(
			`select r.signed_in_at, c.confirmed_at from meeting_roster r
			 left join minutes_confirmations c on c.meeting_id = r.meeting_id and c.person_id = r.person_id
			 where r.meeting_id = ? and r.person_id = ?`
		)
		.get(meetingId, personId) as
		{ signed_in_at: string | null; confirmed_at: string | null } | undefined;
	return { attendee: !!r?.signed_in_at, confirmedAt: r?.confirmed_at ?? null };
}
