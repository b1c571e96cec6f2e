// A matter the village refers to its township (转乡镇, docs/domain.md §8.3.1): an objection its
// objector referred, or a service case the village referred. Both notices/ and services/ open one
// inside their own verb, so the row and its deadline live here, below both layers.
import type { CommandContext } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { deadlineAfter } from '../calendar/working-days';

/**
 * Days the township has to answer [ours, after practice]. No statute sets a period for a referred
 * village objection. The closest rule is the petition office's (《信访工作条例》, 2022, and the
 * 2005 《信访条例》 before it): tell the petitioner within 15 days whether it takes the matter up,
 * settle it within 60 days of that. The township's answer here is that first reply, so 15 days,
 * counted as 民法典 arts. 201 and 203 count and moved past national rest days (the township keeps
 * no village's own holidays). Article numbers of the regulation are not cited: not checked here.
 */
export const REFERRAL_ANSWER_DAYS = 15;

export type ReferralKind = 'objection' | 'complaint';

export type ReferralOf = { objectionId: number } | { serviceCaseId: number };

/**
 * Opens the referral in the caller's transaction and audits it; null when the village belongs to
 * no township, which then has no inbox to receive it (the flag on the objection or case remains).
 */
export function openTownshipReferral(
	ctx: CommandContext,
	villageId: number,
	of: ReferralOf
): { id: number; answerDue: string } | null {
	const { db, now } = ctx;
	const village = db.prepare('select township_id from villages where id = ?').get(villageId) as
		{ township_id: number | null } | undefined;
	if (!village?.township_id) return null;
	const kind: ReferralKind = 'objectionId' in of ? 'objection' : 'complaint';
	const answerDue = deadlineAfter(todayInChina(now), REFERRAL_ANSWER_DAYS);
	const id = Number(
		db
			.prepare(
				`insert into township_referrals (village_id, kind, objection_id, service_case_id, referred_at, answer_due)
				 values (?, ?, ?, ?, ?, ?)`
			)
			.run(
				villageId,
				kind,
				'objectionId' in of ? of.objectionId : null,
				'serviceCaseId' in of ? of.serviceCaseId : null,
				now.toISOString(),
				answerDue
			).lastInsertRowid
	);
	ctx.audit({
		action: 'referral.opened',
		subjectType: 'township_referral',
		subjectId: id,
		after: { kind, ...of, answerDue }
	});
	return { id, answerDue };
}

/** Where a referred matter stands, as the village and the objector see it. */
export interface ReferralStatus {
	id: number;
	answerDue: string;
	answer: string | null;
	answeredAt: string | null;
	/** The township's answer on the village board, by its number there. */
	noticeSeq: number | null;
}

export function referralStatusOf(db: Db, villageId: number, of: ReferralOf): ReferralStatus | null {
	const column = 'objectionId' in of ? 'objection_id' : 'service_case_id';
	const id = 'objectionId' in of ? of.objectionId : of.serviceCaseId;
	const r = db
		.prepare(
			`select r.id, r.answer_due as answerDue, r.answer, r.answered_at as answeredAt, n.seq as noticeSeq
			 from township_referrals r left join notices n on n.id = r.notice_id
			 where r.village_id = ? and r.${column} = ?`
		)
		.get(villageId, id) as ReferralStatus | undefined;
	return r ?? null;
}
