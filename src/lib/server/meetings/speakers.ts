// The speakers' queue (发言排队, issue 15 item 9, docs/domain.md §5.6): the clerk puts one agenda
// item under discussion, people present ask for the floor (or the clerk adds them), and the clerk
// gives the floor in turn with a time limit; each speech ends with its duration for the minutes.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import { isStaffOf } from '../permissions/village';
import { byStaff, getMeeting, type Meeting } from './records';

export const SPEAKER_LIMIT_MIN_SECONDS = 30;
export const SPEAKER_LIMIT_MAX_SECONDS = 3600;
export const SPEECH_SUMMARY_MAX = 200;

export type SpeakerRequestState =
	'waiting' | 'speaking' | 'done' | 'withdrawn' | 'removed' | 'lapsed';

export type SpeakerRefusal =
	| 'forbidden'
	| 'not_found'
	| 'not_open'
	| 'no_item'
	| 'not_present'
	| 'someone_speaking'
	| 'not_waiting'
	| 'not_speaking'
	| 'not_current_item'
	| 'bad_limit'
	| 'bad_summary';

type Refused<R extends SpeakerRefusal> = { ok: false; reason: R };

interface RequestRow {
	id: number;
	meeting_id: number;
	agenda_item_id: number;
	person_id: number;
	state: SpeakerRequestState;
	started_at: string | null;
}

/** The request, only when its meeting is this village's; with the meeting it belongs to. */
function requestOf(db: Db, villageId: number, requestId: number) {
	const r = db
		.prepare(
			`select s.id, s.meeting_id, s.agenda_item_id, s.person_id, s.state, s.started_at
			 from speaker_requests s join meetings m on m.id = s.meeting_id
			 where s.id = ? and m.village_id = ?`
		)
		.get(requestId, villageId) as RequestRow | undefined;
	if (!r) return null;
	return { request: r, meeting: getMeeting(db, villageId, r.meeting_id)! };
}

/** Signed in and not gone: only someone in the hall may be given the floor. */
function inHall(db: Db, meetingId: number, personId: number): boolean {
	return !!db
		.prepare(
			`select 1 from meeting_roster where meeting_id = ? and person_id = ?
			   and signed_in_at is not null and left_at is null`
		)
		.get(meetingId, personId);
}

const speakingIn = (db: Db, meetingId: number) =>
	db
		.prepare(
			"select id, agenda_item_id from speaker_requests where meeting_id = ? and state = 'speaking'"
		)
		.get(meetingId) as { id: number; agenda_item_id: number } | undefined;

const seconds = (from: string, to: string) =>
	Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The agenda item under discussion, for the console, the phones and the hall screen. */
export function currentAgendaItem(
	db: Db,
	meetingId: number
): { id: number; position: number; title: string } | null {
	return (
		(db
			.prepare(
				`select a.id, a.position, a.title from meetings m join agenda_items a on a.id = m.current_item_id
				 where m.id = ?`
			)
			.get(meetingId) as { id: number; position: number; title: string } | undefined) ?? null
	);
}

export type StartDiscussionResult =
	| { ok: true; changed: boolean }
	| Refused<'forbidden' | 'not_found' | 'not_open' | 'someone_speaking'>;

/** 开始讨论此议题: one item at a time; not while someone still speaks on another. */
export function startDiscussion(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	agendaItemId: number,
	options: { now?: Date } = {}
): StartDiscussionResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): StartDiscussionResult => {
			const own = db
				.prepare('select 1 from agenda_items where id = ? and meeting_id = ?')
				.get(agendaItemId, meetingId);
			if (!own) return { ok: false, reason: 'not_found' };
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			const current = currentAgendaItem(db, meetingId);
			if (current?.id === agendaItemId) return { ok: true, changed: false };
			if (speakingIn(db, meetingId)) return { ok: false, reason: 'someone_speaking' };
			db.prepare('update meetings set current_item_id = ? where id = ?').run(
				agendaItemId,
				meetingId
			);
			ctx.audit({
				action: 'meeting.discussion_started',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { agendaItemId: current?.id ?? null },
				after: { agendaItemId }
			});
			return { ok: true, changed: true };
		}
	});
}

export type SetSpeakerLimitResult =
	{ ok: true } | Refused<'forbidden' | 'not_found' | 'not_open' | 'bad_limit'>;

/** The time each speaker gets from now on; a speech under way keeps the limit it began with. */
export function setSpeakerLimit(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	limitSeconds: number,
	options: { now?: Date } = {}
): SetSpeakerLimitResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): SetSpeakerLimitResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			if (
				!Number.isInteger(limitSeconds) ||
				limitSeconds < SPEAKER_LIMIT_MIN_SECONDS ||
				limitSeconds > SPEAKER_LIMIT_MAX_SECONDS
			)
				return { ok: false, reason: 'bad_limit' };
			const before = speakerLimitOf(db, meetingId);
			if (before === limitSeconds) return { ok: true };
			db.prepare('update meetings set speaker_limit_seconds = ? where id = ?').run(
				limitSeconds,
				meetingId
			);
			ctx.audit({
				action: 'meeting.speaker_limit_set',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { limitSeconds: before },
				after: { limitSeconds }
			});
			return { ok: true };
		}
	});
}

export const speakerLimitOf = (db: Db, meetingId: number): number =>
	db
		.prepare('select speaker_limit_seconds from meetings where id = ?')
		.pluck()
		.get(meetingId) as number;

export type AskForFloorResult =
	| { ok: true; requestId: number; already: boolean }
	| Refused<'forbidden' | 'not_found' | 'not_open' | 'no_item' | 'not_present'>;

/**
 * 申请发言 for the item under discussion: the person from their phone, or the clerk for someone in
 * the hall. Asking again while the first request is open answers with that request.
 */
export function askForFloor(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personId: number,
	options: { now?: Date } = {}
): AskForFloorResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ actor }) =>
			actor !== null && (actor.personId === personId || isStaffOf(db, actor, villageId)),
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): AskForFloorResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			const item = currentAgendaItem(db, meetingId);
			if (!item) return { ok: false, reason: 'no_item' };
			if (!inHall(db, meetingId, personId)) return { ok: false, reason: 'not_present' };
			const open = db
				.prepare(
					`select id from speaker_requests where agenda_item_id = ? and person_id = ?
					   and state in ('waiting', 'speaking')`
				)
				.pluck()
				.get(item.id, personId) as number | undefined;
			if (open !== undefined) return { ok: true, requestId: open, already: true };
			const by = actor.personId === personId ? 'self' : 'clerk';
			const { lastInsertRowid } = db
				.prepare(
					`insert into speaker_requests (meeting_id, agenda_item_id, person_id, requested_by, requested_at)
					 values (?, ?, ?, ?, ?)`
				)
				.run(meetingId, item.id, personId, by, ctx.now.toISOString());
			ctx.audit({
				action: 'meeting.floor_requested',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { requestId: Number(lastInsertRowid), agendaItemId: item.id, personId, by }
			});
			return { ok: true, requestId: Number(lastInsertRowid), already: false };
		}
	});
}

export type WithdrawFloorRequestResult =
	{ ok: true } | Refused<'forbidden' | 'not_found' | 'not_open' | 'not_waiting'>;

/** A waiting request leaves the queue: withdrawn by its asker, or removed (skipped) by the clerk. */
export function withdrawFloorRequest(
	db: Db,
	actor: Actor,
	villageId: number,
	requestId: number,
	options: { now?: Date } = {}
): WithdrawFloorRequestResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ actor }) => actor !== null,
		load: () => requestOf(db, villageId, requestId),
		allowed: ({ request }, { actor }) =>
			actor!.personId === request.person_id || isStaffOf(db, actor!, villageId),
		run: ({ request, meeting }, ctx): WithdrawFloorRequestResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			if (request.state !== 'waiting') return { ok: false, reason: 'not_waiting' };
			const own = actor.personId === request.person_id;
			db.prepare('update speaker_requests set state = ? where id = ?').run(
				own ? 'withdrawn' : 'removed',
				requestId
			);
			ctx.audit({
				action: own ? 'meeting.floor_request_withdrawn' : 'meeting.floor_request_removed',
				subjectType: 'meeting',
				subjectId: meeting.id,
				after: { requestId, agendaItemId: request.agenda_item_id, personId: request.person_id }
			});
			return { ok: true };
		}
	});
}

export type StartSpeechResult =
	| { ok: true; startedAt: string; limitSeconds: number }
	| Refused<
			| 'forbidden'
			| 'not_found'
			| 'not_open'
			| 'not_waiting'
			| 'not_current_item'
			| 'someone_speaking'
			| 'not_present'
	  >;

/** 请发言: the floor to a waiting person on the item under discussion, one speaker at a time. */
export function startSpeech(
	db: Db,
	actor: Actor,
	villageId: number,
	requestId: number,
	options: { now?: Date } = {}
): StartSpeechResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => requestOf(db, villageId, requestId),
		run: ({ request, meeting }, ctx): StartSpeechResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			if (request.state !== 'waiting') return { ok: false, reason: 'not_waiting' };
			if (currentAgendaItem(db, meeting.id)?.id !== request.agenda_item_id)
				return { ok: false, reason: 'not_current_item' };
			if (speakingIn(db, meeting.id)) return { ok: false, reason: 'someone_speaking' };
			if (!inHall(db, meeting.id, request.person_id)) return { ok: false, reason: 'not_present' };
			const startedAt = ctx.now.toISOString();
			const limitSeconds = speakerLimitOf(db, meeting.id);
			db.prepare(
				"update speaker_requests set state = 'speaking', started_at = ?, limit_seconds = ? where id = ?"
			).run(startedAt, limitSeconds, requestId);
			ctx.audit({
				action: 'meeting.speech_started',
				subjectType: 'meeting',
				subjectId: meeting.id,
				after: {
					requestId,
					agendaItemId: request.agenda_item_id,
					personId: request.person_id,
					limitSeconds
				}
			});
			return { ok: true, startedAt, limitSeconds };
		}
	});
}

/** A summary on one line: runs of white space (line breaks too) become one space. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export type EndSpeechResult =
	| { ok: true; durationSeconds: number }
	| Refused<'forbidden' | 'not_found' | 'not_open' | 'not_speaking' | 'bad_summary'>;

/** The speech ends: its duration is recorded, with the clerk's one-line summary if any. */
export function endSpeech(
	db: Db,
	actor: Actor,
	villageId: number,
	requestId: number,
	summary: string,
	options: { now?: Date } = {}
): EndSpeechResult {
	const text = oneLine(summary);
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => requestOf(db, villageId, requestId),
		run: ({ request, meeting }, ctx): EndSpeechResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			if (request.state !== 'speaking') return { ok: false, reason: 'not_speaking' };
			if (text.length > SPEECH_SUMMARY_MAX) return { ok: false, reason: 'bad_summary' };
			return finishSpeech(ctx, meeting, request, text);
		}
	});
}

function finishSpeech(
	ctx: CommandContext,
	meeting: Meeting,
	request: RequestRow,
	summary: string
): { ok: true; durationSeconds: number } {
	const endedAt = ctx.now.toISOString();
	ctx.db
		.prepare("update speaker_requests set state = 'done', ended_at = ?, summary = ? where id = ?")
		.run(endedAt, summary, request.id);
	const durationSeconds = seconds(request.started_at!, endedAt);
	ctx.audit({
		action: 'meeting.speech_ended',
		subjectType: 'meeting',
		subjectId: meeting.id,
		after: {
			requestId: request.id,
			agendaItemId: request.agenda_item_id,
			personId: request.person_id,
			durationSeconds,
			summary
		}
	});
	return { ok: true, durationSeconds };
}

/**
 * Inside the meeting's close, before it is frozen: a speech still under way ends at the close, and
 * the requests still waiting lapse, so the frozen record holds no open queue.
 */
export function closeSpeakerQueue(ctx: CommandContext, meeting: Meeting): void {
	const { db } = ctx;
	const speaking = db
		.prepare("select * from speaker_requests where meeting_id = ? and state = 'speaking'")
		.get(meeting.id) as RequestRow | undefined;
	if (speaking) finishSpeech(ctx, meeting, speaking, '');
	const waiting = db
		.prepare(
			"select id from speaker_requests where meeting_id = ? and state = 'waiting' order by id"
		)
		.pluck()
		.all(meeting.id) as number[];
	if (!waiting.length) return;
	db.prepare(
		"update speaker_requests set state = 'lapsed' where meeting_id = ? and state = 'waiting'"
	).run(meeting.id);
	ctx.audit({
		action: 'meeting.floor_requests_lapsed',
		subjectType: 'meeting',
		subjectId: meeting.id,
		after: { requestIds: waiting }
	});
}
