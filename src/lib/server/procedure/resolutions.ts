// Resolutions (决议, docs/domain.md §8.1): a passed motion of a decision meeting becomes one,
// numbered per village and year without gaps (新阳村决〔2026〕3号) in the transaction that closes
// the motion. A resolution never changes; a correction is a new record pointing back.
import { auditHead } from '../audit/chain.js';
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';
import { isStaffOf } from '../permissions/village';

export interface Resolution {
	id: number;
	villageId: number;
	number: string;
	year: number;
	seq: number;
	motionId: number;
	meetingId: number;
	topicId: number | null;
	text: string;
	adoptedOn: string;
	auditHeadHash: string;
}

interface ResolutionRow {
	id: number;
	village_id: number;
	number: string;
	year: number;
	seq: number;
	motion_id: number;
	meeting_id: number;
	topic_id: number | null;
	text: string;
	adopted_on: string;
	audit_head_hash: string;
}

const toResolution = (r: ResolutionRow): Resolution => ({
	id: r.id,
	villageId: r.village_id,
	number: r.number,
	year: r.year,
	seq: r.seq,
	motionId: r.motion_id,
	meetingId: r.meeting_id,
	topicId: r.topic_id,
	text: r.text,
	adoptedOn: r.adopted_on,
	auditHeadHash: r.audit_head_hash
});

/** 新阳村决〔2026〕3号 */
export const resolutionNumber = (villageName: string, year: number, seq: number) =>
	`${villageName}决〔${year}〕${seq}号`;

/**
 * Adopts the resolution of a passed motion, inside the command that closes the motion
 * (procedure/closing.ts), so the number is taken and used at once: a failed close leaves no gap.
 */
export function adoptResolution(
	ctx: CommandContext,
	input: { villageId: number; meetingId: number; motionId: number }
): Resolution {
	const { db, now } = ctx;
	const { villageId, meetingId, motionId } = input;
	const adoptedOn = todayInChina(now);
	const year = Number(adoptedOn.slice(0, 4));
	const village = db.prepare('select name from villages where id = ?').get(villageId) as {
		name: string;
	};
	const motion = db
		.prepare(
			'select mo.text, a.topic_id from motions mo join agenda_items a on a.id = mo.agenda_item_id where mo.id = ?'
		)
		.get(motionId) as { text: string; topic_id: number | null };
	const seq =
		(
			db
				.prepare(
					'select coalesce(max(seq), 0) as n from resolutions where village_id = ? and year = ?'
				)
				.get(villageId, year) as { n: number }
		).n + 1;
	const number = resolutionNumber(village.name, year, seq);
	const head = auditHead(db);
	const { lastInsertRowid } = db
		.prepare(
			`insert into resolutions (village_id, year, seq, number, motion_id, meeting_id, topic_id, text,
			   adopted_on, audit_head_hash, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(
			villageId,
			year,
			seq,
			number,
			motionId,
			meetingId,
			motion.topic_id,
			motion.text,
			adoptedOn,
			head.hash,
			now.toISOString()
		);
	const id = Number(lastInsertRowid);
	ctx.audit({
		action: 'resolution.adopted',
		subjectType: 'resolution',
		subjectId: id,
		after: { number, motionId, meetingId, topicId: motion.topic_id, text: motion.text }
	});
	return getResolution(db, villageId, id)!;
}

export function getResolution(db: Db, villageId: number, id: number): Resolution | null {
	const r = db
		.prepare('select * from resolutions where id = ? and village_id = ?')
		.get(id, villageId) as ResolutionRow | undefined;
	return r ? toResolution(r) : null;
}

export function resolutionOfMotion(db: Db, villageId: number, motionId: number): Resolution | null {
	const r = db
		.prepare('select * from resolutions where motion_id = ? and village_id = ?')
		.get(motionId, villageId) as ResolutionRow | undefined;
	return r ? toResolution(r) : null;
}

/** The resolutions a meeting's motions adopted, by motion: the console and the minutes link them. */
export function resolutionsOfMeeting(
	db: Db,
	villageId: number,
	meetingId: number
): Record<number, { id: number; number: string }> {
	const rows = db
		.prepare(
			'select id, number, motion_id from resolutions where meeting_id = ? and village_id = ?'
		)
		.all(meetingId, villageId) as { id: number; number: string; motion_id: number }[];
	return Object.fromEntries(rows.map((r) => [r.motion_id, { id: r.id, number: r.number }]));
}

export function resolutionsOfTopic(db: Db, villageId: number, topicId: number): Resolution[] {
	return (
		db
			.prepare('select * from resolutions where topic_id = ? and village_id = ? order by id')
			.all(topicId, villageId) as ResolutionRow[]
	).map(toResolution);
}

// A correction's text and its reason: the forms refuse longer ones with these limits named.
export const CORRECTION_TEXT_MAX = 5000;
export const CORRECTION_REASON_MAX = 500;

export type CorrectionResult =
	| { ok: true; correctionId: number }
	| { ok: false; reason: 'not_found' | 'forbidden' | 'bad_text' | 'bad_reason' };

/** Appends a correction (who, when, why); the resolution as adopted stays unchanged. */
export function correctResolution(
	db: Db,
	actor: Actor,
	villageId: number,
	resolutionId: number,
	input: { text: string; reason: string },
	options: { now?: Date } = {}
): CorrectionResult {
	const text = input.text.trim();
	const reason = input.reason.trim();
	if (!text || text.length > CORRECTION_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	if (!reason || reason.length > CORRECTION_REASON_MAX) return { ok: false, reason: 'bad_reason' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		// Another village's resolution reads as missing before anyone's rights are asked.
		load: () => getResolution(db, villageId, resolutionId),
		allowed: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): CorrectionResult => {
			const { lastInsertRowid } = db
				.prepare(
					'insert into resolution_corrections (resolution_id, text, reason, created_by, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(resolutionId, text, reason, actor.userId, ctx.now.toISOString());
			ctx.audit({
				action: 'resolution.corrected',
				subjectType: 'resolution',
				subjectId: resolutionId,
				after: { text, reason }
			});
			return { ok: true, correctionId: Number(lastInsertRowid) };
		}
	});
}

export interface ResolutionCorrection {
	id: number;
	text: string;
	reason: string;
	createdAt: string;
}

/** The corrections appended to a resolution, oldest first. */
export function resolutionCorrections(db: Db, resolutionId: number): ResolutionCorrection[] {
	return (
		db
			.prepare(
				'select id, text, reason, created_at from resolution_corrections where resolution_id = ? order by id'
			)
			.all(resolutionId) as { id: number; text: string; reason: string; created_at: string }[]
	).map((r) => ({ id: r.id, text: r.text, reason: r.reason, createdAt: r.created_at }));
}
