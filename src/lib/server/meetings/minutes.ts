// The minutes of a meeting (会议记录, docs/domain.md §5.7): generated from the record the meeting
// itself kept, plus the recorder's text. Closing freezes the record; after that only confirmations
// by the attendees, photos of the signed paper sheet and corrections are appended, each with who
// and when.
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import type { Refusal } from '../result';
import { getMeeting, listRoster, type Choice, type Meeting } from './meetings';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import {
	meetingView,
	type AgendaItemView,
	type Attendance,
	type GuestView,
	type MotionView,
	type WrittenOpinionView
} from './view';

export const MINUTES_TEXT_MAX = 20000;
export const CORRECTION_TEXT_MAX = 5000;
export const CORRECTION_REASON_MAX = 500;

/** Characters as SQLite's length() counts them, so the limits here and in the schema agree. */
const chars = (s: string) => [...s].length;

function audit(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	action: string,
	after: unknown,
	now: Date
) {
	appendAudit(db, {
		villageId,
		actorId: actor.userId,
		at: now,
		action,
		subjectType: 'meeting',
		subjectId: meetingId,
		after
	});
}

// ---------- the recorder's text ----------

export type SetMinutesTextResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'closed' | 'bad_text' };

/** 记录: the recorder's running text, kept until the close freezes it with the meeting. */
export function setMinutesText(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	text: string,
	options: { now?: Date } = {}
): SetMinutesTextResult {
	const now = options.now ?? new Date();
	const body = text.trim();
	if (chars(body) > MINUTES_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	return db
		.transaction((): SetMinutesTextResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const meeting = getMeeting(db, villageId, meetingId);
			if (!meeting) return { ok: false, reason: 'not_found' };
			if (meeting.state === 'closed') return { ok: false, reason: 'closed' };
			db.prepare('update meetings set minutes = ? where id = ?').run(body, meetingId);
			audit(
				db,
				actor,
				villageId,
				meetingId,
				'meeting.minutes_text',
				{ length: chars(body), text: body },
				now
			);
			return { ok: true };
		})
		.immediate();
}

// ---------- confirmations ----------

export type ConfirmMinutesResult =
	| { ok: true; alreadyConfirmed: boolean; confirmedAt: string }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_closed' | 'not_attendee' };

/** An attendee confirms the minutes on their phone: only someone who signed in, only after close. */
export function confirmMinutes(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { now?: Date } = {}
): ConfirmMinutesResult {
	const now = options.now ?? new Date();
	const personId = actor.personId;
	if (personId === null) return { ok: false, reason: 'not_attendee' };
	return db
		.transaction((): ConfirmMinutesResult => {
			const meeting = getMeeting(db, villageId, meetingId);
			if (!meeting) return { ok: false, reason: 'not_found' };
			if (meeting.state !== 'closed') return { ok: false, reason: 'not_closed' };
			const signedIn = db
				.prepare(
					'select 1 from meeting_roster where meeting_id = ? and person_id = ? and signed_in_at is not null'
				)
				.get(meetingId, personId);
			if (!signedIn) return { ok: false, reason: 'not_attendee' };
			const earlier = db
				.prepare(
					'select confirmed_at from minutes_confirmations where meeting_id = ? and person_id = ?'
				)
				.pluck()
				.get(meetingId, personId) as string | undefined;
			if (earlier) return { ok: true, alreadyConfirmed: true, confirmedAt: earlier };
			const confirmedAt = now.toISOString();
			db.prepare(
				'insert into minutes_confirmations (meeting_id, person_id, confirmed_at) values (?, ?, ?)'
			).run(meetingId, personId, confirmedAt);
			audit(db, actor, villageId, meetingId, 'meeting.minutes_confirm', { personId }, now);
			return { ok: true, alreadyConfirmed: false, confirmedAt };
		})
		.immediate();
}

// ---------- the signed paper sheet ----------

/** A file already checked, re-encoded and stored by the upload pipeline. */
export interface StoredSheet {
	kind: 'image' | 'pdf';
	storedName: string;
	originalName: string;
	mime: string;
	size: number;
}

export type AttestSignedSheetResult =
	| { ok: true; attestationId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_closed' };

/** Staff attach the photo (or scan) of the paper sheet the attendees signed, after the close. */
export function attestSignedSheet(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	file: StoredSheet,
	options: { now?: Date } = {}
): AttestSignedSheetResult {
	const now = options.now ?? new Date();
	return db
		.transaction((): AttestSignedSheetResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const meeting = getMeeting(db, villageId, meetingId);
			if (!meeting) return { ok: false, reason: 'not_found' };
			if (meeting.state !== 'closed') return { ok: false, reason: 'not_closed' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into minutes_attestations (meeting_id, kind, stored_name, original_name, mime, size, attested_by, created_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					meetingId,
					file.kind,
					file.storedName,
					file.originalName,
					file.mime,
					file.size,
					actor.userId,
					now.toISOString()
				);
			const attestationId = Number(lastInsertRowid);
			audit(
				db,
				actor,
				villageId,
				meetingId,
				'meeting.minutes_attest',
				{ attestationId, kind: file.kind, originalName: file.originalName, size: file.size },
				now
			);
			return { ok: true, attestationId };
		})
		.immediate();
}

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

// ---------- corrections ----------

export type AppendCorrectionResult =
	| { ok: true; correctionId: number }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_closed' | 'bad_correction' | 'bad_reason';
	  };

/** Every reason a minutes command can refuse with; meetings/messages.ts words each. */
export type MinutesRefusal = Refusal<
	SetMinutesTextResult | ConfirmMinutesResult | AttestSignedSheetResult | AppendCorrectionResult
>;

/** 更正: appended after the close with who, when and why; the frozen record never changes. */
export function appendCorrection(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: { text: string; reason: string },
	options: { now?: Date } = {}
): AppendCorrectionResult {
	const now = options.now ?? new Date();
	const text = input.text.trim();
	const reason = input.reason.trim();
	if (chars(text) < 1 || chars(text) > CORRECTION_TEXT_MAX)
		return { ok: false, reason: 'bad_correction' };
	if (chars(reason) < 1 || chars(reason) > CORRECTION_REASON_MAX)
		return { ok: false, reason: 'bad_reason' };
	return db
		.transaction((): AppendCorrectionResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const meeting = getMeeting(db, villageId, meetingId);
			if (!meeting) return { ok: false, reason: 'not_found' };
			if (meeting.state !== 'closed') return { ok: false, reason: 'not_closed' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into minutes_corrections (meeting_id, text, reason, created_by, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(meetingId, text, reason, actor.userId, now.toISOString());
			const correctionId = Number(lastInsertRowid);
			audit(
				db,
				actor,
				villageId,
				meetingId,
				'meeting.minutes_correction',
				{ correctionId, text, reason },
				now
			);
			return { ok: true, correctionId };
		})
		.immediate();
}

// ---------- the generated minutes ----------

export interface MinutesPerson {
	name: string;
}

/** A motion as the minutes print it: voters by name, without the ids the pages act on. */
export type MinutesMotion = Omit<MotionView, 'turnout' | 'namedChoices'> & {
	turnout: (MinutesPerson & { channel: 'online' | 'paper' | 'clerk' })[] | null;
	namedChoices: (MinutesPerson & { choice: Choice })[] | null;
};

export type MinutesAgendaItem = Omit<AgendaItemView, 'motions' | 'opinions'> & {
	opinions: Omit<WrittenOpinionView, 'personId'>[];
	motions: MinutesMotion[];
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
				namedChoices: mv.namedChoices?.map((c) => ({ name: c.name, choice: c.choice })) ?? null
			}))
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
