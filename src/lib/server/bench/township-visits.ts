// The township's party members' households for the statistics page's benchmark: every household
// gets a contact party member (35 a village, as in 新阳村), and each contact visits every week for
// the twelve weeks before `today`. Plain SQL in one transaction, like the rest of the generator.
import type { Db } from '../db';
import { addDays } from '../calendar/dates';

export const CONTACT_MEMBERS = 35;
export const VISIT_WEEKS = 12;
const MEANS = ['in_person', 'phone', 'wechat'] as const;

export function addHouseholdVisits(
	db: Db,
	villages: {
		villageId: number;
		people: { personId: number; householdId: number }[];
		clerkId: number;
	}[],
	today: string,
	rand: () => number
): void {
	const contact = db.prepare(
		`insert into household_contacts (village_id, household_id, person_id, start_date, assigned_by_user_id)
		 values (?, ?, ?, ?, ?)`
	);
	const visit = db.prepare(
		`insert into household_visits (village_id, household_id, person_id, visited_on, means, heard,
		   recorded_by_user_id, recorded_at) values (?, ?, ?, ?, ?, '', ?, ?)`
	);
	const start = addDays(today, -7 * VISIT_WEEKS);
	db.transaction(() => {
		for (const v of villages) {
			const members = v.people.slice(0, CONTACT_MEMBERS).map((p) => p.personId);
			const households = [...new Set(v.people.map((p) => p.householdId))];
			for (const [i, household] of households.entries()) {
				const member = members[i % members.length];
				contact.run(v.villageId, household, member, start, v.clerkId);
				for (let w = 0; w < VISIT_WEEKS; w++) {
					// Most weeks, not all: a few households fall behind the cadence.
					if (rand() < 0.1) continue;
					const on = addDays(start, 7 * w + Math.floor(rand() * 7));
					visit.run(
						v.villageId,
						household,
						member,
						on,
						MEANS[Math.floor(rand() * MEANS.length)],
						v.clerkId,
						`${on}T02:00:00.000Z`
					);
				}
			}
		}
	}).immediate();
}
