// The outbox (issue 19): one message per event someone must act on, queued inside the event's own
// transaction, with one delivery per person on the channel they are reached by; and what the
// outbox pages read back: each message with its counts, and who it reached.
import type { CommandContext } from '../command';
import type { Db } from '../db';

export const CHANNELS = ['online', 'call', 'sms', 'wechat', 'loudspeaker'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATES = ['pending', 'sent', 'delivered', 'done', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const MESSAGE_KINDS = [
	'meeting_called',
	'meeting_moved',
	'vote_opened',
	'topic_answered',
	'objection_answered',
	'case_dispatched',
	'case_overdue',
	'visit_due'
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageInput {
	kind: MessageKind;
	subjectType: string;
	subjectId: number;
	/** Tells apart events of one subject (a meeting moved twice: the new time; a daily sweep: the day). */
	eventKey?: string;
	title: string;
	body: string;
	/** The page the message points to, under the site (`/xinyang/meetings/3`). */
	link: string;
	urgent?: boolean;
	recipients: readonly number[];
}

export type QueueResult =
	{ queued: true; messageId: number } | { queued: false; messageId: number };

/**
 * The channel a person is reached by. Someone told through a messenger (roster/notify.ts: a
 * villager without a phone) is reached by a call, which lands on the call list of their own grid
 * with the messenger named, whatever their preferred channel says: the messenger carries the word.
 */
function channelOf(db: Db, personId: number): Channel {
	const row = db
		.prepare(
			`select p.preferred_channel as channel, np.via_person_id as via
			 from people p left join notify_preferences np on np.person_id = p.id
			 where p.id = ?`
		)
		.get(personId) as { channel: Channel; via: number | null };
	return row.via ? 'call' : row.channel;
}

/**
 * Queues the message of one event, inside the caller's transaction: one messages row (the same
 * event again changes nothing) and one delivery per resident recipient of the village. A delivery
 * online is `sent` at once (the app shows it); every other channel waits `pending` for someone or
 * the SMS adapter to carry it.
 */
export function queueMessage(
	ctx: CommandContext,
	villageId: number,
	input: MessageInput
): QueueResult {
	const { db } = ctx;
	const eventKey = input.eventKey ?? '';
	const existing = db
		.prepare(
			`select id from messages where village_id = ? and kind = ? and subject_type = ?
			   and subject_id = ? and event_key = ?`
		)
		.pluck()
		.get(villageId, input.kind, input.subjectType, input.subjectId, eventKey) as number | undefined;
	if (existing !== undefined) return { queued: false, messageId: existing };
	const messageId = Number(
		db
			.prepare(
				`insert into messages (village_id, kind, subject_type, subject_id, event_key, title, body,
				   link, urgent, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				villageId,
				input.kind,
				input.subjectType,
				input.subjectId,
				eventKey,
				clip(input.title, 200),
				clip(input.body, 2000),
				input.link,
				input.urgent ? 1 : 0,
				ctx.now.toISOString()
			).lastInsertRowid
	);
	const residents = db
		.prepare(
			`select id from people where village_id = ? and status = 'resident'
			   and id in (select value from json_each(?)) order by id`
		)
		.pluck()
		.all(villageId, JSON.stringify([...new Set(input.recipients)])) as number[];
	const insert = db.prepare(
		'insert into message_deliveries (message_id, person_id, channel, state) values (?, ?, ?, ?)'
	);
	const channels: Partial<Record<Channel, number>> = {};
	for (const personId of residents) {
		const channel = channelOf(db, personId);
		insert.run(messageId, personId, channel, channel === 'online' ? 'sent' : 'pending');
		channels[channel] = (channels[channel] ?? 0) + 1;
	}
	ctx.audit({
		action: 'message.queued',
		subjectType: 'message',
		subjectId: messageId,
		after: {
			kind: input.kind,
			subject: `${input.subjectType}:${input.subjectId}`,
			eventKey,
			recipients: residents.length,
			channels
		}
	});
	return { queued: true, messageId };
}

// A title or body built from a long meeting title must still fit the table's check.
const clip = (s: string, max: number) => ([...s].length > max ? [...s].slice(0, max).join('') : s);

export interface Message {
	id: number;
	kind: MessageKind;
	subjectType: string;
	subjectId: number;
	eventKey: string;
	title: string;
	body: string;
	link: string;
	urgent: boolean;
	createdAt: string;
}

const MESSAGE_COLUMNS = `id, kind, subject_type as subjectType, subject_id as subjectId,
	event_key as eventKey, title, body, link, urgent, created_at as createdAt`;

const toMessage = (r: Message & { urgent: unknown }): Message => ({ ...r, urgent: !!r.urgent });

export function findMessage(db: Db, villageId: number, messageId: number): Message | null {
	const row = db
		.prepare(`select ${MESSAGE_COLUMNS} from messages where id = ? and village_id = ?`)
		.get(messageId, villageId) as (Message & { urgent: unknown }) | undefined;
	return row ? toMessage(row) : null;
}

/** How many deliveries of a message sit on each channel in each state. */
export type DeliveryCounts = Partial<Record<Channel, Partial<Record<DeliveryState, number>>>>;

export interface OutboxEntry extends Message {
	counts: DeliveryCounts;
	recipients: number;
	/** Deliveries someone or something must still carry (pending or failed). */
	toDo: number;
}

const TO_DO_FILTER = `(? = 0 or exists (select 1 from message_deliveries d
	where d.message_id = m.id and d.state in ('pending', 'failed')))`;

/** How many messages the outbox holds, or with work left (`toDo`): for its pages. */
export const outboxCount = (db: Db, villageId: number, options: { toDo?: boolean } = {}): number =>
	(
		db
			.prepare(`select count(*) as n from messages m where village_id = ? and ${TO_DO_FILTER}`)
			.get(villageId, options.toDo ? 1 : 0) as { n: number }
	).n;

/** The village's messages, newest first, each with its counts; `toDo` keeps those with work left. */
export function outboxOf(
	db: Db,
	villageId: number,
	options: { toDo?: boolean; limit?: number; offset?: number } = {}
): OutboxEntry[] {
	const messages = (
		db
			.prepare(
				`select ${MESSAGE_COLUMNS} from messages m where village_id = ? and ${TO_DO_FILTER}
				 order by created_at desc, id desc limit ? offset ?`
			)
			.all(
				villageId,
				options.toDo ? 1 : 0,
				options.limit ?? 200,
				options.offset ?? 0
			) as (Message & {
			urgent: unknown;
		})[]
	).map(toMessage);
	const countsOf = db.prepare(
		`select channel, state, count(*) as n from message_deliveries where message_id = ?
		 group by channel, state`
	);
	return messages.map((message) => {
		const counts: DeliveryCounts = {};
		let recipients = 0;
		let toDo = 0;
		for (const r of countsOf.all(message.id) as {
			channel: Channel;
			state: DeliveryState;
			n: number;
		}[]) {
			(counts[r.channel] ??= {})[r.state] = r.n;
			recipients += r.n;
			if (r.state === 'pending' || r.state === 'failed') toDo += r.n;
		}
		return { ...message, counts, recipients, toDo };
	});
}

export interface Delivery {
	id: number;
	messageId: number;
	personId: number;
	name: string;
	phone: string | null;
	gridId: number | null;
	gridName: string | null;
	channel: Channel;
	state: DeliveryState;
	attempts: number;
	/** Who carries the word to a villager told through a messenger (roster/notify.ts). */
	messengerId: number | null;
	messengerName: string | null;
	messengerPhone: string | null;
	doneAt: string | null;
	error: string | null;
}

const DELIVERY_QUERY = `select d.id, d.message_id as messageId, d.person_id as personId, p.name,
	p.phone, h.grid_id as gridId, g.name as gridName, d.channel, d.state, d.attempts,
	np.via_person_id as messengerId, mp.name as messengerName, mp.phone as messengerPhone,
	d.done_at as doneAt, d.error
	from message_deliveries d join messages m on m.id = d.message_id
	join people p on p.id = d.person_id join households h on h.id = p.household_id
	left join grids g on g.id = h.grid_id
	left join notify_preferences np on np.person_id = p.id
	left join people mp on mp.id = np.via_person_id`;

/** Who a message reaches, by grid then household, with channel and state. */
export function deliveriesOf(db: Db, villageId: number, messageId: number): Delivery[] {
	return db
		.prepare(
			`${DELIVERY_QUERY} where m.village_id = ? and d.message_id = ?
			 order by g.name is null, g.name, h.household_key, p.id`
		)
		.all(villageId, messageId) as Delivery[];
}

export function findDelivery(db: Db, villageId: number, deliveryId: number): Delivery | null {
	return (
		(db
			.prepare(`${DELIVERY_QUERY} where m.village_id = ? and d.id = ?`)
			.get(villageId, deliveryId) as Delivery | undefined) ?? null
	);
}

/** A grid's call list for a message: its villagers reached by a call, by household. */
export function callList(db: Db, villageId: number, messageId: number, gridId: number): Delivery[] {
	return deliveriesOf(db, villageId, messageId).filter(
		(d) => d.channel === 'call' && d.gridId === gridId
	);
}

export interface GridCalls {
	gridId: number | null;
	gridName: string | null;
	pending: number;
	total: number;
}

/** A message's calls by grid: how many of each grid's call list are still to be told. */
export function callsByGrid(db: Db, villageId: number, messageId: number): GridCalls[] {
	const grids = new Map<number | null, GridCalls>();
	for (const d of deliveriesOf(db, villageId, messageId)) {
		if (d.channel !== 'call') continue;
		const g = grids.get(d.gridId) ?? {
			gridId: d.gridId,
			gridName: d.gridName,
			pending: 0,
			total: 0
		};
		g.total++;
		if (d.state === 'pending' || d.state === 'failed') g.pending++;
		grids.set(d.gridId, g);
	}
	return [...grids.values()];
}

/** The messages with calls still to make in a grid, newest first: the grid head's to-do. */
export function callsToMake(
	db: Db,
	villageId: number,
	gridId: number
): { messageId: number; title: string; pending: number }[] {
	return db
		.prepare(
			`select m.id as messageId, m.title, count(*) as pending
			 from messages m join message_deliveries d on d.message_id = m.id
			 join people p on p.id = d.person_id join households h on h.id = p.household_id
			 where m.village_id = ? and h.grid_id = ? and d.channel = 'call'
			   and d.state in ('pending', 'failed')
			 group by m.id order by m.created_at desc, m.id desc limit 50`
		)
		.all(villageId, gridId) as { messageId: number; title: string; pending: number }[];
}
