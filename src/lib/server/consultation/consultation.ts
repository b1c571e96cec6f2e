// The consultation track (协商, docs/domain.md §4.8): the record and how it is read, and what every
// consultation command shares. The verbs live beside it: preparation.ts (parties, materials, the
// meeting) and outcome.ts (the outcome, the route it takes, the feedback).
import type { CommandContext } from '../command';
import type { Db } from '../db';
import { isStaffOf } from '../permissions/village';
import { findTopic, type Topic } from '../topics/records';
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
 * Who may act on a topic's consultation and what the command loads: staff of the village, and
 * the topic itself (a topic of another village is not found).
 */
export function staffOnTopic(villageId: number, topicId: number) {
	return {
		may: ({ db, actor }: CommandContext) => actor !== null && isStaffOf(db, actor, villageId),
		load: ({ db }: CommandContext) => findTopic(db, villageId, topicId)
	};
}

/**
 * The topic's consultation, opened on its first command; null when the topic is not on the
 * consultation track. Opening it is rolled back with the command that refuses after it.
 */
export function openConsultation(ctx: CommandContext, topic: Topic): Consultation | null {
	if (topic.state !== 'consultation') return null;
	if (!consultationOf(ctx.db, topic.villageId, topic.id))
		ctx.db
			.prepare(
				'insert into consultations (village_id, topic_id, created_by, created_at) values (?, ?, ?, ?)'
			)
			.run(topic.villageId, topic.id, ctx.actor?.userId ?? null, ctx.now.toISOString());
	return consultationOf(ctx.db, topic.villageId, topic.id);
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
