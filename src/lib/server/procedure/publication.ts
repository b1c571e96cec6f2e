// Step 5 of the 4+2 (决议公开, docs/domain.md §4.6 and §8.2): the resolution goes on the notice
// board with its vote and quorum arithmetic, and the matter's step 5 is recorded in the same
// transaction. A resolution of a decision meeting outside the 4+2 (a topic-less motion) is
// published the same way, without a procedure event.
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import { isStaffOf } from '../permissions/village';
import { postNotice, getNoticeById, type Notice } from '../notices/notices';
import {
	appendProcedureEvent,
	matterOf,
	type FailedVoteResult,
	type Matter,
	type MatterEvent,
	type RecordStepResult
} from './matters';
import type { Refusal } from '../result';
import {
	getResolution,
	resolutionOfMotion,
	resolutionsOfTopic,
	type Resolution
} from './resolutions';
import { stepByPublication, type Step } from './rules';
import { type Actor } from '../permissions';
import { resolutionNoticeBody, resolutionNoticeWords } from './notice-words';
import { fileWithTownship } from './township-filing';

/** The motion that satisfied `step` in the matter's current run (after any sending back). */
export function motionOfStep(events: readonly MatterEvent[], step: Step): number | null {
	let found: number | null = null;
	for (const e of events) {
		if (e.event.kind === 'sent_back' && step >= 2) found = null;
		if (e.event.kind === 'steps' && e.event.steps.includes(step)) found = e.motionId;
	}
	return found;
}

/**
 * The resolutions of the meeting that took the matter's step 4, on this matter, oldest first: a
 * decision meeting may adopt several on one item (the project, its site, its funding), and they
 * are published together as step 5, or one by one if one passes after step 5 was taken.
 */
function resolutionsOfDecision(db: Db, matter: Matter): Resolution[] {
	const motionId = motionOfStep(matter.events, 4);
	if (motionId === null) return [];
	const meetingId = db
		.prepare('select meeting_id from motions where id = ?')
		.pluck()
		.get(motionId) as number;
	return resolutionsOfTopic(db, matter.topic.villageId, matter.topic.id).filter(
		(r) => r.meetingId === meetingId
	);
}

/** The notice a resolution was published in (the first; corrections point back to it). */
export function noticeOfResolution(db: Db, villageId: number, resolutionId: number): Notice | null {
	const id = db
		.prepare(
			"select id from notices where village_id = ? and resolution_id = ? and kind = 'resolution' and corrects_id is null order by id limit 1"
		)
		.pluck()
		.get(villageId, resolutionId) as number | undefined;
	return id === undefined ? null : getNoticeById(db, villageId, id);
}

/** Posts the resolution's notice and files the resolution with the township (备案), in `ctx`. */
function post(ctx: CommandContext, actor: Actor, resolution: Resolution): Notice {
	const { db, now } = ctx;
	// Always in Chinese, the board's language: the stored notice is the legal record.
	const words = resolutionNoticeWords(db, resolution, 'zh-CN');
	const content = {
		title: words.title,
		summary: words.summary,
		body: resolutionNoticeBody(words)
	};
	const r = postNotice(
		db,
		actor.userId,
		resolution.villageId,
		{
			kind: 'resolution',
			...content,
			resolutionId: resolution.id,
			topicId: resolution.topicId,
			meetingId: resolution.meetingId,
			takesObjections: true
		},
		{ now }
	);
	// Every input comes from stored records, so a refusal here is a bug, not bad input.
	if (!r.ok) throw new Error(`resolution notice refused: ${r.reason}`);
	fileWithTownship(ctx, resolution.villageId, { resolutionId: resolution.id });
	return r.notice;
}

export type PublishResult =
	| { ok: true; notice: Notice }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_at_step_5'
				| 'no_resolution'
				| 'already_published'
				| 'four_plus_two';
			step?: Step;
	  };

/** Every reason a procedure command can refuse with; procedure/messages.ts words each one. */
export type ProcedureRefusal = Refusal<RecordStepResult | FailedVoteResult | PublishResult>;

/** Step 5: publishes the resolution of the matter's step-4 motion and records the step. */
export function publishResolution(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	options: { now?: Date } = {}
): PublishResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => matterOf(db, villageId, topicId),
		run: (matter, ctx): PublishResult => {
			const step = stepByPublication(matter.position, 'resolution_published');
			if (!step.ok) {
				const at = matter.position.kind === 'at' ? matter.position.step : undefined;
				return { ok: false, reason: 'not_at_step_5', step: at };
			}
			const motionId = motionOfStep(matter.events, 4);
			const resolution = motionId === null ? null : resolutionOfMotion(db, villageId, motionId);
			if (!resolution) return { ok: false, reason: 'no_resolution' };
			if (noticeOfResolution(db, villageId, resolution.id))
				return { ok: false, reason: 'already_published' };
			const notice = post(ctx, actor, resolution);
			for (const other of resolutionsOfDecision(db, matter))
				if (other.id !== resolution.id && !noticeOfResolution(db, villageId, other.id))
					post(ctx, actor, other);
			// The step-4 motion already carries its own event (one event per motion and topic).
			appendProcedureEvent(ctx, topicId, step.event, { before: matter.position });
			return { ok: true, notice };
		}
	});
}

export type PublicationBlock = 'already_published' | 'four_plus_two' | 'not_at_step_5';

/**
 * Why this resolution cannot be published now, or null when it can: asked by the dashboard and
 * the resolution's page, so neither offers a button that can only fail. A resolution of a 4+2
 * matter is published as the matter's step 5, only while its motion stands as step 4.
 */
export function publicationBlock(
	db: Db,
	villageId: number,
	resolution: Resolution
): PublicationBlock | null {
	if (noticeOfResolution(db, villageId, resolution.id)) return 'already_published';
	const matter = resolution.topicId === null ? null : matterOf(db, villageId, resolution.topicId);
	if (!matter) return null;
	if (!resolutionsOfDecision(db, matter).some((r) => r.id === resolution.id))
		return 'four_plus_two';
	if (stepByPublication(matter.position, 'resolution_published').ok) return null;
	// Step 5 already taken by the decision's other resolutions: this one follows on its own.
	return matter.position.done.includes(5) ? null : 'not_at_step_5';
}

/**
 * Publishes a resolution by its id (the dashboard's "待公布的决议"). A resolution of a 4+2 matter
 * goes through step 5 (so the matter's order holds); any other is posted as the same notice, with
 * no procedure event. A second post finds it published and changes nothing.
 */
export function publishResolutionById(
	db: Db,
	actor: Actor,
	villageId: number,
	resolutionId: number,
	options: { now?: Date } = {}
): PublishResult {
	const now = options.now ?? new Date();
	const resolution = getResolution(db, villageId, resolutionId);
	if (!resolution) return { ok: false, reason: 'not_found' };
	const block = publicationBlock(db, villageId, resolution);
	if (block === 'already_published' || block === 'four_plus_two')
		return { ok: false, reason: block };
	const matter = resolution.topicId === null ? null : matterOf(db, villageId, resolution.topicId);
	if (matter && !matter.position.done.includes(5))
		return publishResolution(db, actor, villageId, matter.topic.id, { now });
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): PublishResult => {
			if (noticeOfResolution(db, villageId, resolution.id))
				return { ok: false, reason: 'already_published' };
			return { ok: true, notice: post(ctx, actor, resolution) };
		}
	});
}
