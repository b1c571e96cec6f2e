// After the consultation meeting: the outcome (协商意见 — never a resolution) posted as a notice,
// the route it takes (a decision meeting through the 4+2 track, or direct implementation where the
// law allows), and the feedback on how it was used, posted too: art. 35 (2026) item 4.
import { m } from '$lib/paraglide/messages';
import { command } from '../command';
import type { Db } from '../db';
import { postNotice } from '../notices/notices';
import { type Actor } from '../permissions';
import { endTopic, moveState } from '../topics/records';
import {
	consultationOf,
	mustSubmit,
	openConsultation,
	staffOnTopic,
	type ConsultationResult
} from './consultation';

const ZH = { locale: 'zh-CN' as const };

// The outcome and the feedback are posted whole on the notice board; a route's reason is a note.
export const CONSULT_TEXT_MAX = 5000;
export const ROUTE_REASON_MAX = 500;
// After the outcome: submitted to a meeting for a decision, or implemented as agreed.
export const CONSULT_ROUTES = ['submit', 'implement'] as const;

/** 协商意见: recorded after the consultation meeting closed, and posted on the notice board. */
export function recordOutcome(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	outcome: string,
	options: { now?: Date } = {}
): ConsultationResult {
	const text = outcome.trim();
	if (!text || text.length > CONSULT_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			const c = openConsultation(ctx, topic);
			if (!c) return { ok: false, reason: 'not_consultation' };
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
				{ now: ctx.now }
			);
			if (!posted.ok) throw new Error(`outcome notice refused: ${posted.reason}`);
			db.prepare('update consultations set outcome = ?, outcome_notice_id = ? where id = ?').run(
				text,
				posted.notice.id,
				c.id
			);
			ctx.audit({
				action: 'consultation.outcome_recorded',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, outcome: text, noticeId: posted.notice.id }
			});
			return { ok: true };
		}
	});
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
	const reason = (input.reason ?? '').trim();
	if (!(CONSULT_ROUTES as readonly string[]).includes(input.route))
		return { ok: false, reason: 'bad_route' };
	if (reason.length > ROUTE_REASON_MAX) return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			// A route to a decision meeting has already moved the topic off the consultation track.
			if (consultationOf(db, villageId, topicId)?.route)
				return { ok: false, reason: 'already_recorded' };
			const c = openConsultation(ctx, topic);
			if (!c) return { ok: false, reason: 'not_consultation' };
			if (c.outcome === null) return { ok: false, reason: 'no_outcome' };
			if (input.route === 'implement' && mustSubmit(topic))
				return { ok: false, reason: 'must_submit' };
			db.prepare('update consultations set route = ?, route_reason = ? where id = ?').run(
				input.route,
				reason,
				c.id
			);
			ctx.audit({
				action: 'consultation.route_chosen',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, route: input.route, reason }
			});
			// A decision meeting decides through the 4+2 procedure, so the topic takes that track now.
			if (input.route === 'submit') {
				const moved = moveState(ctx, topic, 'submit_to_decision', 'topic.moved_to_four_plus_two');
				if (!moved.ok) return { ok: false, reason: 'not_consultation' };
			}
			return { ok: true };
		}
	});
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
	const text = feedback.trim();
	if (!text || text.length > CONSULT_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		...staffOnTopic(villageId, topicId),
		run: (topic, ctx): ConsultationResult => {
			// An outcome submitted for decision has moved its topic to the 4+2 track: its feedback is
			// still this consultation's to publish.
			const c = consultationOf(db, villageId, topicId);
			if (!c) return { ok: false, reason: 'not_consultation' };
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
				{ now: ctx.now }
			);
			if (!posted.ok) throw new Error(`feedback notice refused: ${posted.reason}`);
			db.prepare('update consultations set feedback = ?, feedback_notice_id = ? where id = ?').run(
				text,
				posted.notice.id,
				c.id
			);
			ctx.audit({
				action: 'consultation.feedback_recorded',
				subjectType: 'consultation',
				subjectId: c.id,
				after: { topicId, feedback: text, noticeId: posted.notice.id }
			});
			// Implemented as agreed: the published feedback is the consultation track's end.
			if (topic.state === 'consultation') {
				const ended = endTopic(ctx, topic, 'publish_feedback', 'topic.feedback_published');
				if (!ended.ok) return { ok: false, reason: 'not_consultation' };
			}
			return { ok: true };
		}
	});
}
