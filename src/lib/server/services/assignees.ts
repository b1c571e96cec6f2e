// Who a case can be dispatched to (派单): a member of the two committees, a grid head, a party
// member (full or probationary) or a volunteer (帮办) serving on the day, each once with every
// capacity they hold, so the dispatcher sees why someone is on the list.
import type { Db } from '../db';

export const ASSIGNEE_KINDS = ['committee', 'grid_head', 'party_member', 'volunteer'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

export interface AssigneeCandidate {
	personId: number;
	name: string;
	kinds: AssigneeKind[];
	gridName: string | null;
}

const KIND_OF_ROLE: Record<string, AssigneeKind> = {
	villagers_committee: 'committee',
	branch_committee: 'committee',
	branch_secretary: 'committee',
	grid_head: 'grid_head',
	party_member: 'party_member'
};

const ROLE_LIST = Object.keys(KIND_OF_ROLE)
	.map((r) => `'${r}'`)
	.join(', ');

/** Everyone a case may be dispatched to on `date`, by name. */
export function assigneeCandidates(db: Db, villageId: number, date: string): AssigneeCandidate[] {
	const rows = db
		.prepare(
			`select p.id as personId, p.name, g.name as gridName, x.kind from (
			   select person_id, role as kind from roles
			   where village_id = @village and role in (${ROLE_LIST})
			     and start_date <= @date and (end_date is null or end_date >= @date)
			   union all
			   select person_id, 'volunteer' from volunteers
			   where village_id = @village and start_date <= @date and (end_date is null or end_date >= @date)
			 ) x join people p on p.id = x.person_id
			 join households h on h.id = p.household_id left join grids g on g.id = h.grid_id
			 where p.status = 'resident'
			 order by p.name, p.id`
		)
		.all({ village: villageId, date }) as {
		personId: number;
		name: string;
		gridName: string | null;
		kind: string;
	}[];
	const byPerson = new Map<number, AssigneeCandidate>();
	for (const r of rows) {
		const kind = KIND_OF_ROLE[r.kind] ?? 'volunteer';
		const c = byPerson.get(r.personId) ?? {
			personId: r.personId,
			name: r.name,
			kinds: [],
			gridName: r.gridName
		};
		if (!c.kinds.includes(kind)) c.kinds.push(kind);
		byPerson.set(r.personId, c);
	}
	for (const c of byPerson.values())
		c.kinds.sort((a, b) => ASSIGNEE_KINDS.indexOf(a) - ASSIGNEE_KINDS.indexOf(b));
	return [...byPerson.values()];
}

/** Whether a case may be dispatched to this person on `date`: asked of that one person. */
export function mayBeAssigned(db: Db, villageId: number, personId: number, date: string): boolean {
	return !!db
		.prepare(
			`select 1 from people p where p.id = @person and p.village_id = @village and p.status = 'resident'
			 and (exists (select 1 from roles where person_id = @person and village_id = @village
			        and role in (${ROLE_LIST}) and start_date <= @date and (end_date is null or end_date >= @date))
			   or exists (select 1 from volunteers where person_id = @person and village_id = @village
			        and start_date <= @date and (end_date is null or end_date >= @date)))`
		)
		.get({ person: personId, village: villageId, date });
}
