// The topic record: its types, how it is read, and the two steps every topic command shares
// (moving the state along the table, and recording a change with its before and after).
import type { AuditAction } from '../audit/actions';
import type { CommandContext } from '../command';
import type { Db } from '../db';
import { deadlineAfter } from '../calendar/working-days';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';
import { getVillageSettings } from '../villages/settings';
import {
	ENDING_MOVES,
	transition,
	type Art24Item,
	type EndKind,
	type EndingMove,
	type Category,
	type Channel,
	type OnBehalfChannel,
	type TopicAction,
	type TopicState
} from './rules';

export interface TopicInput {
	title: string;
	description: string;
	category: Category;
	place: string;
	affected: string;
	estimatedCostFen: number | null;
	funding: string;
}

/** A file already prepared and saved by the upload store, to be recorded with the topic. */
export interface StoredAttachment {
	kind: 'image' | 'pdf';
	purpose: 'material' | 'consent';
	storedName: string;
	originalName: string;
	mime: string;
	size: number;
}

export const MAX_ATTACHMENTS = 6;

export interface OnBehalf {
	personId: number;
	channel: OnBehalfChannel;
	/**
	 * Null only for a service request the villager filed themselves that staff turn into a topic:
	 * the request is in their own words, and the topic still awaits their confirmation.
	 */
	consentKind: 'signed_note' | 'read_back' | null;
	// When the text was read back to the villager and they agreed (ISO time).
	consentAt: string | null;
}

export interface Topic extends TopicInput {
	id: number;
	villageId: number;
	number: string;
	state: TopicState;
	channel: Channel;
	proposerPersonId: number | null;
	proposerName: string | null;
	filedByUserId: number;
	filedByName: string;
	onBehalf: boolean;
	consentKind: 'signed_note' | 'read_back' | null;
	consentAt: string | null;
	proposerConfirmedAt: string | null;
	major: boolean;
	art24Items: Art24Item[];
	submittedAt: string | null;
	triageDue: string | null;
	triagedAt: string | null;
	triageReason: string | null;
	mergedIntoNumber: string | null;
	outcome: string | null;
	closedAt: string | null;
	/** How it reached 办结; null until it ends that way (merged, not accepted, withdrawn: null). */
	endKind: EndKind | null;
	createdAt: string;
	gridName: string | null;
}

interface TopicRow {
	id: number;
	village_id: number;
	number: string;
	title: string;
	description: string;
	category: Category;
	place: string;
	affected: string;
	estimated_cost_fen: number | null;
	funding: string;
	state: TopicState;
	channel: Channel;
	proposer_person_id: number | null;
	proposer_name: string | null;
	filed_by_user_id: number;
	filed_by_name: string;
	filed_by_person_id: number | null;
	consent_kind: 'signed_note' | 'read_back' | null;
	consent_at: string | null;
	proposer_confirmed_at: string | null;
	major: number;
	art24_items: string;
	submitted_at: string | null;
	triage_due: string | null;
	triaged_at: string | null;
	triage_reason: string | null;
	merged_into_number: string | null;
	outcome: string | null;
	closed_at: string | null;
	end_kind: EndKind | null;
	created_at: string;
	grid_name: string | null;
}

const TOPIC_SELECT = `
	select t.*, p.name as proposer_name, u.name as filed_by_name, u.person_id as filed_by_person_id,
	       m.number as merged_into_number, g.name as grid_name
	from topics t
	left join people p on p.id = t.proposer_person_id
	left join households h on h.id = p.household_id
	left join grids g on g.id = h.grid_id
	join users u on u.id = t.filed_by_user_id
	left join topics m on m.id = t.merged_into`;

function toTopic(r: TopicRow): Topic {
	return {
		id: r.id,
		villageId: r.village_id,
		number: r.number,
		title: r.title,
		description: r.description,
		category: r.category,
		place: r.place,
		affected: r.affected,
		estimatedCostFen: r.estimated_cost_fen,
		funding: r.funding,
		state: r.state,
		channel: r.channel,
		proposerPersonId: r.proposer_person_id,
		proposerName: r.proposer_name,
		filedByUserId: r.filed_by_user_id,
		filedByName: r.filed_by_name,
		onBehalf: r.proposer_person_id !== null && r.proposer_person_id !== r.filed_by_person_id,
		consentKind: r.consent_kind,
		consentAt: r.consent_at,
		proposerConfirmedAt: r.proposer_confirmed_at,
		major: r.major === 1,
		art24Items: JSON.parse(r.art24_items) as Art24Item[],
		submittedAt: r.submitted_at,
		triageDue: r.triage_due,
		triagedAt: r.triaged_at,
		triageReason: r.triage_reason,
		mergedIntoNumber: r.merged_into_number,
		outcome: r.outcome,
		closedAt: r.closed_at,
		endKind: r.end_kind,
		createdAt: r.created_at,
		gridName: r.grid_name
	};
}

export function findTopic(db: Db, villageId: number, id: number): Topic | null {
	const row = db
		.prepare(`${TOPIC_SELECT} where t.id = ? and t.village_id = ?`)
		.get(id, villageId) as TopicRow | undefined;
	return row ? toTopic(row) : null;
}

export function findTopicByNumber(db: Db, villageId: number, number: string): Topic | null {
	const row = db
		.prepare(`${TOPIC_SELECT} where t.number = ? and t.village_id = ?`)
		.get(number, villageId) as TopicRow | undefined;
	return row ? toTopic(row) : null;
}

/** What a topic's audit entries say about it. */
export function auditTopic(t: Topic) {
	return {
		number: t.number,
		state: t.state,
		title: t.title,
		category: t.category,
		major: t.major,
		art24Items: t.art24Items,
		triageReason: t.triageReason,
		mergedInto: t.mergedIntoNumber,
		endKind: t.endKind
	};
}

export function isResident(db: Db, villageId: number, personId: number): boolean {
	return !!db
		.prepare("select 1 from people where id = ? and village_id = ? and status = 'resident'")
		.get(personId, villageId);
}

export function isProposer(actor: Actor, t: Topic): boolean {
	return actor.personId !== null && actor.personId === t.proposerPersonId;
}

/** The triage deadline of a topic submitted at `now`: the village's working days from today. */
export function triageDueFrom(db: Db, villageId: number, now: Date): string {
	const settings = getVillageSettings(db, villageId);
	return deadlineAfter(todayInChina(now), settings.triageDays, settings.holidays);
}

export type TopicChangeResult =
	| { ok: true; topic: Topic }
	| { ok: false; reason: 'not_found' | 'forbidden' | 'wrong_state' | 'bad_category' };

/**
 * Stamps the change and writes its audit entry with the topic before and after; the last step of
 * every command that changes a topic's own row.
 */
export function recordTopicChange(
	ctx: CommandContext,
	before: Topic,
	action: AuditAction
): { ok: true; topic: Topic } {
	ctx.db
		.prepare('update topics set updated_at = ? where id = ?')
		.run(ctx.now.toISOString(), before.id);
	const after = findTopic(ctx.db, before.villageId, before.id)!;
	ctx.audit({
		action,
		subjectType: 'topic',
		subjectId: before.id,
		before: auditTopic(before),
		after: auditTopic(after)
	});
	return { ok: true, topic: after };
}

/**
 * Moves the topic along the state machine and records the move under its own name, or refuses:
 * the table decides, not the page.
 */
export function moveState(
	ctx: CommandContext,
	t: Topic,
	move: TopicAction,
	action: AuditAction,
	extra: Record<string, unknown> = {}
): { ok: true; topic: Topic } | { ok: false; reason: 'wrong_state' } {
	const to = transition(t.state, move);
	if (!to) return { ok: false, reason: 'wrong_state' };
	const sets = Object.keys(extra).map((k) => `${k} = @${k}`);
	ctx.db
		.prepare(
			`update topics set state = @to${sets.length ? ', ' + sets.join(', ') : ''} where id = @id`
		)
		.run({ to, id: t.id, ...extra });
	return recordTopicChange(ctx, t, action);
}

/**
 * Ends the topic on its track, in the transaction of the act that ends it (the archive, the
 * feedback notice, the agreed actions done, the direct case closed), and records the end.
 */
export function endTopic(
	ctx: CommandContext,
	t: Topic,
	move: EndingMove,
	action: AuditAction,
	extra: Record<string, unknown> = {}
): { ok: true; topic: Topic } | { ok: false; reason: 'wrong_state' } {
	return moveState(ctx, t, move, action, {
		...extra,
		closed_at: ctx.now.toISOString(),
		end_kind: ENDING_MOVES[move]
	});
}

export interface Attachment {
	id: number;
	kind: 'image' | 'pdf';
	purpose: 'material' | 'consent';
	storedName: string;
	originalName: string;
	mime: string;
	size: number;
}

/** The consent note of a filing on behalf is shown to staff, the filer and the villager only. */
export function maySeeConsent(
	t: Topic,
	userId: number,
	personId: number | null,
	staff: boolean
): boolean {
	return (
		staff || t.filedByUserId === userId || (personId !== null && t.proposerPersonId === personId)
	);
}

export function listAttachments(db: Db, topicId: number): Attachment[] {
	return db
		.prepare(
			`select id, kind, purpose, stored_name as storedName, original_name as originalName, mime, size
			 from topic_attachments where topic_id = ? order by id`
		)
		.all(topicId) as Attachment[];
}

/** An attachment of a topic of this village, or null: ids from elsewhere are simply not found. */
export function findAttachment(
	db: Db,
	villageId: number,
	topicNumber: string,
	attachmentId: number
): Attachment | null {
	return (
		(db
			.prepare(
				`select a.id, a.kind, a.purpose, a.stored_name as storedName, a.original_name as originalName, a.mime, a.size
				 from topic_attachments a join topics t on t.id = a.topic_id where a.id = ? and t.number = ? and t.village_id = ?`
			)
			.get(attachmentId, topicNumber, villageId) as Attachment | undefined) ?? null
	);
}
