// Objections that reach the village without a phone (issue 16 item 1): on paper, in person, by
// phone or in the suggestion box. The clerk records them at the notice desk; the objector's name,
// contact and the channel stay staff-only, and the public sees the text and answer as for any other.
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import { deadlineAfter } from '../calendar/working-days';
import { getVillageSettings } from '../villages/settings';
import { isStaffOf } from '../permissions/village';
import type { Actor } from '../permissions';
import { ANSWER_DAYS, getNotice } from './notices';
import { getObjection, OBJECTION_TEXT_MAX, PAPER_CHANNELS, type Objection } from './objections';

export const OBJECTOR_NAME_MAX = 50;
export const OBJECTOR_CONTACT_MAX = 100;

export interface PaperObjectionInput {
	noticeSeq: number;
	channel: string;
	name: string;
	contact: string;
	/** The day it was received (YYYY-MM-DD), which the objection window is judged by. */
	receivedOn: string;
	/** As received, or the clerk's summary: it is public, so without personal data. */
	text: string;
}

export type RecordPaperObjectionResult =
	| { ok: true; objection: Objection }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'no_objections'
				| 'window_closed'
				| 'bad_text'
				| 'bad_channel'
				| 'bad_name'
				| 'bad_contact'
				| 'bad_received';
	  };

export function recordPaperObjection(
	db: Db,
	actor: Actor,
	villageId: number,
	input: PaperObjectionInput,
	options: { now?: Date } = {}
): RecordPaperObjectionResult {
	const now = options.now ?? new Date();
	const name = input.name.trim();
	const contact = input.contact.trim();
	const body = input.text.trim();
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => getNotice(db, villageId, input.noticeSeq),
		run: (notice, ctx): RecordPaperObjectionResult => {
			if (notice.objectionsUntil === null) return { ok: false, reason: 'no_objections' };
			if (!(PAPER_CHANNELS as readonly string[]).includes(input.channel))
				return { ok: false, reason: 'bad_channel' };
			if (name.length < 1 || name.length > OBJECTOR_NAME_MAX)
				return { ok: false, reason: 'bad_name' };
			if (contact.length > OBJECTOR_CONTACT_MAX) return { ok: false, reason: 'bad_contact' };
			const received = input.receivedOn.trim();
			// Not before the notice was posted, and not a day that has yet to come.
			if (!isValidDate(received) || received < notice.postedOn || received > todayInChina(now))
				return { ok: false, reason: 'bad_received' };
			// Judged by the day received, as an online one by the day filed: an objection handed in
			// on the last day and typed in later still counts (民法典 art. 203: the day ends at 24:00).
			if (received > notice.objectionsUntil) return { ok: false, reason: 'window_closed' };
			if (body.length < 1 || body.length > OBJECTION_TEXT_MAX)
				return { ok: false, reason: 'bad_text' };
			// The five days to answer run from receipt, not from when the clerk typed it in.
			const answerDue = deadlineAfter(
				received,
				ANSWER_DAYS,
				getVillageSettings(db, villageId).holidays
			);
			const { lastInsertRowid } = db
				.prepare(
					`insert into objections (notice_id, channel, objector_name, objector_contact, received_on,
					   recorded_by, text, filed_at, answer_due)
					 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					notice.id,
					input.channel,
					name,
					contact || null,
					received,
					actor.userId,
					body,
					now.toISOString(),
					answerDue
				);
			const id = Number(lastInsertRowid);
			ctx.audit({
				action: 'objection.recorded',
				subjectType: 'objection',
				subjectId: id,
				after: { noticeId: notice.id, seq: notice.seq, channel: input.channel, received, answerDue }
			});
			return { ok: true, objection: getObjection(db, villageId, id)! };
		}
	});
}
