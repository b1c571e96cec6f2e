// Close relatives between roster people (近亲属, 民法典 第一千零四十五条: spouse, parents,
// children, siblings, grandparents and grandchildren). The supervision body's conflict check
// (组织法 2026 第三十七条) and recusal (第八条) read them; a household is not enough, since
// relatives often live apart.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { listPeople } from './people';

/** What the relative is to the person, as the clerk records it. */
export const RELATION_KINDS = [
	'spouse',
	'parent',
	'child',
	'sibling',
	'grandparent',
	'grandchild'
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

type Stored = {
	personId: number;
	relativeId: number;
	kind: 'spouse' | 'parent' | 'sibling' | 'grandparent';
};

/** One row per pair: the elder generation first for parent and grandparent, else the lower id. */
function stored(personId: number, relativeId: number, kind: RelationKind): Stored {
	switch (kind) {
		case 'parent':
			return { personId: relativeId, relativeId: personId, kind: 'parent' };
		case 'child':
			return { personId, relativeId, kind: 'parent' };
		case 'grandparent':
			return { personId: relativeId, relativeId: personId, kind: 'grandparent' };
		case 'grandchild':
			return { personId, relativeId, kind: 'grandparent' };
		default:
			return {
				personId: Math.min(personId, relativeId),
				relativeId: Math.max(personId, relativeId),
				kind
			};
	}
}

export interface Relative {
	personId: number;
	name: string;
	/** Tells namesakes apart on the page. */
	householdKey: string;
	/** What this relative is to the person asked about. */
	kind: RelationKind;
}

/** The person's recorded close relatives, each with what they are to the person. */
export function closeRelativesOf(db: Db, villageId: number, personId: number): Relative[] {
	const rows = db
		.prepare(
			`select r.relative_id as other, r.kind, 'down' as side, p.name, h.household_key
			   from person_relations r join people p on p.id = r.relative_id
			   join households h on h.id = p.household_id
			   where r.person_id = @person and r.village_id = @village
			 union all
			 select r.person_id as other, r.kind, 'up' as side, p.name, h.household_key
			   from person_relations r join people p on p.id = r.person_id
			   join households h on h.id = p.household_id
			   where r.relative_id = @person and r.village_id = @village
			 order by other`
		)
		.all({ person: personId, village: villageId }) as {
		other: number;
		kind: Stored['kind'];
		side: 'down' | 'up';
		name: string;
		household_key: string;
	}[];
	return rows.map((r) => ({
		personId: r.other,
		name: r.name,
		householdKey: r.household_key,
		kind:
			r.kind === 'parent'
				? r.side === 'down'
					? 'child'
					: 'parent'
				: r.kind === 'grandparent'
					? r.side === 'down'
						? 'grandchild'
						: 'grandparent'
					: r.kind
	}));
}

/** Whether two people are close relatives (a person is not their own relative). */
export function areCloseRelatives(db: Db, a: number, b: number): boolean {
	return !!db
		.prepare(
			`select 1 from person_relations
			 where (person_id = @a and relative_id = @b) or (person_id = @b and relative_id = @a)`
		)
		.get({ a, b });
}

export interface RelativeCandidate {
	id: number;
	name: string;
	householdKey: string;
	birthDate: string;
}

/** At most this many people are offered in the relative picker; a search narrows it. */
export const RELATIVE_CANDIDATES_MAX = 50;

/**
 * Whom the clerk may pick as the person's relative: those matching `search` (name, initials or
 * household number, any status: a parent may have moved out), or without one the person's own
 * household. The person and those already recorded as their relatives are left out.
 */
export function relativeCandidates(
	db: Db,
	villageId: number,
	person: { id: number; householdId: number },
	search: string
): { candidates: RelativeCandidate[]; more: boolean } {
	const taken = new Set([
		person.id,
		...closeRelativesOf(db, villageId, person.id).map((r) => r.personId)
	]);
	const found = listPeople(db, villageId, {
		...(search.trim() ? { search, status: 'all' as const } : { householdId: person.householdId }),
		pageSize: RELATIVE_CANDIDATES_MAX + taken.size
	});
	const free = found.items.filter((p) => !taken.has(p.id));
	return {
		candidates: free.slice(0, RELATIVE_CANDIDATES_MAX).map((p) => ({
			id: p.id,
			name: p.name,
			householdKey: p.householdKey,
			birthDate: p.birthDate
		})),
		more: found.total > found.items.length || free.length > RELATIVE_CANDIDATES_MAX
	};
}

export type RecordRelationResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'same_person' | 'bad_kind' | 'already_related';
	  };

/** Records that `relativeId` is the person's `kind` (e.g. the relative is the person's parent). */
export function recordRelation(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { personId: number; relativeId: number; kind: string },
	options: { now?: Date } = {}
): RecordRelationResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ db }) => isStaffOf(db, actor, villageId),
		load: ({ db }) => {
			const inVillage = db.prepare('select 1 from people where id = ? and village_id = ?');
			return inVillage.get(input.personId, villageId) && inVillage.get(input.relativeId, villageId)
				? input
				: null;
		},
		run: (pair, ctx): RecordRelationResult => {
			if (pair.personId === pair.relativeId) return { ok: false, reason: 'same_person' };
			if (!(RELATION_KINDS as readonly string[]).includes(pair.kind))
				return { ok: false, reason: 'bad_kind' };
			if (areCloseRelatives(ctx.db, pair.personId, pair.relativeId))
				return { ok: false, reason: 'already_related' };
			const row = stored(pair.personId, pair.relativeId, pair.kind as RelationKind);
			ctx.db
				.prepare(
					`insert into person_relations (village_id, person_id, relative_id, kind, recorded_by, created_at)
					 values (?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					row.personId,
					row.relativeId,
					row.kind,
					actor.userId,
					ctx.now.toISOString()
				);
			ctx.audit({
				action: 'roster.relation_recorded',
				subjectType: 'person',
				subjectId: pair.personId,
				after: { relativeId: pair.relativeId, kind: pair.kind }
			});
			return { ok: true };
		}
	});
}

export type RemoveRelationResult = { ok: true } | { ok: false; reason: 'forbidden' | 'not_found' };

/** Removes a relation recorded by mistake; the audit chain keeps that it was there. */
export function removeRelation(
	db: Db,
	actor: Actor,
	villageId: number,
	personId: number,
	relativeId: number,
	options: { now?: Date } = {}
): RemoveRelationResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ db }) => isStaffOf(db, actor, villageId),
		load: ({ db }) =>
			closeRelativesOf(db, villageId, personId).find((r) => r.personId === relativeId),
		run: (relative, ctx): RemoveRelationResult => {
			ctx.db
				.prepare(
					`delete from person_relations where village_id = ?
					 and ((person_id = ? and relative_id = ?) or (person_id = ? and relative_id = ?))`
				)
				.run(villageId, personId, relativeId, relativeId, personId);
			ctx.audit({
				action: 'roster.relation_removed',
				subjectType: 'person',
				subjectId: personId,
				before: { relativeId, kind: relative.kind }
			});
			return { ok: true };
		}
	});
}
