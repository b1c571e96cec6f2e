// The minutes' verbs (会议记录, docs/domain.md §5.7): the recorder's text, editable while the
// meeting runs and after the close until the minutes are confirmed (by an attendee or the signed
// sheet); confirmations, photos of the signed paper sheet and corrections are appended after the
// close, each with who and when. The page's read model is minutes-view.ts.
import type { Db } from '../db';
import { command } from '../command';
import type { Refusal } from '../result';
import type { Actor } from '../permissions/actor';
import { byStaff, getMeeting, type Meeting } from './records';

export const MINUTES_TEXT_MAX = 20000;
export const CORRECTION_TEXT_MAX = 5000;
export const CORRECTION_REASON_MAX = 500;

/** Characters as SQLite's length() counts them, so the limits here and in the schema agree. */
const chars = (s: string) => [...s].length;

export type SetMinutesTextResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'confirmed' | 'bad_text' };

/** Has anyone confirmed the minutes: an attendee on a phone, or staff with the signed sheet. */
export function minutesConfirmed(db: Db, meetingId: number): boolean {
	return !!db
		.prepare(
			`select exists (select 1 from minutes_confirmations where meeting_id = @id)
			   or exists (select 1 from minutes_attestations where meeting_id = @id)`
		)
		.pluck()
		.get({ id: meetingId });
}

/**
 * The rule for the recorder's text: a recorder often finishes it after the meeting, so it stays
 * editable after the close; once the minutes are confirmed, what was confirmed must not change.
 */
export const minutesTextEditable = (state: Meeting['state'], confirmed: boolean) =>
	state !== 'closed' || !confirmed;

/** May the recorder's text of this meeting still change, as the minutes page asks. */
export const minutesTextOpen = (db: Db, meeting: Pick<Meeting, 'id' | 'state'>) =>
	minutesTextEditable(meeting.state, minutesConfirmed(db, meeting.id));

/** 记录: the recorder's text, until the minutes are confirmed (migration 016 holds it too). */
export function setMinutesText(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	text: string,
	options: { now?: Date } = {}
): SetMinutesTextResult {
	const body = text.trim();
	if (chars(body) > MINUTES_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): SetMinutesTextResult => {
			if (!minutesTextOpen(db, meeting)) return { ok: false, reason: 'confirmed' };
			db.prepare('update meetings set minutes = ? where id = ?').run(body, meetingId);
			// After the close the chain head printed in the minutes precedes this edit, so the entry
			// keeps the text it replaced as well.
			ctx.audit({
				action: 'meeting.minutes_text_saved',
				subjectType: 'meeting',
				subjectId: meetingId,
				...(meeting.state === 'closed' && { before: { text: meeting.minutes } }),
				after: { length: chars(body), text: body, afterClose: meeting.state === 'closed' }
			});
			return { ok: true };
		}
	});
}

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
	const personId = actor.personId;
	if (personId === null) return { ok: false, reason: 'not_attendee' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): ConfirmMinutesResult => {
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
			const confirmedAt = ctx.now.toISOString();
			db.prepare(
				'insert into minutes_confirmations (meeting_id, person_id, confirmed_at) values (?, ?, ?)'
			).run(meetingId, personId, confirmedAt);
			ctx.audit({
				action: 'meeting.minutes_confirmed',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { personId }
			});
			return { ok: true, alreadyConfirmed: false, confirmedAt };
		}
	});
}

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
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): AttestSignedSheetResult => {
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
					ctx.now.toISOString()
				);
			const attestationId = Number(lastInsertRowid);
			ctx.audit({
				action: 'meeting.minutes_attested',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { attestationId, kind: file.kind, originalName: file.originalName, size: file.size }
			});
			return { ok: true, attestationId };
		}
	});
}

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
	const text = input.text.trim();
	const reason = input.reason.trim();
	if (chars(text) < 1 || chars(text) > CORRECTION_TEXT_MAX)
		return { ok: false, reason: 'bad_correction' };
	if (chars(reason) < 1 || chars(reason) > CORRECTION_REASON_MAX)
		return { ok: false, reason: 'bad_reason' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): AppendCorrectionResult => {
			if (meeting.state !== 'closed') return { ok: false, reason: 'not_closed' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into minutes_corrections (meeting_id, text, reason, created_by, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(meetingId, text, reason, actor.userId, ctx.now.toISOString());
			const correctionId = Number(lastInsertRowid);
			ctx.audit({
				action: 'meeting.minutes_corrected',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { correctionId, text, reason }
			});
			return { ok: true, correctionId };
		}
	});
}
