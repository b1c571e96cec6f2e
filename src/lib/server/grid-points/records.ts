// The grid point's log (网格议事点) as read: one item, the grids someone keeps, the people of a
// grid for the picker, and who may keep a grid's log on a day (its grid head, or staff).
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { adultBornOnOrBefore } from '../calendar/dates';

export const ITEM_TEXT_MAX = 1000;
export const ITEM_NOTE_MAX = 200;

export const OUTCOMES = ['open', 'service_case', 'topic', 'note'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface GridPointItem {
	id: number;
	gridId: number;
	gridName: string;
	raisedOn: string;
	personId: number | null;
	personName: string | null;
	text: string;
	outcome: Outcome;
	serviceCaseId: number | null;
	caseNumber: string | null;
	topicId: number | null;
	topicNumber: string | null;
	note: string | null;
	recordedByUserId: number;
	recordedAt: string;
	resolvedAt: string | null;
}

export const ITEM_SELECT = `select i.id, i.grid_id as gridId, g.name as gridName, i.raised_on as raisedOn,
	  i.person_id as personId, p.name as personName, i.text, i.outcome,
	  i.service_case_id as serviceCaseId, c.number as caseNumber, i.topic_id as topicId,
	  t.number as topicNumber, i.note, i.recorded_by_user_id as recordedByUserId,
	  i.recorded_at as recordedAt, i.resolved_at as resolvedAt
	from grid_point_items i join grids g on g.id = i.grid_id
	left join people p on p.id = i.person_id
	left join service_cases c on c.id = i.service_case_id
	left join topics t on t.id = i.topic_id`;

export function findItem(db: Db, villageId: number, id: number): GridPointItem | null {
	return (
		(db
			.prepare(`${ITEM_SELECT} where i.id = ? and i.village_id = ?`)
			.get(id, villageId) as GridPointItem) ?? null
	);
}

export interface Grid {
	id: number;
	name: string;
}

export function findGrid(db: Db, villageId: number, id: number): Grid | null {
	return (
		(db.prepare('select id, name from grids where id = ? and village_id = ?').get(id, villageId) as
			Grid | undefined) ?? null
	);
}

/** Grid heads keep the log of the grids they head on that day; staff keep every grid's. */
export function gridsKeptBy(db: Db, villageId: number, actor: Actor, date: string): Grid[] {
	if (isStaffOf(db, actor, villageId))
		return db
			.prepare('select id, name from grids where village_id = ? order by name, id')
			.all(villageId) as Grid[];
	if (actor.personId === null) return [];
	return db
		.prepare(
			`select distinct g.id, g.name from roles r join grids g on g.id = r.grid_id
			 where r.village_id = ? and r.person_id = ? and r.role = 'grid_head'
			   and r.start_date <= ? and (r.end_date is null or r.end_date >= ?)
			 order by g.name, g.id`
		)
		.all(villageId, actor.personId, date, date) as Grid[];
}

/** Whether the actor keeps this grid's log on `date`: its grid head then, or staff. */
export const mayKeepGridPoint = (
	db: Db,
	villageId: number,
	actor: Actor,
	gridId: number,
	date: string
): boolean => gridsKeptBy(db, villageId, actor, date).some((g) => g.id === gridId);

/** Whether the person lives in this grid now (only they can be named as who raised an item). */
export function isOfGrid(db: Db, villageId: number, personId: number, gridId: number): boolean {
	return !!db
		.prepare(
			`select 1 from people p join households h on h.id = p.household_id
			 where p.id = ? and p.village_id = ? and h.grid_id = ? and p.status = 'resident'`
		)
		.get(personId, villageId, gridId);
}

export interface GridPerson {
	id: number;
	name: string;
	householdKey: string;
	birthDate: string;
}

/** The adults of a grid for the picker, by household; a search narrows by name or initials. */
export function peopleOfGrid(
	db: Db,
	villageId: number,
	gridId: number,
	date: string,
	search = ''
): GridPerson[] {
	const like = `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	return db
		.prepare(
			`select p.id, p.name, h.household_key as householdKey, p.birth_date as birthDate
			 from households h join people p on p.household_id = h.id
			 where h.village_id = @village and h.grid_id = @grid and p.status = 'resident'
			   and p.birth_date <= @adult
			   and (@search = '' or p.name like @like escape '\\' or p.name_initials like @like escape '\\')
			 order by h.household_key, p.id limit 200`
		)
		.all({
			village: villageId,
			grid: gridId,
			adult: adultBornOnOrBefore(date),
			search,
			like
		}) as GridPerson[];
}
