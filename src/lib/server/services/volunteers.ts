// The village's volunteers (帮办): resident adults from the roster whom the clerk or secretary
// enters with what they help with, for a period; while it runs they can be dispatched to a case
// (assignees.ts reads the same table). One person has at most one period at a time.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { adultBornOnOrBefore, isValidDate } from '../calendar/dates';

export const SKILLS_MAX = 200;

export interface Volunteer {
	id: number;
	personId: number;
	name: string;
	householdKey: string;
	gridName: string | null;
	birthDate: string;
	skills: string;
	startDate: string;
	endDate: string | null;
}

const SELECT = `select v.id, v.person_id as personId, p.name, h.household_key as householdKey,
	  g.name as gridName, p.birth_date as birthDate, v.skills, v.start_date as startDate,
	  v.end_date as endDate
	from volunteers v join people p on p.id = v.person_id join households h on h.id = p.household_id
	left join grids g on g.id = h.grid_id`;

/** Every volunteer period of the village: those still serving first, then the ended, by name. */
export function listVolunteers(db: Db, villageId: number): Volunteer[] {
	return db
		.prepare(
			`${SELECT} where v.village_id = ?
			 order by v.end_date is not null, v.end_date desc, p.name, v.id`
		)
		.all(villageId) as Volunteer[];
}

function findVolunteer(db: Db, villageId: number, id: number): Volunteer | null {
	return (
		(db.prepare(`${SELECT} where v.id = ? and v.village_id = ?`).get(id, villageId) as
			Volunteer | undefined) ?? null
	);
}

export interface AddVolunteerInput {
	personId: number;
	skills: string;
	startDate: string;
}

export type AddVolunteerResult =
	| { ok: true; volunteer: Volunteer }
	| {
			ok: false;
			reason:
				'forbidden' | 'bad_date' | 'skills_too_long' | 'not_resident_adult' | 'already_volunteer';
	  };

/** Enters a volunteer from the roster: a resident adult on the start date, not already serving. */
export function addVolunteer(
	db: Db,
	actor: Actor,
	villageId: number,
	input: AddVolunteerInput,
	options: { now?: Date } = {}
): AddVolunteerResult {
	const skills = input.skills.trim();
	if ([...skills].length > SKILLS_MAX) return { ok: false, reason: 'skills_too_long' };
	if (!isValidDate(input.startDate)) return { ok: false, reason: 'bad_date' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): AddVolunteerResult => {
			const adult = db
				.prepare(
					`select 1 from people where id = ? and village_id = ? and status = 'resident'
					 and birth_date <= ?`
				)
				.get(input.personId, villageId, adultBornOnOrBefore(input.startDate));
			if (!adult) return { ok: false, reason: 'not_resident_adult' };
			// A period still running, or one ending on or after the new start, would overlap it.
			const overlapping = db
				.prepare(
					`select 1 from volunteers where village_id = ? and person_id = ?
					 and (end_date is null or end_date >= ?)`
				)
				.get(villageId, input.personId, input.startDate);
			if (overlapping) return { ok: false, reason: 'already_volunteer' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into volunteers (village_id, person_id, skills, start_date) values (?, ?, ?, ?)'
				)
				.run(villageId, input.personId, skills, input.startDate);
			const volunteer = findVolunteer(db, villageId, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'volunteer.added',
				subjectType: 'volunteer',
				subjectId: volunteer.id,
				after: { personId: volunteer.personId, skills, startDate: volunteer.startDate }
			});
			return { ok: true, volunteer };
		}
	}) as AddVolunteerResult;
}

export type EndVolunteerResult =
	| { ok: true; volunteer: Volunteer }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'bad_date' | 'wrong_state' | 'end_before_start';
	  };

/** Ends a volunteer's period on `endDate` (the last day they serve). */
export function endVolunteer(
	db: Db,
	actor: Actor,
	villageId: number,
	volunteerId: number,
	endDate: string,
	options: { now?: Date } = {}
): EndVolunteerResult {
	if (!isValidDate(endDate)) return { ok: false, reason: 'bad_date' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findVolunteer(db, villageId, volunteerId),
		run: (v, ctx): EndVolunteerResult => {
			if (v.endDate !== null) return { ok: false, reason: 'wrong_state' };
			if (endDate < v.startDate) return { ok: false, reason: 'end_before_start' };
			db.prepare('update volunteers set end_date = ? where id = ?').run(endDate, v.id);
			ctx.audit({
				action: 'volunteer.ended',
				subjectType: 'volunteer',
				subjectId: v.id,
				before: { endDate: null },
				after: { personId: v.personId, endDate }
			});
			return { ok: true, volunteer: { ...v, endDate } };
		}
	}) as EndVolunteerResult;
}

export interface VolunteerCandidate {
	id: number;
	name: string;
	householdKey: string;
	groupName: string | null;
	gridName: string | null;
	birthDate: string;
}

/** Resident adults found by name or initials (拼音首字母), for the clerk's picker. */
export function volunteerCandidates(
	db: Db,
	villageId: number,
	date: string,
	search: string
): VolunteerCandidate[] {
	if (search === '') return [];
	const like = `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	return db
		.prepare(
			`select p.id, p.name, h.household_key as householdKey, gr.name as groupName,
			   g.name as gridName, p.birth_date as birthDate
			 from people p join households h on h.id = p.household_id
			 left join grids g on g.id = h.grid_id left join village_groups gr on gr.id = h.group_id
			 where p.village_id = @village and p.status = 'resident' and p.birth_date <= @adult
			   and (p.name like @like escape '\\' or p.name_initials like @like escape '\\')
			 order by p.name, h.household_key, p.id limit 50`
		)
		.all({ village: villageId, adult: adultBornOnOrBefore(date), like }) as VolunteerCandidate[];
}
