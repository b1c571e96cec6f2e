// What the console, the attendee's phone, the hall screen and the minutes read of the speakers'
// queue (the verbs are in speakers.ts). Namesakes carry their household and group, so the clerk
// and the hall can tell two 王建国 apart.
import type { Db } from '../db';
import { currentAgendaItem, speakerLimitOf, type SpeakerRequestState } from './speakers';

export interface SpeakerPerson {
	personId: number;
	name: string;
	/** Household number and group (or grid), only when another person of the roster has the name. */
	detail: string | null;
}

interface PersonRow {
	person_id: number;
	name: string;
	household_key: string;
	group_name: string | null;
	grid_name: string | null;
	signed_in_at: string | null;
	left_at: string | null;
}

/** The meeting's roster with each namesake's household and group. */
function rosterPeople(db: Db, meetingId: number) {
	const rows = db
		.prepare(
			`select r.person_id, p.name, h.household_key, g.name as group_name, d.name as grid_name,
			   r.signed_in_at, r.left_at
			 from meeting_roster r join people p on p.id = r.person_id
			 join households h on h.id = p.household_id
			 left join village_groups g on g.id = h.group_id left join grids d on d.id = h.grid_id
			 where r.meeting_id = ? order by r.person_id`
		)
		.all(meetingId) as PersonRow[];
	const count = new Map<string, number>();
	for (const r of rows) count.set(r.name, (count.get(r.name) ?? 0) + 1);
	const people = new Map<number, SpeakerPerson & { inHall: boolean }>();
	for (const r of rows) {
		// 'head:<name>' stands for a sheet that had no household number: it tells nobody apart.
		const household = r.household_key.startsWith('head:') ? null : r.household_key;
		const detail = [household, r.group_name ?? r.grid_name].filter(Boolean).join(' · ');
		people.set(r.person_id, {
			personId: r.person_id,
			name: r.name,
			detail: (count.get(r.name) ?? 0) > 1 && detail ? detail : null,
			inHall: r.signed_in_at !== null && r.left_at === null
		});
	}
	return people;
}

interface RequestRow {
	id: number;
	agenda_item_id: number;
	person_id: number;
	requested_by: 'self' | 'clerk';
	requested_at: string;
	state: SpeakerRequestState;
	started_at: string | null;
	ended_at: string | null;
	limit_seconds: number | null;
	summary: string;
}

const requestsOf = (db: Db, meetingId: number, where: string, ...params: unknown[]) =>
	db
		.prepare(
			`select id, agenda_item_id, person_id, requested_by, requested_at, state, started_at,
			   ended_at, limit_seconds, summary
			 from speaker_requests where meeting_id = ? and ${where} order by requested_at, id`
		)
		.all(meetingId, ...params) as RequestRow[];

const seconds = (from: string, to: string) =>
	Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

function person(people: Map<number, SpeakerPerson>, id: number): SpeakerPerson {
	const p = people.get(id)!;
	return { personId: p.personId, name: p.name, detail: p.detail };
}

/** The queue of the item under discussion: who speaks now, who waits (in the order they asked). */
export function speakerQueue(db: Db, meetingId: number) {
	const item = currentAgendaItem(db, meetingId);
	const people = rosterPeople(db, meetingId);
	const speakingRow = requestsOf(db, meetingId, "state = 'speaking'")[0];
	const waiting = item
		? requestsOf(db, meetingId, "state = 'waiting' and agenda_item_id = ?", item.id)
		: [];
	return {
		item,
		limitSeconds: speakerLimitOf(db, meetingId),
		speaking: speakingRow
			? {
					requestId: speakingRow.id,
					...person(people, speakingRow.person_id),
					startedAt: speakingRow.started_at!,
					limitSeconds: speakingRow.limit_seconds!
				}
			: null,
		waiting: waiting.map((r) => ({
			requestId: r.id,
			...person(people, r.person_id),
			requestedAt: r.requested_at,
			requestedBy: r.requested_by
		})),
		people
	};
}

/** The console's part: the queue, the agenda to choose from, and the people in the hall to add. */
export function consoleSpeakers(db: Db, meetingId: number, now = new Date()) {
	const { people, ...queue } = speakerQueue(db, meetingId);
	const queued = new Set([
		...queue.waiting.map((w) => w.personId),
		...(queue.speaking ? [queue.speaking.personId] : [])
	]);
	return {
		...queue,
		agenda: db
			.prepare(
				'select id, position, title from agenda_items where meeting_id = ? order by position'
			)
			.all(meetingId) as { id: number; position: number; title: string }[],
		candidates: [...people.values()]
			.filter((p) => p.inHall && !queued.has(p.personId))
			.map((p) => ({ personId: p.personId, name: p.name, detail: p.detail })),
		serverNow: now.toISOString()
	};
}

/** The hall screen's part: names only, and the server's clock so the screen's timer can run. */
export function hallSpeakers(db: Db, meetingId: number, now = new Date()) {
	const { item, limitSeconds, speaking, waiting } = speakerQueue(db, meetingId);
	const strip = (p: SpeakerPerson) => ({ name: p.name, detail: p.detail });
	return {
		item,
		limitSeconds,
		speaking: speaking && {
			...strip(speaking),
			startedAt: speaking.startedAt,
			limitSeconds: speaking.limitSeconds
		},
		waiting: waiting.map((w) => ({ requestId: w.requestId, ...strip(w) })),
		serverNow: now.toISOString()
	};
}

/** Where this person stands in the queue: the item, their open request and how many wait before. */
export function myFloor(db: Db, meetingId: number, personId: number) {
	const item = currentAgendaItem(db, meetingId);
	if (!item) return { item: null, request: null };
	const open = requestsOf(
		db,
		meetingId,
		"agenda_item_id = ? and state in ('waiting', 'speaking')",
		item.id
	);
	const mine = open.find((r) => r.person_id === personId);
	return {
		item,
		request: mine
			? {
					id: mine.id,
					state: mine.state as 'waiting' | 'speaking',
					ahead: open.slice(0, open.indexOf(mine)).filter((r) => r.state === 'waiting').length
				}
			: null
	};
}

export interface SpokenView {
	id: number;
	name: string;
	detail: string | null;
	startedAt: string;
	durationSeconds: number;
	limitSeconds: number;
	summary: string;
}

/** The speeches given from the queue, by agenda item, in the order they began: for the minutes. */
export function spokenByItem(db: Db, meetingId: number): Map<number, SpokenView[]> {
	const people = rosterPeople(db, meetingId);
	const byItem = new Map<number, SpokenView[]>();
	const rows = db
		.prepare(
			`select id, agenda_item_id, person_id, started_at, ended_at, limit_seconds, summary
			 from speaker_requests where meeting_id = ? and state = 'done' order by started_at, id`
		)
		.all(meetingId) as RequestRow[];
	for (const r of rows) {
		const p = person(people, r.person_id);
		const list = byItem.get(r.agenda_item_id) ?? [];
		list.push({
			id: r.id,
			name: p.name,
			detail: p.detail,
			startedAt: r.started_at!,
			durationSeconds: seconds(r.started_at!, r.ended_at!),
			limitSeconds: r.limit_seconds!,
			summary: r.summary
		});
		byItem.set(r.agenda_item_id, list);
	}
	return byItem;
}
