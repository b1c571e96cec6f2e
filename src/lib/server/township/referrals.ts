// The township's inbox of referred objections and complaints (issue 19, docs/domain.md §8.3.1): what
// its villages referred, each with its answer deadline, and the official's answer, given once and
// posted on the village's board in the same transaction, with no one's name or number in it.
import { m } from '$lib/paraglide/messages';
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { workingDaysBetween } from '../calendar/working-days';
import { isTownshipOfficialFor } from '../permissions/village';
import { postNotice } from '../notices/notices';
import type { Actor } from '../permissions/actor';
import type { Refusal } from '../result';
import type { ReferralKind } from '../villages/township-referral';

const ZH = { locale: 'zh-CN' as const };

export const REFERRAL_ANSWER_MAX = 2000;

/** One referral as the inbox lists it: the village, what it is about, and its deadline. */
export interface ReferralItem {
	id: number;
	kind: ReferralKind;
	villageId: number;
	villageSlug: string;
	villageName: string;
	townshipName: string;
	objectionId: number | null;
	serviceCaseId: number | null;
	/** The objection's notice (number and title) and its place among the notice's objections. */
	noticeSeq: number | null;
	noticeTitle: string | null;
	objectionOrdinal: number | null;
	/** The case's tracking number and title (the title stays inside the township's desk). */
	caseNumber: string | null;
	caseTitle: string | null;
	referredAt: string;
	answerDue: string;
	answer: string | null;
	answeredAt: string | null;
	/** The township's answer on the village board, by its number there. */
	answerNoticeSeq: number | null;
	/** Working days past the deadline while unanswered; 0 when not overdue. */
	overdueDays: number;
}

const SELECT = `select r.id, r.kind, r.village_id as villageId, v.slug as villageSlug, v.name as villageName,
	coalesce(t.name, '') as townshipName, r.objection_id as objectionId, r.service_case_id as serviceCaseId,
	n.seq as noticeSeq, n.title as noticeTitle,
	(select count(*) from objections p where p.notice_id = o.notice_id and p.id <= o.id) as objectionOrdinal,
	c.number as caseNumber, c.title as caseTitle, r.referred_at as referredAt, r.answer_due as answerDue,
	r.answer, r.answered_at as answeredAt, a.seq as answerNoticeSeq
	from township_referrals r join villages v on v.id = r.village_id left join townships t on t.id = v.township_id
	left join objections o on o.id = r.objection_id left join notices n on n.id = o.notice_id
	left join service_cases c on c.id = r.service_case_id left join notices a on a.id = r.notice_id`;

type Row = Omit<ReferralItem, 'overdueDays' | 'objectionOrdinal'> & { objectionOrdinal: number };

/** Past its deadline and unanswered: the working days since, on the national calendar. */
export const overdueDaysOf = (r: Pick<ReferralItem, 'answer' | 'answerDue'>, today: string) =>
	r.answer === null && today > r.answerDue ? workingDaysBetween(r.answerDue, today) : 0;

const toItem = (r: Row, today: string): ReferralItem => ({
	...r,
	objectionOrdinal: r.objectionId === null ? null : r.objectionOrdinal,
	overdueDays: overdueDaysOf(r, today)
});

/** The township's inbox: unanswered first, the earliest deadline first; then the answered, newest first. */
export function townshipReferrals(db: Db, townshipId: number, today: string): ReferralItem[] {
	return (
		db
			.prepare(
				`${SELECT} where v.township_id = ?
				 order by r.answered_at is not null, case when r.answered_at is null then r.answer_due end,
				   r.answered_at desc, r.id`
			)
			.all(townshipId) as Row[]
	).map((r) => toItem(r, today));
}

/** A village's referrals, newest first. */
export function referralsOfVillage(db: Db, villageId: number, today: string): ReferralItem[] {
	return (
		db.prepare(`${SELECT} where r.village_id = ? order by r.id desc`).all(villageId) as Row[]
	).map((r) => toItem(r, today));
}

/** One referral of a village of this township; null for another township's. */
export function findTownshipReferral(
	db: Db,
	townshipId: number,
	id: number,
	today: string
): ReferralItem | null {
	const r = db.prepare(`${SELECT} where r.id = ? and v.township_id = ?`).get(id, townshipId) as
		Row | undefined;
	return r ? toItem(r, today) : null;
}

function findVillageReferral(db: Db, villageId: number, id: number, today: string) {
	const r = db.prepare(`${SELECT} where r.id = ? and r.village_id = ?`).get(id, villageId) as
		Row | undefined;
	return r ? toItem(r, today) : null;
}

/**
 * The answer notice's words. It names the matter by the public numbers the board already shows
 * (the notice and the objection's number on it, or the case's tracking number), never by the
 * villager's words: an objection or a request may name its writer, their household or neighbours,
 * and a service case is private to the village's staff and the villager.
 */
export function answerNoticeWords(
	r: ReferralItem,
	answer: string,
	answeredOn: string
): { title: string; summary: string; body: string } {
	const township = r.townshipName;
	const subject =
		r.kind === 'objection'
			? m.tref_notice_subject_objection(
					{ seq: r.noticeSeq!, title: r.noticeTitle!, ordinal: r.objectionOrdinal! },
					ZH
				)
			: m.tref_notice_subject_complaint({ number: r.caseNumber! }, ZH);
	return {
		title:
			r.kind === 'objection'
				? m.tref_notice_title_objection({ township }, ZH)
				: m.tref_notice_title_complaint({ township }, ZH),
		summary: subject,
		body: [
			subject,
			m.tref_notice_referred({ date: todayInChina(new Date(r.referredAt)) }, ZH),
			'',
			answer,
			'',
			m.tref_notice_signed({ township, date: answeredOn }, ZH)
		].join('\n')
	};
}

export type AnswerReferralResult =
	| { ok: true; referral: ReferralItem; noticeSeq: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_answered' | 'bad_text' };

export type ReferralRefusal = Refusal<AnswerReferralResult>;

/**
 * A township official answers a referral, once. A reviewer reads the inbox but does not answer:
 * the answer speaks for the township government (乡镇人民政府), which its official does. The answer
 * goes on the village's board as a general notice linked to the referral, in this transaction.
 */
export function answerReferral(
	db: Db,
	actor: Actor,
	villageId: number,
	referralId: number,
	input: { answer: string },
	options: { now?: Date } = {}
): AnswerReferralResult {
	const now = options.now ?? new Date();
	const text = input.answer.trim();
	const today = todayInChina(now);
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isTownshipOfficialFor(db, actor, villageId),
		load: () => findVillageReferral(db, villageId, referralId, today),
		run: (r, ctx): AnswerReferralResult => {
			if (r.answer !== null) return { ok: false, reason: 'already_answered' };
			if ([...text].length < 1 || [...text].length > REFERRAL_ANSWER_MAX)
				return { ok: false, reason: 'bad_text' };
			const words = answerNoticeWords(r, text, today);
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{ kind: 'general', ...words, townshipReferralId: r.id },
				{ now }
			);
			if (!posted.ok) throw new Error(`referral answer notice refused: ${posted.reason}`);
			db.prepare(
				`update township_referrals set answer = ?, answered_by = ?, answered_at = ?, notice_id = ?
				 where id = ?`
			).run(text, actor.userId, now.toISOString(), posted.notice.id, r.id);
			ctx.audit({
				action: 'referral.answered',
				subjectType: 'township_referral',
				subjectId: r.id,
				after: {
					answer: text,
					noticeId: posted.notice.id,
					late: overdueDaysOf(r, today) > 0
				}
			});
			return {
				ok: true,
				referral: findVillageReferral(db, villageId, r.id, today)!,
				noticeSeq: posted.notice.seq
			};
		}
	});
}
