import type { Role, SessionUser } from '../auth/session';

/** Who does something, as domain commands see them: the login, its roster person, its role. */
export interface Actor {
	userId: number;
	personId: number | null;
	role: Role;
}

/** The actor of a signed-in session. Domain commands check it again against the live account. */
export const actorOf = (user: Pick<SessionUser, 'id' | 'personId' | 'role'>): Actor => ({
	userId: user.id,
	personId: user.personId,
	role: user.role
});
