// Preparing a consultation (协商): naming the consulting parties, recording when the materials
// went out, and linking the consultation meeting whose speeches are the parties' opinions.
import { command } from '../command';
import type { Db } from '../db';
import { type Actor } from '../permissions';
import { isValidDate, todayInChina } from '../calendar/dates';
import { openConsultation, staffOnTopic, type ConsultationResult } from './consultation';

// A party's name as the roster keeps names, and a line on what the party stands to gain or lose.
export const PARTY_NAME_MAX = 32;
export const PARTY_INTEREST_MAX = 200;

/** Names a consulting party: a roster person, or by name someone outside the roster. */
export function addParty(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { personId?: number | null; name?: string; interest?: string },
	options: { now?: Date } = {}
): ConsultationResult {
	const interest = (input.interest ?? '').trim();
	if (interest.length > PARTY_INTEREST_MAX) return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			const c = openConsultation(ctx, topic);
			if (!c) return { ok: false, reason: 'not_consultation' };
			if (c.outcome !== null) return { ok: false, reason: 'outcome_recorded' };
			let name = (input.name ?? '').trim();
			if (input.personId != null) {
				const p = db
					.prepare('select name from people where id = ? and village_id = ?')
					.get(input.personId, villageId) as { name: string } | undefined;
				if (!p) return { ok: false, reason: 'bad_person' };
				name = p.name;
			}
			if (!name || name.length > PARTY_NAME_MAX) return { ok: false, reason: 'bad_name' };
			if (c.parties.some((p) => p.name === name)) return { ok: false, reason: 'duplicate_party' };
			db.prepare(
				'insert into consultation_parties (consultation_id, person_id, name, interest) values (?, ?, ?, ?)'
			).run(c.id, input.personId ?? null, name, interest);
			ctx.audit({
				action: 'consultation.party_added',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, personId: input.personId ?? null, name, interest }
			});
			return { ok: true };
		}
	});
}

/** The day the materials went to the parties ("materials sent in advance"). */
export function recordMaterialsSent(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	sentOn: string,
	options: { now?: Date } = {}
): ConsultationResult {
	const now = options.now ?? new Date();
	if (!isValidDate(sentOn)) return { ok: false, reason: 'bad_date' };
	if (sentOn > todayInChina(now)) return { ok: false, reason: 'future_date' };
	return command(db, {
		actor,
		villageId,
		now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			const c = openConsultation(ctx, topic);
			if (!c) return { ok: false, reason: 'not_consultation' };
			if (c.materialsSentOn) return { ok: false, reason: 'already_recorded' };
			if (c.parties.length === 0) return { ok: false, reason: 'no_parties' };
			db.prepare('update consultations set materials_sent_on = ? where id = ?').run(sentOn, c.id);
			ctx.audit({
				action: 'consultation.materials_sent',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, sentOn }
			});
			return { ok: true };
		}
	});
}

/**
 * Links the consultation meeting: a meeting of type 'consultation' of this village on this topic,
 * whose named attendees include every roster party.
 */
export function linkMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	meetingId: number,
	options: { now?: Date } = {}
): ConsultationResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			const c = openConsultation(ctx, topic);
			if (!c) return { ok: false, reason: 'not_consultation' };
			if (c.meeting) return { ok: false, reason: 'already_recorded' };
			if (c.parties.length === 0) return { ok: false, reason: 'no_parties' };
			const meeting = db
				.prepare(
					`select m.id from meetings m join agenda_items a on a.meeting_id = m.id
					 where m.id = ? and m.village_id = ? and m.type = 'consultation' and a.topic_id = ?`
				)
				.get(meetingId, villageId, topicId);
			if (!meeting) return { ok: false, reason: 'bad_meeting' };
			const invited = new Set(
				db
					.prepare('select person_id from meeting_roster where meeting_id = ?')
					.pluck()
					.all(meetingId) as number[]
			);
			if (c.parties.some((p) => p.personId != null && !invited.has(p.personId)))
				return { ok: false, reason: 'parties_not_invited' };
			db.prepare('update consultations set meeting_id = ? where id = ?').run(meetingId, c.id);
			ctx.audit({
				action: 'consultation.meeting_linked',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, meetingId }
			});
			return { ok: true };
		}
	});
}
