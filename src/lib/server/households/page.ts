// What a household's page shows its contact and the staff: the household, its contact, the
// recent visits with what they became, and the notes. Null for anyone else, as if it did not exist.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { serviceCategories } from '../services/categories';
import { categoryName } from '../services/messages';
import { visitCadenceDays, visitDue } from './cadence';
import { householdNotes, mayReadNotes } from './notes';
import { currentContact, residentsOf, visitsOf } from './records';

export function householdPage(
	db: Db,
	villageId: number,
	householdId: number,
	actor: Actor,
	now = new Date()
) {
	const household = db
		.prepare(
			`select h.id, h.household_key as householdKey, h.address, g.name as gridName
			 from households h left join grids g on g.id = h.grid_id where h.id = ? and h.village_id = ?`
		)
		.get(householdId, villageId) as
		{ id: number; householdKey: string; address: string; gridName: string | null } | undefined;
	if (!household || !mayReadNotes(db, actor, villageId, householdId)) return null;
	const contact = currentContact(db, villageId, householdId);
	const contactName = contact
		? (db.prepare('select name from people where id = ?').pluck().get(contact.personId) as string)
		: null;
	const isContact = !!contact && contact.personId === actor.personId;
	const visits = visitsOf(db, villageId, householdId).map((v) => ({
		...v,
		caseNumber:
			v.serviceCaseId === null
				? null
				: (db
						.prepare('select number from service_cases where id = ?')
						.pluck()
						.get(v.serviceCaseId) as string),
		topicNumber:
			v.topicId === null
				? null
				: (db.prepare('select number from topics where id = ?').pluck().get(v.topicId) as string)
	}));
	const lastVisit = contact
		? (visits.find((v) => v.personId === contact.personId && v.visitedOn >= contact.startDate)
				?.visitedOn ?? null)
		: null;
	return {
		household,
		contactName,
		isContact,
		staff: isStaffOf(db, actor, villageId),
		due: contact
			? visitDue(
					{ lastVisit, startDate: contact.startDate },
					visitCadenceDays(db, villageId),
					todayInChina(now)
				)
			: null,
		lastVisit,
		residents: residentsOf(db, villageId, householdId),
		visits,
		notes: householdNotes(db, villageId, householdId, actor),
		categories: serviceCategories(db, villageId)
			.filter((c) => c.active)
			.map((c) => ({ key: c.key, name: categoryName(c) }))
	};
}
