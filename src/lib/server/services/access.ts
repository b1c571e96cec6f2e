// Who may see a case (and so its page): the villager, the filer, whoever it is or was dispatched
// to, whoever may file for the villager (their grid head, their grid's party members) and staff.
// Anyone else is answered "not found", so a case number leaks nothing. The supervision committee
// sees the figures, not the villager's personal request (docs/domain.md §10.1).
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { speaksFor } from './moves';
import type { ServiceCase } from './records';

/** Asked like the other predicates (mayFileFor): the village before the actor, as it decides. */
export function canViewCase(
	db: Db,
	villageId: number,
	actor: Actor,
	c: ServiceCase,
	today = todayInChina()
): boolean {
	if (c.villageId !== villageId) return false;
	if (isStaffOf(db, actor, villageId) || speaksFor(db, actor, villageId, c, today)) return true;
	if (actor.personId === null) return false;
	return !!db
		.prepare(
			`select 1 from service_case_steps where case_id = ? and person_id = ?
			 and kind in ('dispatched', 'accepted', 'declined') limit 1`
		)
		.get(c.id, actor.personId);
}
