// Topics: proposing, filing on behalf, co-signing, opinions and triage. Each command checks who is
// asking, runs in one transaction, writes its audit entry there, and returns a result union.
import type { Refusal } from '../result';
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import { adultsAndRepresentativesOn } from '../roster/counts';
import { adultBornOnOrBefore, todayInChina } from '../roster/dates';
import { nameInitials } from '../roster/initials';
import { pageWindow, type Page } from '../roster/people';
import { getVillageSettings } from '../villages/settings';
import {
	ART24_ITEMS,
	CATEGORIES,
	COSIGN_STATES,
	TERMINAL_STATES,
	cosignThresholds,
	deadlineAfter,
	trackingNumber,
	transition,
	type Art24Item,
	type Category,
	type Channel,
	type CosignThreshold,
	type OnBehalfChannel,
	type TopicAction,
	type TopicState
} from './rules';
import type { Actor } from '../permissions/actor';
import { filingScope, mayFileFor, mayFileForOthers } from '../permissions/filing';
import { isStaffOf } from '../permissions/village';

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
	consentKind: 'signed_note' | 'read_back';
	// When the text was read back to the villager and they agreed (ISO time).
	consentAt: string;
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

function auditTopic(t: Topic) {
	return {
		number: t.number,
		state: t.state,
		title: t.title,
		category: t.category,
		major: t.major,
		art24Items: t.art24Items,
		triageReason: t.triageReason,
		mergedInto: t.mergedIntoNumber
	};
}

/** The villagers this actor may file for, for the picker: adults first by household. */
export function filingCandidates(
	db: Db,
	villageId: number,
	actor: Actor,
	search: string,
	date = todayInChina()
): { id: number; name: string; householdKey: string; gridName: string | null }[] {
	if (!mayFileForOthers(db, villageId, actor, date)) return [];
	const scope = filingScope(db, villageId, actor, date);
	const like = `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	return db
		.prepare(
			// Households first (cross join keeps that order): walking them in household_key order by
			// their index stops after 50 people instead of sorting the whole village.
			`select p.id, p.name, h.household_key as householdKey, g.name as gridName from households h
			 cross join people p on p.household_id = h.id left join grids g on g.id = h.grid_id
			 where h.village_id = @village and p.village_id = @village and p.status = 'resident'
			   and p.birth_date <= @adultCutoff
			   and (@everyone or h.grid_id in (select value from json_each(@grids))
			        or p.household_id in (select value from json_each(@households)))
			   and (@search = '' or p.name like @like escape '\\' or p.name_initials like @like escape '\\'
			        or h.household_key = @search)
			 order by h.household_key, p.id limit 50`
		)
		.all({
			village: villageId,
			adultCutoff: adultBornOnOrBefore(date),
			everyone: scope.everyone ? 1 : 0,
			grids: JSON.stringify(scope.grids),
			households: JSON.stringify(scope.households),
			search,
			like
		}) as { id: number; name: string; householdKey: string; gridName: string | null }[];
}

function isResident(db: Db, villageId: number, personId: number): boolean {
	return !!db
		.prepare("select 1 from people where id = ? and village_id = ? and status = 'resident'")
		.get(personId, villageId);
}

// ---------- proposing ----------

export type CreateTopicResult =
	| { ok: true; topic: Topic }
	| { ok: false; reason: 'not_a_villager' | 'not_your_villager' | 'bad_category' };

function villageCode(db: Db, villageId: number): string {
	const v = db.prepare('select name, slug from villages where id = ?').get(villageId) as {
		name: string;
		slug: string;
	};
	const initials = nameInitials(v.name.replace(/村$/, '')).toUpperCase();
	return initials || v.slug.slice(0, 4).toUpperCase();
}

function triageDays(db: Db, villageId: number): { days: number; holidays: string[] } {
	const settings = getVillageSettings(db, villageId);
	return { days: settings.triageDays, holidays: settings.holidays };
}

/**
 * Files a topic, as a draft or submitted at once. The tracking number is taken in the same
 * transaction as the insert (BEGIN IMMEDIATE), so two filings can never share or skip a number.
 */
export function createTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	input: TopicInput,
	options: { submit: boolean; onBehalf?: OnBehalf; now?: Date; attachments?: StoredAttachment[] }
): CreateTopicResult {
	if (!(CATEGORIES as readonly string[]).includes(input.category))
		return { ok: false, reason: 'bad_category' };
	const now = options.now ?? new Date();
	const today = todayInChina(now);
	return db
		.transaction((): CreateTopicResult => {
			let proposer: number;
			let channel: Channel = 'online';
			if (options.onBehalf) {
				if (!mayFileFor(db, villageId, actor, options.onBehalf.personId, today)) {
					return { ok: false, reason: 'not_your_villager' };
				}
				proposer = options.onBehalf.personId;
				channel = options.onBehalf.channel;
			} else {
				if (actor.personId === null || !isResident(db, villageId, actor.personId)) {
					return { ok: false, reason: 'not_a_villager' };
				}
				proposer = actor.personId;
			}
			const year = Number(today.slice(0, 4));
			const seq =
				(
					db
						.prepare(
							'select coalesce(max(seq), 0) as s from topics where village_id = ? and year = ?'
						)
						.get(villageId, year) as {
						s: number;
					}
				).s + 1;
			const number = trackingNumber(villageCode(db, villageId), year, seq);
			const iso = now.toISOString();
			const { days, holidays } = triageDays(db, villageId);
			const { lastInsertRowid } = db
				.prepare(
					`insert into topics (village_id, number, year, seq, title, description, category, place, affected,
					   estimated_cost_fen, funding, state, channel, proposer_person_id, filed_by_user_id, consent_kind, consent_at,
					   submitted_at, triage_due, created_at, updated_at)
					 values (@village, @number, @year, @seq, @title, @description, @category, @place, @affected,
					   @cost, @funding, @state, @channel, @proposer, @filer, @consentKind, @consentAt,
					   @submittedAt, @triageDue, @now, @now)`
				)
				.run({
					village: villageId,
					number,
					year,
					seq,
					title: input.title,
					description: input.description,
					category: input.category,
					place: input.place,
					affected: input.affected,
					cost: input.estimatedCostFen,
					funding: input.funding,
					state: options.submit ? 'submitted' : 'draft',
					channel,
					proposer,
					filer: actor.userId,
					consentKind: options.onBehalf?.consentKind ?? null,
					consentAt: options.onBehalf?.consentAt ?? null,
					submittedAt: options.submit ? iso : null,
					triageDue: options.submit ? deadlineAfter(today, days, holidays) : null,
					now: iso
				});
			const topicId = Number(lastInsertRowid);
			const files = options.attachments ?? [];
			const insertFile = db.prepare(
				`insert into topic_attachments (topic_id, kind, purpose, stored_name, original_name, mime, size, uploaded_by, created_at)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			);
			for (const f of files) {
				insertFile.run(
					topicId,
					f.kind,
					f.purpose,
					f.storedName,
					f.originalName,
					f.mime,
					f.size,
					actor.userId,
					iso
				);
			}
			const topic = findTopic(db, villageId, topicId)!;
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action: options.submit ? 'topic.submitted' : 'topic.drafted',
				subjectType: 'topic',
				subjectId: topic.id,
				after: {
					...auditTopic(topic),
					channel,
					onBehalf: topic.onBehalf,
					proposerPersonId: proposer,
					attachments: files.map((f) => ({
						storedName: f.storedName,
						originalName: f.originalName,
						purpose: f.purpose
					}))
				}
			});
			return { ok: true, topic };
		})
		.immediate();
}

export type TopicChangeResult =
	| { ok: true; topic: Topic }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'wrong_state'
				| 'bad_category'
				| 'merge_target'
				| 'major_needs_four_plus_two';
	  };

function isProposer(actor: Actor, t: Topic) {
	return actor.personId !== null && actor.personId === t.proposerPersonId;
}

function changeTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	action: string,
	allowed: (t: Topic) => boolean,
	change: (t: Topic) => TopicChangeResult | null
): TopicChangeResult {
	return db
		.transaction((): TopicChangeResult => {
			const before = findTopic(db, villageId, topicId);
			if (!before) return { ok: false, reason: 'not_found' };
			if (!allowed(before)) return { ok: false, reason: 'forbidden' };
			const refused = change(before);
			if (refused) return refused;
			db.prepare('update topics set updated_at = ? where id = ?').run(
				new Date().toISOString(),
				topicId
			);
			const after = findTopic(db, villageId, topicId)!;
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action,
				subjectType: 'topic',
				subjectId: topicId,
				before: auditTopic(before),
				after: auditTopic(after)
			});
			return { ok: true, topic: after };
		})
		.immediate();
}

/** Moves the topic along the state machine, or refuses: the table decides, not the page. */
function moveState(
	db: Db,
	t: Topic,
	action: TopicAction,
	extra: Record<string, unknown> = {}
): TopicChangeResult | null {
	const to = transition(t.state, action);
	if (!to) return { ok: false, reason: 'wrong_state' };
	const sets = Object.keys(extra).map((k) => `${k} = @${k}`);
	db.prepare(
		`update topics set state = @to${sets.length ? ', ' + sets.join(', ') : ''} where id = @id`
	).run({
		to,
		id: t.id,
		...extra
	});
	return null;
}

export function updateDraft(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: TopicInput
): TopicChangeResult {
	if (!(CATEGORIES as readonly string[]).includes(input.category))
		return { ok: false, reason: 'bad_category' };
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.draft_updated',
		(t) => t.filedByUserId === actor.userId,
		(t) => {
			if (t.state !== 'draft') return { ok: false, reason: 'wrong_state' };
			db.prepare(
				`update topics set title = ?, description = ?, category = ?, place = ?, affected = ?, estimated_cost_fen = ?, funding = ?
			 where id = ?`
			).run(
				input.title,
				input.description,
				input.category,
				input.place,
				input.affected,
				input.estimatedCostFen,
				input.funding,
				t.id
			);
			return null;
		}
	);
}

export function submitDraft(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	now = new Date()
): TopicChangeResult {
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.submitted',
		(t) => t.filedByUserId === actor.userId,
		(t) => {
			const today = todayInChina(now);
			const { days, holidays } = triageDays(db, villageId);
			return moveState(db, t, 'submit', {
				submitted_at: now.toISOString(),
				triage_due: deadlineAfter(today, days, holidays)
			});
		}
	);
}

/** The villager a topic was filed for confirms it is theirs. */
export function confirmTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): TopicChangeResult {
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.confirmed',
		(t) => isProposer(actor, t) && t.onBehalf,
		(t) => {
			if (
				t.proposerConfirmedAt ||
				!['submitted', 'consultation', 'four_plus_two', 'direct'].includes(t.state)
			) {
				return { ok: false, reason: 'wrong_state' };
			}
			db.prepare('update topics set proposer_confirmed_at = ? where id = ?').run(
				new Date().toISOString(),
				t.id
			);
			return null;
		}
	);
}

/** The proposer (or whoever filed it) withdraws the topic before it is triaged. */
export function withdrawTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): TopicChangeResult {
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.withdrawn',
		(t) => isProposer(actor, t) || t.filedByUserId === actor.userId,
		(t) => moveState(db, t, 'withdraw', { closed_at: new Date().toISOString() })
	);
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

// ---------- co-signing (附议) ----------

export interface CosignStatus {
	signers: number;
	representativeSigners: number;
	adults: number;
	representatives: number;
	date: string;
	thresholds: CosignThreshold[];
	obligations: { kind: 'villagers_meeting' | 'reps_meeting'; reachedOn: string }[];
}

function countSigners(db: Db, villageId: number, topicId: number, date: string) {
	return db
		.prepare(
			`select count(*) as signers,
			   coalesce(sum(exists (select 1 from roles r where r.person_id = c.person_id and r.village_id = @village
			     and r.role = 'village_rep' and r.start_date <= @date and (r.end_date is null or r.end_date >= @date))), 0) as reps
			 from topic_cosigns c join people p on p.id = c.person_id
			 where c.topic_id = @topic and (p.status = 'resident' or p.status_date > @date)`
		)
		.get({ village: villageId, topic: topicId, date }) as { signers: number; reps: number };
}

export function cosignStatus(
	db: Db,
	villageId: number,
	topicId: number,
	date = todayInChina()
): CosignStatus {
	const { signers, reps } = countSigners(db, villageId, topicId, date);
	const counts = adultsAndRepresentativesOn(db, villageId, date);
	return {
		signers,
		representativeSigners: reps,
		adults: counts.adults,
		representatives: counts.representatives,
		date,
		thresholds: cosignThresholds(signers, reps, counts.adults, counts.representatives),
		obligations: db
			.prepare(
				'select kind, reached_on as reachedOn from topic_obligations where topic_id = ? order by kind'
			)
			.all(topicId) as {
			kind: 'villagers_meeting' | 'reps_meeting';
			reachedOn: string;
		}[]
	};
}

export function hasCosigned(db: Db, topicId: number, personId: number | null): boolean {
	return (
		personId !== null &&
		!!db
			.prepare('select 1 from topic_cosigns where topic_id = ? and person_id = ?')
			.get(topicId, personId)
	);
}

export type CosignResult =
	| { ok: true; status: CosignStatus; newObligations: string[] }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'not_a_villager'
				| 'not_adult'
				| 'wrong_state'
				| 'already_cosigned'
				| 'not_cosigned';
	  };

/**
 * Adds the actor's co-signature. The primary key (topic, person) makes a second one impossible
 * even when two requests race; reaching a statutory threshold records the obligation at once.
 */
export function cosign(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	now = new Date()
): CosignResult {
	const today = todayInChina(now);
	return db
		.transaction((): CosignResult => {
			const t = findTopic(db, villageId, topicId);
			if (!t) return { ok: false, reason: 'not_found' };
			if (actor.personId === null) return { ok: false, reason: 'not_a_villager' };
			const person = db
				.prepare(
					"select birth_date from people where id = ? and village_id = ? and status = 'resident'"
				)
				.get(actor.personId, villageId) as { birth_date: string } | undefined;
			if (!person) return { ok: false, reason: 'not_a_villager' };
			if (person.birth_date > adultBornOnOrBefore(today)) return { ok: false, reason: 'not_adult' };
			if (!COSIGN_STATES.includes(t.state)) return { ok: false, reason: 'wrong_state' };
			const inserted = db
				.prepare(
					'insert into topic_cosigns (topic_id, person_id, user_id, created_at) values (?, ?, ?, ?) on conflict do nothing'
				)
				.run(topicId, actor.personId, actor.userId, now.toISOString());
			if (inserted.changes === 0) return { ok: false, reason: 'already_cosigned' };
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action: 'topic.cosigned',
				subjectType: 'topic',
				subjectId: topicId,
				after: { personId: actor.personId }
			});
			const status = cosignStatus(db, villageId, topicId, today);
			const newObligations: string[] = [];
			for (const th of status.thresholds.filter((x) => x.met)) {
				const added = db
					.prepare(
						'insert into topic_obligations (topic_id, kind, reached_on, basis) values (?, ?, ?, ?) on conflict do nothing'
					)
					.run(topicId, th.obligation, today, JSON.stringify(th));
				if (added.changes > 0) {
					newObligations.push(th.obligation);
					appendAudit(db, {
						villageId,
						actorId: actor.userId,
						action: 'topic.obligation_reached',
						subjectType: 'topic',
						subjectId: topicId,
						after: {
							obligation: th.obligation,
							rule: th.rule,
							left: th.left,
							right: th.right,
							reachedOn: today
						}
					});
				}
			}
			return { ok: true, status: cosignStatus(db, villageId, topicId, today), newObligations };
		})
		.immediate();
}

/** Withdraws the actor's co-signature; allowed only before triage. A reached obligation stays. */
export function withdrawCosign(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): CosignResult {
	return db
		.transaction((): CosignResult => {
			const t = findTopic(db, villageId, topicId);
			if (!t) return { ok: false, reason: 'not_found' };
			if (actor.personId === null) return { ok: false, reason: 'not_a_villager' };
			if (t.state !== 'submitted') return { ok: false, reason: 'wrong_state' };
			const removed = db
				.prepare('delete from topic_cosigns where topic_id = ? and person_id = ?')
				.run(topicId, actor.personId);
			if (removed.changes === 0) return { ok: false, reason: 'not_cosigned' };
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action: 'topic.cosign_withdrawn',
				subjectType: 'topic',
				subjectId: topicId,
				before: { personId: actor.personId }
			});
			return { ok: true, status: cosignStatus(db, villageId, topicId), newObligations: [] };
		})
		.immediate();
}

// ---------- opinions ----------

export interface Opinion {
	id: number;
	authorName: string;
	personId: number | null;
	filedByName: string;
	onBehalf: boolean;
	channel: string;
	body: string;
	createdAt: string;
	hidden: boolean;
	hiddenReason: string | null;
}

const OPINION_COLUMNS = `o.id, o.author_name as authorName, o.person_id as personId, u.name as filedByName,
	(o.person_id is not u.person_id) as onBehalf, o.channel, o.body, o.created_at as createdAt,
	(o.hidden_at is not null) as hidden, o.hidden_reason as hiddenReason`;

type OpinionRow = Omit<Opinion, 'hidden' | 'onBehalf'> & { hidden: number; onBehalf: number };

const opinionOf = (r: OpinionRow): Opinion => ({
	...r,
	hidden: r.hidden === 1,
	onBehalf: r.onBehalf === 1
});

export const OPINIONS_PER_PAGE = 30;

/**
 * One page of a topic's opinions, newest first so that one just written shows at the top: a
 * topic a whole village talks about has hundreds, too many for a cheap phone on one page.
 */
export function opinionsPage(
	db: Db,
	topicId: number,
	includeHidden: boolean,
	requestedPage: number | undefined,
	pageSize = OPINIONS_PER_PAGE
): Page<Opinion> & { visible: number } {
	const counts = db
		.prepare(
			`select count(*) as total, coalesce(sum(hidden_at is null), 0) as visible
			 from topic_opinions where topic_id = ?`
		)
		.get(topicId) as { total: number; visible: number };
	const total = includeHidden ? counts.total : counts.visible;
	const { page, pages, offset } = pageWindow(total, requestedPage, pageSize);
	const rows = db
		.prepare(
			`select ${OPINION_COLUMNS} from topic_opinions o join users u on u.id = o.filed_by_user_id
			 where o.topic_id = ? ${includeHidden ? '' : 'and o.hidden_at is null'}
			 order by o.id desc limit ? offset ?`
		)
		.all(topicId, pageSize, offset) as OpinionRow[];
	return { items: rows.map(opinionOf), total, page, pageSize, pages, visible: counts.visible };
}

export type OpinionResult =
	| { ok: true; opinionId: number }
	| { ok: false; reason: 'not_found' | 'not_a_villager' | 'not_your_villager' | 'wrong_state' };

export function addOpinion(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	body: string,
	onBehalf?: { personId: number; channel: OnBehalfChannel }
): OpinionResult {
	return db
		.transaction((): OpinionResult => {
			const t = findTopic(db, villageId, topicId);
			if (!t) return { ok: false, reason: 'not_found' };
			if (t.state === 'draft' || TERMINAL_STATES.includes(t.state))
				return { ok: false, reason: 'wrong_state' };
			const personId = onBehalf ? onBehalf.personId : actor.personId;
			if (personId === null || !isResident(db, villageId, personId))
				return { ok: false, reason: 'not_a_villager' };
			if (onBehalf && !mayFileFor(db, villageId, actor, onBehalf.personId))
				return { ok: false, reason: 'not_your_villager' };
			const person = db
				.prepare('select name from people where id = ? and village_id = ?')
				.get(personId, villageId) as { name: string } | undefined;
			if (!person) return { ok: false, reason: 'not_a_villager' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into topic_opinions (topic_id, person_id, author_name, filed_by_user_id, channel, body, created_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					topicId,
					personId,
					person.name,
					actor.userId,
					onBehalf?.channel ?? 'online',
					body,
					new Date().toISOString()
				);
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action: 'topic.opinion_added',
				subjectType: 'topic',
				subjectId: topicId,
				after: {
					opinionId: Number(lastInsertRowid),
					personId,
					channel: onBehalf?.channel ?? 'online',
					body
				}
			});
			return { ok: true, opinionId: Number(lastInsertRowid) };
		})
		.immediate();
}

/** Hides an abusive opinion from the page; the text stays in the archive and the audit log. */
export function hideOpinion(
	db: Db,
	actor: Actor,
	villageId: number,
	opinionId: number,
	reason: string
):
	| { ok: true; topicId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_hidden' } {
	return db
		.transaction(() => {
			if (!isStaffOf(db, actor, villageId))
				return { ok: false as const, reason: 'forbidden' as const };
			const row = db
				.prepare(
					'select o.id, o.topic_id as topicId, o.hidden_at as hiddenAt from topic_opinions o join topics t on t.id = o.topic_id where o.id = ? and t.village_id = ?'
				)
				.get(opinionId, villageId) as
				{ id: number; topicId: number; hiddenAt: string | null } | undefined;
			if (!row) return { ok: false as const, reason: 'not_found' as const };
			if (row.hiddenAt) return { ok: false as const, reason: 'already_hidden' as const };
			db.prepare(
				'update topic_opinions set hidden_at = ?, hidden_by = ?, hidden_reason = ? where id = ?'
			).run(new Date().toISOString(), actor.userId, reason, opinionId);
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				action: 'topic.opinion_hidden',
				subjectType: 'topic',
				subjectId: row.topicId,
				after: { opinionId, reason }
			});
			return { ok: true as const, topicId: row.topicId };
		})
		.immediate();
}

// ---------- triage (受理) ----------

export type TriageRoute = 'consultation' | 'four_plus_two' | 'direct' | 'merge' | 'not_accepted';

export interface TriageDecision {
	route: TriageRoute;
	reason: string;
	// The art. 24 checklist as answered: the items ticked (possibly none).
	art24: Art24Item[];
	mergeIntoNumber?: string;
}

export type TriageResult =
	| { ok: true; topic: Topic }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'wrong_state'
				| 'major_needs_four_plus_two'
				| 'reason_required'
				| 'merge_target'
				| 'bad_item'
				| 'bad_category';
	  };

/** Every reason a topic command can refuse with; topics/messages.ts must word each one. */
export type TopicRefusal = Refusal<
	CreateTopicResult | TopicChangeResult | CosignResult | OpinionResult | TriageResult
>;

const ROUTE_ACTION: Record<TriageRoute, TopicAction> = {
	consultation: 'route_consultation',
	four_plus_two: 'route_four_plus_two',
	direct: 'route_direct',
	merge: 'merge',
	not_accepted: 'reject'
};

/**
 * The clerk's or branch secretary's decision. A topic touching any art. 24 matter is marked major
 * and can only go to the 4+2 procedure (or be merged into a topic already on it); refusing needs
 * a written reason.
 */
export function triageTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	d: TriageDecision
): TriageResult {
	if (d.art24.some((i) => !(ART24_ITEMS as readonly string[]).includes(i)))
		return { ok: false, reason: 'bad_item' };
	// A duplicate of a major matter may still be merged, but only into one on the 4+2 track.
	if (d.art24.length > 0 && d.route !== 'four_plus_two' && d.route !== 'merge')
		return { ok: false, reason: 'major_needs_four_plus_two' };
	if ((d.route === 'not_accepted' || d.route === 'merge') && d.reason.trim().length < 2) {
		return { ok: false, reason: 'reason_required' };
	}
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.triaged',
		() => isStaffOf(db, actor, villageId),
		(t) => {
			let mergedInto: number | null = null;
			if (d.route === 'merge') {
				const target = d.mergeIntoNumber
					? findTopicByNumber(db, villageId, d.mergeIntoNumber)
					: null;
				if (
					!target ||
					target.id === t.id ||
					['draft', 'merged', 'not_accepted', 'withdrawn'].includes(target.state)
				) {
					return { ok: false, reason: 'merge_target' };
				}
				if (d.art24.length > 0 && target.state !== 'four_plus_two') {
					return { ok: false, reason: 'major_needs_four_plus_two' };
				}
				mergedInto = target.id;
			}
			const terminal = d.route === 'merge' || d.route === 'not_accepted';
			return moveState(db, t, ROUTE_ACTION[d.route], {
				triaged_at: new Date().toISOString(),
				triaged_by: actor.userId,
				triage_reason: d.reason.trim() || null,
				major: d.art24.length > 0 ? 1 : 0,
				art24_items: JSON.stringify(d.art24),
				merged_into: mergedInto,
				closed_at: terminal ? new Date().toISOString() : null
			});
		}
	) as TriageResult;
}

/** Closes a directly handled service case with what was done (办结). */
export function completeDirect(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	result: string
): TopicChangeResult {
	return changeTopic(
		db,
		actor,
		villageId,
		topicId,
		'topic.completed',
		() => isStaffOf(db, actor, villageId),
		(t) =>
			moveState(db, t, 'complete', { closed_at: new Date().toISOString(), outcome: result.trim() })
	);
}
