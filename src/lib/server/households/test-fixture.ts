// Logins for the demo's party members, who have none: the tests of this folder act as them.
import type { Db } from '../db';
import { createAccount } from '../auth/accounts';
import type { Actor } from '../permissions/actor';
import { linkAccountToPerson } from '../roster/person-accounts';

/** The next full party member with no other role and no login yet, given a villager login. */
export function partyMemberActor(db: Db, villageId: number): Actor {
	const p = db
		.prepare(
			`select p.id, p.name, p.phone from people p join roles r on r.person_id = p.id
			 where p.village_id = ? and r.role = 'party_member' and r.end_date is null and p.phone is not null
			   and r.full_since is not null
			   and not exists (select 1 from roles o where o.person_id = p.id and o.role <> 'party_member')
			   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
			 order by p.id limit 1`
		)
		.get(villageId) as { id: number; name: string; phone: string };
	const login = createAccount(db, null, {
		villageId,
		role: 'villager',
		name: p.name,
		phone: p.phone
	});
	if (!login.ok) throw new Error(login.reason);
	linkAccountToPerson(db, villageId, login.account.id, p.id);
	return { userId: login.account.id, personId: p.id, role: 'villager' };
}
