// The public notice board (村务公开栏, docs/domain.md §8.2). A notice is posted once, numbered per
// village without gaps (its short URL), and never changes; its posting period comes from the
// village's setting, never below the law's floor on the posting day (posting.ts), and the notices
// the law opens to objections carry a five-day window.
import { auditHead } from '../audit/chain.js';
import { command } from '../command';
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { getVillageSettings } from '../villages/settings';
import { isStaffOf, type Actor } from '../permissions';
import { actorOfLogin } from '../permissions/login-actor';
import { postingFloorOn } from './posting';

export const NOTICE_KINDS = [
	'meeting',
	'resolution',
	'consultation_outcome',
	'consultation_feedback',
	'implementation_result',
	'general',
	'finance'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Days an objection may be filed, counted from the day after posting (民法典 art. 201). */
export const OBJECTION_DAYS = 5;
/** Days the clerk has to answer an objection (moved past holidays). */
export const ANSWER_DAYS = 5;

export interface Notice {
	id: number;
	villageId: number;
	seq: number;
	kind: NoticeKind;
	title: string;
	summary: string;
	body: string;
	meetingId: number | null;
	resolutionId: number | null;
	topicId: number | null;
	correctsId: number | null;
	rulesVersionId: number | null;
	postedOn: string;
	postedUntil: string;
	objectionsUntil: string | null;
	auditHeadHash: string;
	createdAt: string;
}

export interface NoticeRow {
	id: number;
	village_id: number;
	seq: number;
	kind: NoticeKind;
	title: string;
	summary: string;
	body: string;
	meeting_id: number | null;
	resolution_id: number | null;
	topic_id: number | null;
	corrects_id: number | null;
	rules_version_id: number | null;
	posted_on: string;
	posted_until: string;
	objections_until: string | null;
	audit_head_hash: string;
	created_at: string;
}

export const toNotice = (r: NoticeRow): Notice => ({
	id: r.id,
	villageId: r.village_id,
	seq: r.seq,
	kind: r.kind,
	title: r.title,
	summary: r.summary,
	body: r.body,
	meetingId: r.meeting_id,
	resolutionId: r.resolution_id,
	topicId: r.topic_id,
	correctsId: r.corrects_id,
	rulesVersionId: r.rules_version_id,
	postedOn: r.posted_on,
	postedUntil: r.posted_until,
	objectionsUntil: r.objections_until,
	auditHeadHash: r.audit_head_hash,
	createdAt: r.created_at
});

export interface NoticeInput {
	kind: NoticeKind;
	title: string;
	summary?: string;
	body: string;
	meetingId?: number | null;
	resolutionId?: number | null;
	topicId?: number | null;
	correctsId?: number | null;
	/** The honour round whose honourees the notice publishes. */
	honourRoundId?: number | null;
	/** The version of the village's rules this notice publishes (village-rules/enactment.ts). */
	rulesVersionId?: number | null;
	/** Open a five-day objection window (resolutions, outcomes, results). */
	takesObjections?: boolean;
	/** The referral this notice publishes the township's answer to (township/referrals.ts). */
	townshipReferralId?: number | null;
}

// A notice's title, summary and body: the desk's forms refuse longer ones with these limits named.
export const NOTICE_TITLE_MAX = 200;
export const NOTICE_SUMMARY_MAX = 500;
export const NOTICE_BODY_MAX = 20000;

export type PostNoticeResult =
	| { ok: true; notice: Notice }
	| { ok: false; reason: 'bad_kind' | 'bad_title' | 'bad_body' | 'bad_summary' | 'bad_link' };

const LINKED_TABLES = {
	meetingId: 'meetings',
	resolutionId: 'resolutions',
	topicId: 'topics',
	correctsId: 'notices',
	honourRoundId: 'honour_rounds',
	townshipReferralId: 'township_referrals'
} as const;

/**
 * Posts a notice. Runs as its own command, or inside the caller's (a meeting's notice is posted in
 * the transaction that notifies it: `command` joins it), and writes its audit entry there.
 */
export function postNotice(
	db: Db,
	actorId: number,
	villageId: number,
	input: NoticeInput,
	options: { now?: Date } = {}
): PostNoticeResult {
	const now = options.now ?? new Date();
	if (!(NOTICE_KINDS as readonly string[]).includes(input.kind))
		return { ok: false, reason: 'bad_kind' };
	const title = input.title.trim();
	const body = input.body.trim();
	const summary = (input.summary ?? '').trim();
	if (title.length < 1 || title.length > NOTICE_TITLE_MAX)
		return { ok: false, reason: 'bad_title' };
	if (body.length < 1 || body.length > NOTICE_BODY_MAX) return { ok: false, reason: 'bad_body' };
	if (summary.length > NOTICE_SUMMARY_MAX) return { ok: false, reason: 'bad_summary' };
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		now,
		run: (_, ctx): PostNoticeResult => {
			for (const [key, table] of Object.entries(LINKED_TABLES)) {
				const id = input[key as keyof typeof LINKED_TABLES];
				if (id == null) continue;
				if (
					!db.prepare(`select 1 from ${table} where id = ? and village_id = ?`).get(id, villageId)
				)
					return { ok: false, reason: 'bad_link' };
			}
			if (
				input.rulesVersionId != null &&
				!db
					.prepare(
						`select 1 from rules_versions v join rules_documents d on d.id = v.document_id
						 where v.id = ? and d.village_id = ?`
					)
					.get(input.rulesVersionId, villageId)
			)
				return { ok: false, reason: 'bad_link' };
			const postedOn = todayInChina(now);
			// A setting saved before the floor rose (or under an older law) never posts for less.
			const postingDays = Math.max(
				getVillageSettings(db, villageId).noticeDays,
				postingFloorOn(postedOn).days
			);
			const seq =
				(
					db
						.prepare('select coalesce(max(seq), 0) as n from notices where village_id = ?')
						.get(villageId) as { n: number }
				).n + 1;
			const head = auditHead(db);
			const { lastInsertRowid } = db
				.prepare(
					`insert into notices (village_id, seq, kind, title, summary, body, meeting_id, resolution_id,
				   topic_id, corrects_id, rules_version_id, posted_on, posted_until, objections_until,
				   audit_head_hash, posted_by, created_at, honour_round_id, township_referral_id)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					seq,
					input.kind,
					title,
					summary,
					body,
					input.meetingId ?? null,
					input.resolutionId ?? null,
					input.topicId ?? null,
					input.correctsId ?? null,
					input.rulesVersionId ?? null,
					postedOn,
					addDays(postedOn, postingDays),
					input.takesObjections ? addDays(postedOn, OBJECTION_DAYS) : null,
					head.hash,
					actorId,
					now.toISOString(),
					input.honourRoundId ?? null,
					input.townshipReferralId ?? null
				);
			const id = Number(lastInsertRowid);
			ctx.audit({
				action: 'notice.posted',
				subjectType: 'notice',
				subjectId: id,
				after: { seq, kind: input.kind, title, postedOn }
			});
			return { ok: true, notice: getNoticeById(db, villageId, id)! };
		}
	}) as PostNoticeResult;
}

export function getNoticeById(db: Db, villageId: number, id: number): Notice | null {
	const r = db
		.prepare('select * from notices where id = ? and village_id = ?')
		.get(id, villageId) as NoticeRow | undefined;
	return r ? toNotice(r) : null;
}

/** The notice at its short stable URL /<village>/notices/<seq>. */
export function getNotice(db: Db, villageId: number, seq: number): Notice | null {
	const r = db
		.prepare('select * from notices where village_id = ? and seq = ?')
		.get(villageId, seq) as NoticeRow | undefined;
	return r ? toNotice(r) : null;
}

/** The notices that correct this one, oldest first (the chain forward from the notice page). */
export function correctionsOf(db: Db, villageId: number, noticeId: number): Notice[] {
	return (
		db
			.prepare('select * from notices where village_id = ? and corrects_id = ? order by seq')
			.all(villageId, noticeId) as NoticeRow[]
	).map(toNotice);
}

/** What the clerk posts from the desk; other kinds come from the meeting and procedure pages. */
export const DESK_KINDS = ['general', 'finance'] as const satisfies readonly NoticeKind[];

export type StaffNoticeResult = PostNoticeResult | { ok: false; reason: 'forbidden' | 'not_found' };

/**
 * A general or finance notice posted by the clerk or secretary, or a correction of any notice of
 * the village: a new notice of the same kind and links, pointing back to the one it corrects.
 */
export function postStaffNotice(
	db: Db,
	actor: Actor,
	villageId: number,
	input: {
		kind?: string;
		title: string;
		summary: string;
		body: string;
		correctsSeq?: number;
		/** A plan the villagers may contest (e.g. a distribution plan) opens the five-day window. */
		takesObjections?: boolean;
	},
	options: { now?: Date } = {}
): StaffNoticeResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (): StaffNoticeResult => {
			const base = { title: input.title, summary: input.summary, body: input.body };
			if (input.correctsSeq !== undefined) {
				const old = getNotice(db, villageId, input.correctsSeq);
				if (!old) return { ok: false, reason: 'not_found' };
				return postNotice(
					db,
					actor.userId,
					villageId,
					{
						...base,
						kind: old.kind,
						meetingId: old.meetingId,
						resolutionId: old.resolutionId,
						topicId: old.topicId,
						correctsId: old.id,
						takesObjections: old.objectionsUntil !== null
					},
					options
				);
			}
			if (!(DESK_KINDS as readonly string[]).includes(input.kind ?? ''))
				return { ok: false, reason: 'bad_kind' };
			return postNotice(
				db,
				actor.userId,
				villageId,
				{ ...base, kind: input.kind as NoticeKind, takesObjections: input.takesObjections },
				options
			);
		}
	});
}

/**
 * The kinds that publish 组织法 (2026) art. 35 para. 2 item 4, 村民委员会组织协商确定的事项及其落实情况:
 * a consultation's outcome and its follow-up (the feedback on how it was used).
 */
export const CONSULTATION_DISCLOSURE_KINDS = [
	'consultation_outcome',
	'consultation_feedback'
] as const satisfies readonly NoticeKind[];

export interface DisclosureCadence {
	lastGeneral: string | null;
	lastFinance: string | null;
	/** No general notice yet this calendar quarter (组织法 2018 art. 30, 2026 art. 35: at least quarterly). */
	generalDue: boolean;
	/** No finance notice yet this month (art. 30: finances monthly). */
	financeDue: boolean;
	/** The last consultation outcome or follow-up posted (2026 art. 35 item 4). */
	lastConsultation: string | null;
	/**
	 * Consultation outcomes posted before this quarter whose follow-up is still unpublished: item 4
	 * is a general item, so its 落实情况 is due at least quarterly (2026 art. 35 para. 3).
	 */
	consultationFollowUpsDue: number;
}

/** When each disclosure item was last published, against the law's cadence, on `today`. */
export function disclosureCadence(db: Db, villageId: number, today: string): DisclosureCadence {
	const last = (kind: NoticeKind) =>
		(
			db
				.prepare(
					'select max(posted_on) as d from notices where village_id = ? and kind = ? and posted_on <= ?'
				)
				.get(villageId, kind, today) as { d: string | null }
		).d;
	const lastGeneral = last('general');
	const lastFinance = last('finance');
	const month = Number(today.slice(5, 7));
	const quarterStart = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
	const kinds = CONSULTATION_DISCLOSURE_KINDS.map((k) => `'${k}'`).join(', ');
	const lastConsultation = (
		db
			.prepare(
				`select max(posted_on) as d from notices where village_id = ? and kind in (${kinds}) and posted_on <= ?`
			)
			.get(villageId, today) as { d: string | null }
	).d;
	const consultationFollowUpsDue = db
		.prepare(
			`select count(*) from consultations c join notices n on n.id = c.outcome_notice_id
			 where c.village_id = ? and c.feedback_notice_id is null and n.posted_on < ?`
		)
		.pluck()
		.get(villageId, quarterStart) as number;
	return {
		lastGeneral,
		lastFinance,
		generalDue: lastGeneral === null || lastGeneral < quarterStart,
		financeDue: lastFinance === null || lastFinance < `${today.slice(0, 7)}-01`,
		lastConsultation,
		consultationFollowUpsDue
	};
}
