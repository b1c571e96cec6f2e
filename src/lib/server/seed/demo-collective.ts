// The demo's register of the collective economic organisation: the people of its first eight
// households, confirmed as members when the village's register was drawn up in 2025, entered
// through the same command as the register page.
import type { Db } from '../db';
import { addCollectiveMember } from '../roster/collective';
import { actorByPhone } from './actors';

/** 集体经济组织法 took effect on 2025-05-01; the demo village confirmed its members that summer. */
export const DEMO_COLLECTIVE_SINCE = '2025-06-30';
const HOUSEHOLDS = 8;

export function seedDemoCollective(db: Db, villageId: number): void {
	const clerk = actorByPhone(db, '13800000001');
	const people = db
		.prepare(
			`select p.id from people p join households h on h.id = p.household_id
			 where p.village_id = ? and p.status = 'resident'
			   and h.id in (select id from households where village_id = ? order by household_key limit ?)
			 order by h.household_key, p.id`
		)
		.pluck()
		.all(villageId, villageId, HOUSEHOLDS) as number[];
	for (const personId of people) {
		const r = addCollectiveMember(db, clerk, villageId, { personId, since: DEMO_COLLECTIVE_SINCE });
		if (!r.ok) throw new Error(`demo collective member ${personId}: ${r.reason}`);
	}
}
