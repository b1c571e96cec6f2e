// The end of an implementation: the supervision committee's result disclosure (实施结果公开, 4+2
// step 6), posted as a notice open to objections, and the archiving of a finished 4+2 matter.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { command } from '../command';
import type { Db } from '../db';
import type { Refusal } from '../result';
import { postNotice } from '../notices/notices';
import { appendProcedureEvent, matterOf } from '../procedure/matters';
import { archive, stepByPublication } from '../procedure/rules';
import { todayInChina } from '../calendar/dates';
import { endTopic, findTopic } from '../topics/records';
import type { Actor } from '../permissions/actor';
import { isStaffOf, isSupervisorOn } from '../permissions/village';
import { OPINION_MAX, implementationOf, type Implementation } from './implementation';
import type { CompleteResult, ProgressResult, StartResult } from './progress';

const ZH = { locale: 'zh-CN' as const };

export type DiscloseResult =
	| { ok: true; noticeSeq: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_completed'
				| 'already_disclosed'
				| 'bad_opinion'
				| 'resolution_not_published';
	  };

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * The text of the result notice: plan, money by source, completion and the supervisors' opinion.
 * Posted in Chinese, the record on the wall; the board rebuilds it in an English reader's words.
 */
export function resultNoticeBody(
	impl: Implementation,
	opinion: string,
	supervisor: string,
	locale: Locale = 'zh-CN'
): string {
	const o = { locale };
	const spent = impl.progress.at(-1)?.spentFen ?? 0;
	return [
		m.impl_notice_responsible({ name: impl.responsibleName }, o),
		m.impl_notice_plan({ plan: impl.plan }, o),
		m.impl_notice_budget({ total: yuan(impl.budgetFen) }, o),
		...impl.budget.map(
			(b) => `  · ${m.impl_notice_budget_line({ source: b.source, amount: yuan(b.amountFen) }, o)}`
		),
		m.impl_notice_spent({ spent: yuan(spent) }, o),
		m.impl_notice_completed(
			{ date: impl.completion!.completedOn, summary: impl.completion!.summary },
			o
		),
		m.impl_notice_opinion({ name: supervisor, opinion }, o)
	].join('\n');
}

/**
 * 实施结果公开: a member of the supervision committee gives the committee's opinion on a completed
 * implementation; the result notice is posted (open to objections) and, for a 4+2 matter, step 6
 * is done — which the rules allow only after the resolution was published (step 5).
 */
export function discloseResult(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { opinion: string },
	options: { now?: Date } = {}
): DiscloseResult {
	const now = options.now ?? new Date();
	const opinion = input.opinion.trim();
	if (!opinion || opinion.length > OPINION_MAX) return { ok: false, reason: 'bad_opinion' };
	return command(db, {
		actor,
		villageId,
		now,
		load: () => {
			const impl = implementationOf(db, villageId, topicId);
			const topic = findTopic(db, villageId, topicId);
			return impl && topic ? { impl, topic } : null;
		},
		allowed: () => {
			const user = db
				.prepare('select village_id from users where id = ? and disabled_at is null')
				.get(actor.userId) as { village_id: number | null } | undefined;
			return (
				user?.village_id === villageId &&
				isSupervisorOn(db, villageId, actor.personId, todayInChina(now))
			);
		},
		run: ({ impl, topic }, ctx): DiscloseResult => {
			if (!impl.completion) return { ok: false, reason: 'not_completed' };
			if (impl.disclosure) return { ok: false, reason: 'already_disclosed' };
			const matter = matterOf(db, villageId, topicId);
			const step = matter ? stepByPublication(matter.position, 'result_disclosed') : null;
			if (step && !step.ok) return { ok: false, reason: 'resolution_not_published' };
			const supervisor = (
				db.prepare('select name from people where id = ?').get(actor.personId) as { name: string }
			).name;
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'implementation_result',
					title: m.impl_notice_title({ title: topic.title }, ZH),
					summary: m.impl_notice_summary({ date: impl.completion.completedOn }, ZH),
					body: resultNoticeBody(impl, opinion, supervisor),
					topicId,
					resolutionId: impl.resolutionId,
					takesObjections: true
				},
				{ now }
			);
			if (!posted.ok) throw new Error(`result notice refused: ${posted.reason}`);
			db.prepare(
				`insert into implementation_disclosures (implementation_id, supervisor_person_id, opinion, notice_id, recorded_by, created_at)
				 values (?, ?, ?, ?, ?, ?)`
			).run(impl.id, actor.personId, opinion, posted.notice.id, actor.userId, now.toISOString());
			ctx.audit({
				action: 'implementation.disclosed',
				subjectType: 'implementation',
				subjectId: impl.id,
				after: { supervisorPersonId: actor.personId, opinion, noticeId: posted.notice.id }
			});
			if (matter && step?.ok)
				appendProcedureEvent(ctx, topicId, step.event, { before: matter.position });
			return { ok: true, noticeSeq: posted.notice.seq };
		}
	});
}

export type ArchiveResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'not_complete' };

/** Every reason an implementation command can refuse with; implementation/messages.ts words each. */
export type ImplementationRefusal = Refusal<
	StartResult | ProgressResult | CompleteResult | DiscloseResult | ArchiveResult
>;

/** Archives a 4+2 matter once all six steps are done (the result disclosed), ending its topic. */
export function archiveMatter(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	options: { now?: Date } = {}
): ArchiveResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => matterOf(db, villageId, topicId),
		run: (matter, ctx): ArchiveResult => {
			const r = archive(matter.position);
			if (!r.ok) return r;
			appendProcedureEvent(ctx, topicId, r.event, { before: matter.position });
			// Archiving is the 4+2 track's end: the topic is 办结 in the same transaction.
			const ended = endTopic(ctx, matter.topic, 'archive', 'topic.archived');
			if (!ended.ok) return { ok: false, reason: 'not_complete' };
			return { ok: true };
		}
	});
}
