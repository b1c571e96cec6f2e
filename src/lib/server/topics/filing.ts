// Filing a topic: by the villager, or on their behalf by a grid head or staff (the picker of whom
// one may file for), as a draft or submitted at once, with its tracking number and attachments.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { filingScope, mayFileFor, mayFileForOthers } from '../permissions/filing';
import { adultBornOnOrBefore, todayInChina } from '../calendar/dates';
import { nameInitials } from '../roster/initials';
import {
	auditTopic,
	findTopic,
	isResident,
	triageDueFrom,
	type OnBehalf,
	type StoredAttachment,
	type Topic,
	type TopicInput
} from './records';
import { CATEGORIES, trackingNumber, type Channel } from './rules';

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

export type CreateTopicResult =
	| { ok: true; topic: Topic }
	| { ok: false; reason: 'not_a_villager' | 'not_your_villager' | 'bad_category' };

export function villageCode(db: Db, villageId: number): string {
	const v = db.prepare('select name, slug from villages where id = ?').get(villageId) as {
		name: string;
		slug: string;
	};
	const initials = nameInitials(v.name.replace(/村$/, '')).toUpperCase();
	return initials || v.slug.slice(0, 4).toUpperCase();
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
	return command(db, {
		actor,
		villageId,
		now: options.now,
		run: (_, ctx): CreateTopicResult => {
			const today = todayInChina(ctx.now);
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
						.get(villageId, year) as { s: number }
				).s + 1;
			const number = trackingNumber(villageCode(db, villageId), year, seq);
			const iso = ctx.now.toISOString();
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
					triageDue: options.submit ? triageDueFrom(db, villageId, ctx.now) : null,
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
			ctx.audit({
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
		}
		// Without `may` or `load`, command never answers forbidden or not_found itself.
	}) as CreateTopicResult;
}
