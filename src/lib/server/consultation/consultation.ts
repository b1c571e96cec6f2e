// The consultation track (协商, docs/domain.md §4.8): consulting parties named, materials sent, the
// consultation meeting linked (its opinions are that meeting's speeches), the consultation
// outcome (协商意见 — never a resolution) posted as a notice, then submitted to a decision meeting
// or implemented directly, and finally the feedback on how the outcome was used, posted too.
import { m } from '$lib/paraglide/messages';
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import { postNotice } from '../notices/notices';
import { isValidDate, todayInChina } from '../roster/dates';
import { findTopic, type Topic } from '../topics/records';
import { isStaffOf } from '../permissions/village';
import { type Actor } from '../permissions';

const ZH = { locale: 'zh-CN' as const };

export interface Party {
	id: number;
	personId: number | null;
	name: string;
	interest: string;
}

export interface ConsultationSpeech {
	speakerName: string;
	summary: string;
}

export interface Consultation {
	id: number;
	topicId: number;
	parties: Party[];
	materialsSentOn: string | null;
	meeting: { id: number; title: string; meetingDate: string; state: string } | null;
	speeches: ConsultationSpeech[];
	outcome: string | null;
	outcomeNoticeSeq: number | null;
	route: 'submit' | 'implement' | null;
	routeReason: string;
	feedback: string | null;
	feedbackNoticeSeq: number | null;
}

/**
 * Matters within the villagers' or representatives' meeting's powers must go to a decision
 * meeting: any art. 24 item, and village rules (组织法 2018 arts. 24, 27).
 */
export function mustSubmit(topic: Pick<Topic, 'art24Items' | 'category'>): boolean {
	return topic.art24Items.length > 0 || topic.category === 'village_rules';
}

interface Row {
	id: number;
	topic_id: number;
	materials_sent_on: string | null;
	meeting_id: number | null;
	outcome: string | null;
	outcome_notice_id: number | null;
	route: 'submit' | 'implement' | null;
	route_reason: string;
	feedback: string | null;
	feedback_notice_id: number | null;
}

const seqOf = (db: Db, noticeId: number | null) =>
	noticeId == null
		? null
		: (db.prepare('select seq from notices where id = ?').get(noticeId) as { seq: number }).seq;

export function consultationOf(db: Db, villageId: number, topicId: number): Consultation | null {
	const r = db
		.prepare('select * from consultations where topic_id = ? and village_id = ?')
		.get(topicId, villageId) as Row | undefined;
	if (!r) return null;
	const parties = (
		db
			.prepare(
				'select id, person_id, name, interest from consultation_parties where consultation_id = ? order by id'
			)
			.all(r.id) as { id: number; person_id: number | null; name: string; interest: string }[]
	).map((p) => ({ id: p.id, personId: p.person_id, name: p.name, interest: p.interest }));
	const meeting = r.meeting_id
		? (db
				.prepare('select id, title, meeting_date as meetingDate, state from meetings where id = ?')
				.get(r.meeting_id) as Consultation['meeting'])
		: null;
	const speeches = r.meeting_id
		? (db
				.prepare(
					`select s.speaker_name as speakerName, s.summary from speeches s join agenda_items a on a.id = s.agenda_item_id
					 where a.meeting_id = ? and a.topic_id = ? order by s.id`
				)
				.all(r.meeting_id, topicId) as ConsultationSpeech[])
		: [];
	return {
		id: r.id,
		topicId: r.topic_id,
		parties,
		materialsSentOn: r.materials_sent_on,
		meeting,
		speeches,
		outcome: r.outcome,
		outcomeNoticeSeq: seqOf(db, r.outcome_notice_id),
		route: r.route,
		routeReason: r.route_reason,
		feedback: r.feedback,
		feedbackNoticeSeq: seqOf(db, r.feedback_notice_id)
	};
}

export type ConsultationRefusal =
	| 'forbidden'
	| 'not_found'
	| 'not_consultation'
	| 'bad_name'
	| 'bad_person'
	| 'duplicate_party'
	| 'outcome_recorded'
	| 'bad_date'
	| 'future_date'
	| 'already_recorded'
	| 'no_parties'
	| 'bad_meeting'
	| 'meeting_not_closed'
	| 'parties_not_invited'
	| 'no_meeting'
	| 'bad_text'
	| 'no_outcome'
	| 'bad_route'
	| 'must_submit'
	| 'no_route';

export type ConsultationResult = { ok: true } | { ok: false; reason: ConsultationRefusal };

/**
 * Runs `change` on the topic's consultation (created on first use) in one transaction, for staff
 * and a topic on the consultation track of this village.
 */
function onConsultation(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	change: (c: Consultation, topic: Topic) => ConsultationResult,
	now: Date
): ConsultationResult {
	return db
		.transaction((): ConsultationResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const topic = findTopic(db, villageId, topicId);
			if (!topic) return { ok: false, reason: 'not_found' };
			if (topic.state !== 'consultation') return { ok: false, reason: 'not_consultation' };
			if (!consultationOf(db, villageId, topicId))
				db.prepare(
					'insert into consultations (village_id, topic_id, created_by, created_at) values (?, ?, ?, ?)'
				).run(villageId, topicId, actor.userId, now.toISOString());
			return change(consultationOf(db, villageId, topicId)!, topic);
		})
		.immediate();
}

function audit(
	db: Db,
	actor: Actor,
	villageId: number,
	c: Consultation,
	action: string,
	after: unknown,
	now: Date
) {
	appendAudit(db, {
		villageId,
		actorId: actor.userId,
		at: now,
		action: `consultation.${action}`,
		subjectType: 'consultation',
		subjectId: c.id,
		after: { topicId: c.topicId, ...(after as object) }
	});
}

/** Names a consulting party: a roster person, or by name someone outside the roster. */
export function addParty(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { personId?: number | null; name?: string; interest?: string },
	options: { now?: Date } = {}
): ConsultationResult {
	const now = options.now ?? new Date();
	const interest = (input.interest ?? '').trim();
	if (interest.length > 200) return { ok: false, reason: 'bad_text' };
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c) => {
			if (c.outcome !== null) return { ok: false, reason: 'outcome_recorded' };
			let name = (input.name ?? '').trim();
			if (input.personId != null) {
				const p = db
					.prepare('select name from people where id = ? and village_id = ?')
					.get(input.personId, villageId) as { name: string } | undefined;
				if (!p) return { ok: false, reason: 'bad_person' };
				name = p.name;
			}
			if (!name || name.length > 32) return { ok: false, reason: 'bad_name' };
			if (c.parties.some((p) => p.name === name)) return { ok: false, reason: 'duplicate_party' };
			db.prepare(
				'insert into consultation_parties (consultation_id, person_id, name, interest) values (?, ?, ?, ?)'
			).run(c.id, input.personId ?? null, name, interest);
			audit(
				db,
				actor,
				villageId,
				c,
				'party',
				{ personId: input.personId ?? null, name, interest },
				now
			);
			return { ok: true };
		},
		now
	);
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
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c) => {
			if (c.materialsSentOn) return { ok: false, reason: 'already_recorded' };
			if (c.parties.length === 0) return { ok: false, reason: 'no_parties' };
			db.prepare('update consultations set materials_sent_on = ? where id = ?').run(sentOn, c.id);
			audit(db, actor, villageId, c, 'materials_sent', { sentOn }, now);
			return { ok: true };
		},
		now
	);
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
	const now = options.now ?? new Date();
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c) => {
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
			audit(db, actor, villageId, c, 'meeting', { meetingId }, now);
			return { ok: true };
		},
		now
	);
}

/** 协商意见: recorded after the consultation meeting closed, and posted on the notice board. */
export function recordOutcome(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	outcome: string,
	options: { now?: Date } = {}
): ConsultationResult {
	const now = options.now ?? new Date();
	const text = outcome.trim();
	if (!text || text.length > 5000) return { ok: false, reason: 'bad_text' };
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c, topic) => {
			if (c.outcome !== null) return { ok: false, reason: 'already_recorded' };
			if (!c.meeting) return { ok: false, reason: 'no_meeting' };
			if (c.meeting.state !== 'closed') return { ok: false, reason: 'meeting_not_closed' };
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'consultation_outcome',
					title: m.consult_notice_outcome_title({ title: topic.title }, ZH),
					summary: m.consult_notice_outcome_summary(
						{ date: c.meeting.meetingDate, parties: c.parties.map((p) => p.name).join('、') },
						ZH
					),
					body: text,
					topicId,
					meetingId: c.meeting.id,
					takesObjections: true
				},
				{ now }
			);
			if (!posted.ok) throw new Error(`outcome notice refused: ${posted.reason}`);
			db.prepare('update consultations set outcome = ?, outcome_notice_id = ? where id = ?').run(
				text,
				posted.notice.id,
				c.id
			);
			audit(db, actor, villageId, c, 'outcome', { outcome: text, noticeId: posted.notice.id }, now);
			return { ok: true };
		},
		now
	);
}

/** Submit the outcome to a decision meeting, or implement it directly where the law allows. */
export function chooseRoute(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { route: string; reason?: string },
	options: { now?: Date } = {}
): ConsultationResult {
	const now = options.now ?? new Date();
	const reason = (input.reason ?? '').trim();
	if (input.route !== 'submit' && input.route !== 'implement')
		return { ok: false, reason: 'bad_route' };
	if (reason.length > 500) return { ok: false, reason: 'bad_text' };
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c, topic) => {
			if (c.route) return { ok: false, reason: 'already_recorded' };
			if (c.outcome === null) return { ok: false, reason: 'no_outcome' };
			if (input.route === 'implement' && mustSubmit(topic))
				return { ok: false, reason: 'must_submit' };
			db.prepare('update consultations set route = ?, route_reason = ? where id = ?').run(
				input.route,
				reason,
				c.id
			);
			audit(db, actor, villageId, c, 'route', { route: input.route, reason }, now);
			return { ok: true };
		},
		now
	);
}

/** 反馈: how the outcome was used, posted on the notice board. */
export function recordFeedback(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	feedback: string,
	options: { now?: Date } = {}
): ConsultationResult {
	const now = options.now ?? new Date();
	const text = feedback.trim();
	if (!text || text.length > 5000) return { ok: false, reason: 'bad_text' };
	return onConsultation(
		db,
		actor,
		villageId,
		topicId,
		(c, topic) => {
			if (c.feedback !== null) return { ok: false, reason: 'already_recorded' };
			if (!c.route) return { ok: false, reason: 'no_route' };
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'consultation_feedback',
					title: m.consult_notice_feedback_title({ title: topic.title }, ZH),
					body: text,
					topicId
				},
				{ now }
			);
			if (!posted.ok) throw new Error(`feedback notice refused: ${posted.reason}`);
			db.prepare('update consultations set feedback = ?, feedback_notice_id = ? where id = ?').run(
				text,
				posted.notice.id,
				c.id
			);
			audit(
				db,
				actor,
				villageId,
				c,
				'feedback',
				{ feedback: text, noticeId: posted.notice.id },
				now
			);
			return { ok: true };
		},
		now
	);
}

/** Consultation meetings (协商议事会) that have this topic on their agenda, by date. */
export function consultationMeetingsOf(
	db: Db,
	villageId: number,
	topicId: number
): { id: number; title: string; meetingDate: string }[] {
	return db
		.prepare(
			`select distinct m.id, m.title, m.meeting_date as meetingDate from meetings m
			 join agenda_items a on a.meeting_id = m.id
			 where m.village_id = ? and m.type = 'consultation' and a.topic_id = ? order by m.meeting_date`
		)
		.all(villageId, topicId) as { id: number; title: string; meetingDate: string }[];
}
