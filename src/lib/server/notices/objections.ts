// Objections (异议) to a notice, docs/domain.md §8.3: a villager files one during the notice's
// window, the clerk answers within five days (moved past the village's holidays), the answer is
// public, and an objector who is not satisfied refers the matter to the township once. The public
// sees objections by their number on the notice, never who filed them.
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { deadlineAfter } from '../calendar/working-days';
import { getVillageSettings } from '../villages/settings';
import { openTownshipReferral } from '../villages/township-referral';
import { isStaffOf } from '../permissions/village';
import { ANSWER_DAYS, getNoticeById, type StaffNoticeResult } from './notices';
import type { Refusal } from '../result';
import type { RecordPaperObjectionResult } from './paper-objections';
import { type Actor } from '../permissions';
import { queueMessage } from '../outbox/outbox';
import { objectionAnsweredWords, villagePath } from '../outbox/words';

export const OBJECTION_TEXT_MAX = 2000;

/** How an objection reached the village: online, or a way the clerk records (书面, 当面, 电话, 意见箱). */
export const PAPER_CHANNELS = ['letter', 'in_person', 'phone', 'suggestion_box'] as const;
export const OBJECTION_CHANNELS = ['online', ...PAPER_CHANNELS] as const;
export type ObjectionChannel = (typeof OBJECTION_CHANNELS)[number];

export interface Objection {
	id: number;
	noticeId: number;
	/** Its place among the notice's objections: "异议 1" on the public page. */
	ordinal: number;
	/** Null for an objection the clerk recorded from someone without a login. */
	personId: number | null;
	channel: ObjectionChannel;
	/** Staff-only: who brought a paper objection and how to reach them. */
	objectorName: string | null;
	objectorContact: string | null;
	/** The day a paper objection was received; online ones are received when filed. */
	receivedOn: string | null;
	text: string;
	filedAt: string;
	answerDue: string;
	answer: string | null;
	answeredAt: string | null;
	escalatedAt: string | null;
}

interface ObjectionRow {
	id: number;
	notice_id: number;
	person_id: number | null;
	channel: ObjectionChannel;
	objector_name: string | null;
	objector_contact: string | null;
	received_on: string | null;
	text: string;
	filed_at: string;
	answer_due: string;
	answer: string | null;
	answered_at: string | null;
	escalated_at: string | null;
	ordinal: number;
}

const toObjection = (r: ObjectionRow): Objection => ({
	id: r.id,
	noticeId: r.notice_id,
	ordinal: r.ordinal,
	personId: r.person_id,
	channel: r.channel,
	objectorName: r.objector_name,
	objectorContact: r.objector_contact,
	receivedOn: r.received_on,
	text: r.text,
	filedAt: r.filed_at,
	answerDue: r.answer_due,
	answer: r.answer,
	answeredAt: r.answered_at,
	escalatedAt: r.escalated_at
});

const SELECT = `select o.*, (select count(*) from objections p where p.notice_id = o.notice_id and p.id <= o.id) as ordinal
	from objections o join notices n on n.id = o.notice_id`;

/** Unanswered after the day the answer was due. */
export const isOverdue = (o: Pick<Objection, 'answer' | 'answerDue'>, today: string): boolean =>
	o.answer === null && today > o.answerDue;

export type FileObjectionResult =
	| { ok: true; objection: Objection }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'no_objections' | 'window_closed' | 'bad_text';
	  };

/** A person of the village, signed in with a live account of that village. */
function isVillager(db: Db, actor: Actor, villageId: number): boolean {
	if (actor.personId === null) return false;
	return !!db
		.prepare(
			`select 1 from users u join people p on p.id = u.person_id
			 where u.id = ? and u.person_id = ? and u.village_id = ? and p.village_id = ? and u.disabled_at is null`
		)
		.get(actor.userId, actor.personId, villageId, villageId);
}

export function fileObjection(
	db: Db,
	actor: Actor,
	villageId: number,
	noticeId: number,
	text: string,
	options: { now?: Date } = {}
): FileObjectionResult {
	const now = options.now ?? new Date();
	const body = text.trim();
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isVillager(db, actor, villageId),
		load: () => getNoticeById(db, villageId, noticeId),
		run: (notice, ctx): FileObjectionResult => {
			if (notice.objectionsUntil === null) return { ok: false, reason: 'no_objections' };
			const today = todayInChina(now);
			// The window's last day is included (民法典 art. 203: a period ends at 24:00 of its last day).
			if (today > notice.objectionsUntil) return { ok: false, reason: 'window_closed' };
			if (body.length < 1 || body.length > OBJECTION_TEXT_MAX)
				return { ok: false, reason: 'bad_text' };
			const answerDue = deadlineAfter(
				today,
				ANSWER_DAYS,
				getVillageSettings(db, villageId).holidays
			);
			const { lastInsertRowid } = db
				.prepare(
					`insert into objections (notice_id, person_id, text, filed_at, answer_due)
					 values (?, ?, ?, ?, ?)`
				)
				.run(noticeId, actor.personId, body, now.toISOString(), answerDue);
			const id = Number(lastInsertRowid);
			ctx.audit({
				action: 'objection.filed',
				subjectType: 'objection',
				subjectId: id,
				after: { noticeId, seq: notice.seq, answerDue }
			});
			return { ok: true, objection: getObjection(db, villageId, id)! };
		}
	});
}

export function getObjection(db: Db, villageId: number, id: number): Objection | null {
	const r = db.prepare(`${SELECT} where o.id = ? and n.village_id = ?`).get(id, villageId) as
		ObjectionRow | undefined;
	return r ? toObjection(r) : null;
}

export type AnswerObjectionResult =
	| { ok: true; objection: Objection }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_answered' | 'bad_text' };

/** The clerk's or secretary's answer, given once; it is public on the notice. */
export function answerObjection(
	db: Db,
	actor: Actor,
	villageId: number,
	objectionId: number,
	answer: string,
	options: { now?: Date } = {}
): AnswerObjectionResult {
	const now = options.now ?? new Date();
	const text = answer.trim();
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => getObjection(db, villageId, objectionId),
		run: (o, ctx): AnswerObjectionResult => {
			if (o.answer !== null) return { ok: false, reason: 'already_answered' };
			if (text.length < 1 || text.length > OBJECTION_TEXT_MAX)
				return { ok: false, reason: 'bad_text' };
			db.prepare(
				'update objections set answer = ?, answered_by = ?, answered_at = ? where id = ?'
			).run(text, actor.userId, now.toISOString(), o.id);
			ctx.audit({
				action: 'objection.answered',
				subjectType: 'objection',
				subjectId: o.id,
				after: { answer: text, late: isOverdue(o, todayInChina(now)) }
			});
			// An objector on paper is answered on paper by the clerk; one who filed online is told.
			const notice = getNoticeById(db, villageId, o.noticeId);
			if (o.channel === 'online' && o.personId !== null && notice)
				queueMessage(ctx, villageId, {
					kind: 'objection_answered',
					subjectType: 'objection',
					subjectId: o.id,
					...objectionAnsweredWords({ notice: notice.title }),
					link: villagePath(db, villageId, 'notices', notice.seq),
					recipients: [o.personId]
				});
			return { ok: true, objection: getObjection(db, villageId, o.id)! };
		}
	});
}

export type EscalateObjectionResult =
	| { ok: true; objection: Objection }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_answered' | 'already_escalated' };

/** Every reason a notice or objection command can refuse with; notices/messages.ts words each. */
export type NoticeRefusal = Refusal<
	| StaffNoticeResult
	| FileObjectionResult
	| AnswerObjectionResult
	| EscalateObjectionResult
	| RecordPaperObjectionResult
>;

/**
 * "Not satisfied — refer to the township": the objector alone, after the answer, once. It lands in
 * the township's inbox with its answer deadline (villages/township-referral.ts).
 */
export function escalateObjection(
	db: Db,
	actor: Actor,
	villageId: number,
	objectionId: number,
	options: { now?: Date } = {}
): EscalateObjectionResult {
	const now = options.now ?? new Date();
	return command(db, {
		actor,
		villageId,
		now,
		load: () => getObjection(db, villageId, objectionId),
		allowed: (o) => isVillager(db, actor, villageId) && actor.personId === o.personId,
		run: (o, ctx): EscalateObjectionResult => {
			if (o.answer === null) return { ok: false, reason: 'not_answered' };
			if (o.escalatedAt !== null) return { ok: false, reason: 'already_escalated' };
			db.prepare('update objections set escalated_at = ? where id = ?').run(
				now.toISOString(),
				o.id
			);
			ctx.audit({
				action: 'objection.escalated',
				subjectType: 'objection',
				subjectId: o.id,
				after: { escalatedAt: now.toISOString() }
			});
			openTownshipReferral(ctx, villageId, { objectionId: o.id });
			return { ok: true, objection: getObjection(db, villageId, o.id)! };
		}
	});
}

/** A notice's objections in filing order. */
export function objectionsOfNotice(db: Db, villageId: number, noticeId: number): Objection[] {
	return (
		db
			.prepare(`${SELECT} where o.notice_id = ? and n.village_id = ? order by o.id`)
			.all(noticeId, villageId) as ObjectionRow[]
	).map(toObjection);
}

export interface OpenObjection extends Objection {
	noticeSeq: number;
	noticeTitle: string;
}

/** The staff's work list: unanswered objections, the earliest deadline first. */
export function openObjections(db: Db, villageId: number): OpenObjection[] {
	return (
		db
			.prepare(
				`select x.*, n.seq as notice_seq, n.title as notice_title from (${SELECT} where n.village_id = ?) x
				 join notices n on n.id = x.notice_id
				 where x.answer is null order by x.answer_due, x.id`
			)
			.all(villageId) as (ObjectionRow & { notice_seq: number; notice_title: string })[]
	).map((r) => ({ ...toObjection(r), noticeSeq: r.notice_seq, noticeTitle: r.notice_title }));
}
