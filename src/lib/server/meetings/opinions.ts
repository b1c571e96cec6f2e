// 书面意见: an attendee's written opinion on an agenda item, sent from their phone (docs/domain.md
// §5.6). Before the meeting anyone called to it may write; once it is open, only those in the hall.
import type { Db } from '../db';
import { command } from '../command';
import { type Actor } from '../permissions';

export const OPINION_MAX_CHARS = 2000;

export type SubmitOpinionResult =
	| { ok: true; opinionId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_open'
				| 'not_on_roster'
				| 'not_signed_in'
				| 'left'
				| 'bad_text';
	  };

export function submitWrittenOpinion(
	db: Db,
	actor: Actor,
	villageId: number,
	agendaItemId: number,
	text: string,
	options: { now?: Date; meetingId?: number } = {}
): SubmitOpinionResult {
	const body = text.trim();
	// Characters as people count them (and as SQLite's length() does), not UTF-16 units.
	const chars = [...body].length;
	if (chars < 1 || chars > OPINION_MAX_CHARS) return { ok: false, reason: 'bad_text' };
	if (actor.personId === null) return { ok: false, reason: 'forbidden' };
	const personId = actor.personId;
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => {
			const item = db
				.prepare(
					`select a.meeting_id, m.state from agenda_items a join meetings m on m.id = a.meeting_id
					 where a.id = ? and m.village_id = ?`
				)
				.get(agendaItemId, villageId) as { meeting_id: number; state: string } | undefined;
			// A page of one meeting may only write to its own agenda.
			return options.meetingId === undefined || item?.meeting_id === options.meetingId
				? item
				: null;
		},
		run: (item, ctx): SubmitOpinionResult => {
			if (item.state !== 'notified' && item.state !== 'open')
				return { ok: false, reason: 'not_open' };
			const entry = db
				.prepare(
					'select signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
				)
				.get(item.meeting_id, personId) as
				{ signed_in_at: string | null; left_at: string | null } | undefined;
			if (!entry) return { ok: false, reason: 'not_on_roster' };
			if (item.state === 'open') {
				if (!entry.signed_in_at) return { ok: false, reason: 'not_signed_in' };
				if (entry.left_at) return { ok: false, reason: 'left' };
			}
			const { lastInsertRowid } = db
				.prepare(
					'insert into written_opinions (agenda_item_id, person_id, text, created_at) values (?, ?, ?, ?)'
				)
				.run(agendaItemId, personId, body, ctx.now.toISOString());
			const opinionId = Number(lastInsertRowid);
			ctx.audit({
				action: 'meeting.written_opinion_recorded',
				subjectType: 'meeting',
				subjectId: item.meeting_id,
				after: { opinionId, agendaItemId, personId, text: body }
			});
			return { ok: true, opinionId };
		}
	});
}

export interface OwnOpinion {
	id: number;
	agendaItemId: number;
	text: string;
	createdAt: string;
}

/** The opinions this person wrote on this meeting's agenda, oldest first. */
export function listOwnOpinions(db: Db, meetingId: number, personId: number): OwnOpinion[] {
	return (
		db
			.prepare(
				`select o.id, o.agenda_item_id, o.text, o.created_at from written_opinions o
				 join agenda_items a on a.id = o.agenda_item_id
				 where a.meeting_id = ? and o.person_id = ? order by o.id`
			)
			.all(meetingId, personId) as {
			id: number;
			agenda_item_id: number;
			text: string;
			created_at: string;
		}[]
	).map((o) => ({
		id: o.id,
		agendaItemId: o.agenda_item_id,
		text: o.text,
		createdAt: o.created_at
	}));
}
