// The register of the collective economic organisation's members (农村集体经济组织成员名册,
// 集体经济组织法 第十一至十八条). The members' meeting draws its roster from it on the meeting
// date (roster/counts.ts `collective_member`), as the other meetings draw theirs from roles.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate } from '../calendar/dates';

export interface CollectiveMember {
	personId: number;
	name: string;
	householdKey: string;
	/** With the household, tells namesakes apart on the register. */
	birthDate: string;
	since: string;
	until: string | null;
}

/** Everyone on the register, current members first, then by household and name. */
export function listCollectiveMembers(db: Db, villageId: number): CollectiveMember[] {
	return db
		.prepare(
			`select m.person_id as personId, p.name, h.household_key as householdKey,
			   p.birth_date as birthDate, m.since, m.until
			 from collective_members m join people p on p.id = m.person_id
			 join households h on h.id = p.household_id
			 where m.village_id = ? order by m.until is not null, h.household_key, p.name, m.since`
		)
		.all(villageId) as CollectiveMember[];
}

export interface CollectiveCandidate {
	personId: number;
	name: string;
	householdKey: string;
	birthDate: string;
}

/** The living people of the village not on the register today: whom the clerk may enter. */
export function collectiveCandidates(
	db: Db,
	villageId: number,
	today: string
): CollectiveCandidate[] {
	return db
		.prepare(
			`select p.id as personId, p.name, h.household_key as householdKey, p.birth_date as birthDate
			 from people p join households h on h.id = p.household_id
			 where p.village_id = @village and p.status <> 'deceased'
			   and not exists (select 1 from collective_members m where m.person_id = p.id
			                   and (m.until is null or m.until > @today))
			 order by h.household_key, p.name, p.id`
		)
		.all({ village: villageId, today }) as CollectiveCandidate[];
}

const openMembership = (db: Db, villageId: number, personId: number) =>
	db
		.prepare(
			'select id, since from collective_members where village_id = ? and person_id = ? and until is null'
		)
		.get(villageId, personId) as { id: number; since: string } | undefined;

export type AddCollectiveMemberResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'bad_date' | 'already_member' };

/** Enters a person on the register from the day their membership was confirmed. */
export function addCollectiveMember(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { personId: number; since: string },
	options: { now?: Date } = {}
): AddCollectiveMemberResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ db }) => isStaffOf(db, actor, villageId),
		load: ({ db }) =>
			db
				.prepare('select id from people where id = ? and village_id = ?')
				.get(input.personId, villageId) as { id: number } | undefined,
		run: (_person, ctx): AddCollectiveMemberResult => {
			if (!isValidDate(input.since)) return { ok: false, reason: 'bad_date' };
			const overlapping = ctx.db
				.prepare(
					`select 1 from collective_members where village_id = ? and person_id = ?
					 and (until is null or until > ?)`
				)
				.get(villageId, input.personId, input.since);
			if (overlapping) return { ok: false, reason: 'already_member' };
			ctx.db
				.prepare(
					`insert into collective_members (village_id, person_id, since, recorded_by, created_at)
					 values (?, ?, ?, ?, ?)`
				)
				.run(villageId, input.personId, input.since, actor.userId, ctx.now.toISOString());
			ctx.audit({
				action: 'roster.collective_member_added',
				subjectType: 'person',
				subjectId: input.personId,
				after: { since: input.since }
			});
			return { ok: true };
		}
	});
}

export type EndCollectiveMembershipResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'bad_date' };

/** Ends a membership (lost or given up, 第十七条); the member counts before `until`, not from it. */
export function endCollectiveMembership(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { personId: number; until: string },
	options: { now?: Date } = {}
): EndCollectiveMembershipResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: ({ db }) => isStaffOf(db, actor, villageId),
		load: ({ db }) => openMembership(db, villageId, input.personId),
		run: (membership, ctx): EndCollectiveMembershipResult => {
			if (!isValidDate(input.until) || input.until < membership.since)
				return { ok: false, reason: 'bad_date' };
			ctx.db
				.prepare('update collective_members set until = ? where id = ?')
				.run(input.until, membership.id);
			ctx.audit({
				action: 'roster.collective_membership_ended',
				subjectType: 'person',
				subjectId: input.personId,
				before: { since: membership.since },
				after: { until: input.until }
			});
			return { ok: true };
		}
	});
}
