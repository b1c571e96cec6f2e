import type { Db } from '../db';
import { type Actor } from '../permissions';

/** The demo login with this phone number, as the domain commands see it. */
export function actorByPhone(db: Db, phone: string): Actor {
	const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
		id: number;
		person_id: number | null;
		role: Actor['role'];
	};
	return { userId: u.id, personId: u.person_id, role: u.role };
}
