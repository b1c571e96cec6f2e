// 党员联系户 as stored: who looks after which household now, and the households a member looks
// after with their last visit. Read by the verbs of this folder, the pages and the figures.
import type { Db } from '../db';

export const VISIT_MEANS = ['in_person', 'phone', 'wechat'] as const;
export type VisitMeans = (typeof VISIT_MEANS)[number];

export const HEARD_MAX = 1000;

/** A household's open assignment: `end_date` null (an ended one keeps its last day). */
export interface HouseholdContact {
	id: number;
	householdId: number;
	personId: number;
	startDate: string;
	endDate: string | null;
}

export interface HouseholdVisit {
	id: number;
	householdId: number;
	personId: number;
	visitedOn: string;
	means: VisitMeans;
	heard: string;
	recordedAt: string;
	serviceCaseId: number | null;
	topicId: number | null;
}

const CONTACT_COLUMNS = `id, household_id as householdId, person_id as personId, start_date as startDate,
	end_date as endDate`;

/** The household's current contact, if it has one. */
export function currentContact(
	db: Db,
	villageId: number,
	householdId: number
): HouseholdContact | undefined {
	return db
		.prepare(
			`select ${CONTACT_COLUMNS} from household_contacts
			 where village_id = ? and household_id = ? and end_date is null`
		)
		.get(villageId, householdId) as HouseholdContact | undefined;
}

export function findContact(db: Db, villageId: number, id: number): HouseholdContact | undefined {
	return db
		.prepare(`select ${CONTACT_COLUMNS} from household_contacts where village_id = ? and id = ?`)
		.get(villageId, id) as HouseholdContact | undefined;
}

/** Whether the person is the household's current contact. */
export const isContactOf = (
	db: Db,
	villageId: number,
	personId: number | null,
	householdId: number
) => personId !== null && currentContact(db, villageId, householdId)?.personId === personId;

const VISIT_COLUMNS = `id, household_id as householdId, person_id as personId, visited_on as visitedOn,
	means, heard, recorded_at as recordedAt, service_case_id as serviceCaseId, topic_id as topicId`;

export function findVisit(db: Db, villageId: number, id: number): HouseholdVisit | undefined {
	return db
		.prepare(`select ${VISIT_COLUMNS} from household_visits where village_id = ? and id = ?`)
		.get(villageId, id) as HouseholdVisit | undefined;
}

/** A household's visits, newest first. */
export function visitsOf(
	db: Db,
	villageId: number,
	householdId: number,
	limit = 10
): HouseholdVisit[] {
	return db
		.prepare(
			`select ${VISIT_COLUMNS} from household_visits where village_id = ? and household_id = ?
			 order by visited_on desc, id desc limit ?`
		)
		.all(villageId, householdId, limit) as HouseholdVisit[];
}

/** Whether the person holds the party_member role on that day (full or probationary). */
export function isPartyMemberOn(db: Db, villageId: number, personId: number, date: string) {
	return !!db
		.prepare(
			`select 1 from roles where village_id = ? and person_id = ? and role = 'party_member'
			 and start_date <= ? and (end_date is null or end_date >= ?)`
		)
		.get(villageId, personId, date, date);
}

/** A household as its contact sees it in a list: who lives there and when it was last visited. */
export interface ContactHousehold {
	contactId: number;
	householdId: number;
	householdKey: string;
	address: string;
	gridName: string | null;
	headName: string | null;
	members: number;
	startDate: string;
	lastVisit: string | null;
}

const CONTACT_HOUSEHOLD = `select c.id as contactId, h.id as householdId, h.household_key as householdKey,
	h.address, g.name as gridName, c.person_id as personId,
	(select p.name from people p where p.household_id = h.id and p.is_head = 1 and p.status = 'resident' limit 1) as headName,
	(select count(*) from people p where p.household_id = h.id and p.status = 'resident') as members,
	c.start_date as startDate,
	(select max(v.visited_on) from household_visits v where v.household_id = h.id and v.person_id = c.person_id
	   and v.visited_on >= c.start_date) as lastVisit
	from household_contacts c join households h on h.id = c.household_id left join grids g on g.id = h.grid_id
	where c.village_id = ? and c.end_date is null`;

/** The households a member looks after now, by key. */
export function householdsOfMember(
	db: Db,
	villageId: number,
	personId: number
): ContactHousehold[] {
	return db
		.prepare(`${CONTACT_HOUSEHOLD} and c.person_id = ? order by h.household_key`)
		.all(villageId, personId) as ContactHousehold[];
}

/** Every open assignment of the village, with the member it belongs to. */
export function allContactHouseholds(
	db: Db,
	villageId: number
): (ContactHousehold & { personId: number })[] {
	return db
		.prepare(`${CONTACT_HOUSEHOLD} order by h.household_key`)
		.all(villageId) as (ContactHousehold & { personId: number })[];
}

/**
 * Every open assignment of the village with only what its due date needs: the dashboard's card
 * counts overdue households, so it reads no names or residents, and each last visit is one seek in
 * household_visits_household_member.
 */
export function contactVisitDates(
	db: Db,
	villageId: number
): { personId: number; startDate: string; lastVisit: string | null }[] {
	return db
		.prepare(
			`select c.person_id as personId, c.start_date as startDate,
			   (select max(v.visited_on) from household_visits v where v.household_id = c.household_id
			      and v.person_id = c.person_id and v.visited_on >= c.start_date) as lastVisit
			 from household_contacts c where c.village_id = ? and c.end_date is null`
		)
		.all(villageId) as { personId: number; startDate: string; lastVisit: string | null }[];
}

/** The resident people of a household, to pick whom a follow-up is for. */
export function residentsOf(db: Db, villageId: number, householdId: number) {
	return db
		.prepare(
			`select id, name, is_head as isHead from people where village_id = ? and household_id = ?
			 and status = 'resident' order by is_head desc, birth_date, id`
		)
		.all(villageId, householdId) as { id: number; name: string; isHead: number }[];
}
