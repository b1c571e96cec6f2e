// "Who counts on date D": the numbers every quorum and threshold formula needs
// (docs/domain.md §2.5, §6.3).
import type { Db } from '../db';
import { adultBornOnOrBefore } from '../calendar/dates';

export interface GroupCount {
	groupId: number;
	name: string;
	adults: number;
	households: number;
	representatives: number;
}

export interface RosterCounts {
	date: string;
	residents: number;
	adults: number;
	households: number;
	partyFull: number;
	partyProbationary: number;
	representatives: number;
	committeeMembers: number;
	branchCommittee: number;
	supervisionMembers: number;
	// The representatives' meeting: representatives and committee members, each person once.
	repsMeetingMembers: number;
	repsMeetingWomen: number;
	groups: GroupCount[];
}

// A person counts on D while resident, or when they moved out or died after D.
const RESIDENT_ON = `(p.status = 'resident' or p.status_date > @date)`;
// A term counts on D from its first day through its last day (end_date is inclusive).
const ROLE_ON = `(r.start_date <= @date and (r.end_date is null or r.end_date >= @date))`;

export type RoleKind =
	| 'adult'
	| 'party_full'
	| 'party_probationary'
	| 'village_rep'
	| 'villagers_committee'
	| 'branch_committee'
	| 'supervision_committee'
	| 'household_rep'
	| 'grid_head'
	| 'clerk'
	| 'collective_member';

const roleCondition: Record<Exclude<RoleKind, 'adult' | 'collective_member'>, string> = {
	party_full: `r.role = 'party_member' and r.full_since is not null and r.full_since <= @date`,
	party_probationary: `r.role = 'party_member' and (r.full_since is null or r.full_since > @date)`,
	village_rep: `r.role = 'village_rep'`,
	villagers_committee: `r.role = 'villagers_committee'`,
	// The branch secretary sits on the branch committee.
	branch_committee: `r.role in ('branch_committee', 'branch_secretary')`,
	supervision_committee: `r.role = 'supervision_committee'`,
	household_rep: `r.role = 'household_rep'`,
	grid_head: `r.role = 'grid_head'`,
	clerk: `r.role = 'clerk'`
};

// Members of the collective economic organisation with full civil capacity (集体经济组织法 第二十七条;
// adults, as the roster records no incapacity). Membership is not residence: a member who moved out
// stays one until the register ends it, but not past their death.
const COLLECTIVE_MEMBERS_ON = `select distinct p.id from collective_members m join people p on p.id = m.person_id
	where m.village_id = @village and m.since <= @date and (m.until is null or m.until > @date)
	  and (p.status <> 'deceased' or p.status_date > @date) and p.birth_date <= @adultCutoff
	order by p.id`;

/** The ids of the people who count as `kind` in this village on `date`, in roster order. */
export function peopleCountingOn(
	db: Db,
	villageId: number,
	date: string,
	kind: RoleKind
): number[] {
	const sql =
		kind === 'adult'
			? `select p.id from people p where p.village_id = @village and ${RESIDENT_ON} and p.birth_date <= @adultCutoff order by p.id`
			: kind === 'collective_member'
				? COLLECTIVE_MEMBERS_ON
				: `select distinct p.id from roles r join people p on p.id = r.person_id
			   where r.village_id = @village and ${roleCondition[kind]} and ${ROLE_ON} and ${RESIDENT_ON}
			   order by p.id`;
	return db
		.prepare(sql)
		.pluck()
		.all({ village: villageId, date, adultCutoff: adultBornOnOrBefore(date) }) as number[];
}

/**
 * Only what a topic's co-signature thresholds need (adults and representatives), for the topic
 * page: the full count also walks every group and role and costs ten times as much.
 */
export function adultsAndRepresentativesOn(
	db: Db,
	villageId: number,
	date: string
): { adults: number; representatives: number } {
	const params = { village: villageId, date, adultCutoff: adultBornOnOrBefore(date) };
	const adults = db
		.prepare(
			`select count(*) from people p
			 where p.village_id = @village and ${RESIDENT_ON} and p.birth_date <= @adultCutoff`
		)
		.pluck()
		.get(params) as number;
	const representatives = db
		.prepare(
			`select count(distinct p.id) from roles r join people p on p.id = r.person_id
			 where r.village_id = @village and ${roleCondition.village_rep} and ${ROLE_ON} and ${RESIDENT_ON}`
		)
		.pluck()
		.get(params) as number;
	return { adults, representatives };
}

export function whoCountsOn(db: Db, villageId: number, date: string): RosterCounts {
	const params = { village: villageId, date, adultCutoff: adultBornOnOrBefore(date) };
	const base = db
		.prepare(
			`select count(*) as residents,
			        coalesce(sum(p.birth_date <= @adultCutoff), 0) as adults,
			        count(distinct p.household_id) as households
			 from people p where p.village_id = @village and ${RESIDENT_ON}`
		)
		.get(params) as { residents: number; adults: number; households: number };
	const count = (kind: Exclude<RoleKind, 'adult'>) =>
		peopleCountingOn(db, villageId, date, kind).length;
	const meeting = db
		.prepare(
			`select count(*) as members, coalesce(sum(gender = 'f'), 0) as women from (
			   select distinct p.id, p.gender from roles r join people p on p.id = r.person_id
			   where r.village_id = @village and r.role in ('village_rep', 'villagers_committee')
			     and ${ROLE_ON} and ${RESIDENT_ON})`
		)
		.get(params) as { members: number; women: number };
	const groups = db
		.prepare(
			`select g.id as groupId, g.name,
			   (select count(*) from people p join households h on h.id = p.household_id
			     where h.group_id = g.id and ${RESIDENT_ON} and p.birth_date <= @adultCutoff) as adults,
			   (select count(distinct p.household_id) from people p join households h on h.id = p.household_id
			     where h.group_id = g.id and ${RESIDENT_ON}) as households,
			   (select count(distinct r.person_id) from roles r join people p on p.id = r.person_id
			     join households h on h.id = p.household_id
			     where h.group_id = g.id and r.role = 'village_rep' and ${ROLE_ON} and ${RESIDENT_ON}) as representatives
			 from village_groups g where g.village_id = @village order by g.id`
		)
		.all(params) as GroupCount[];
	return {
		date,
		residents: base.residents,
		adults: base.adults,
		households: base.households,
		partyFull: count('party_full'),
		partyProbationary: count('party_probationary'),
		representatives: count('village_rep'),
		committeeMembers: count('villagers_committee'),
		branchCommittee: count('branch_committee'),
		supervisionMembers: count('supervision_committee'),
		repsMeetingMembers: meeting.members,
		repsMeetingWomen: meeting.women,
		groups
	};
}
