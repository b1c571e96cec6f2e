/** Where a user lands after signing in: their village, the township's desk, or the administration page. */
export function homeOf(user: { role: string; villageSlug: string | null }): string {
	if (user.role === 'township_official' || user.role === 'township_reviewer') return '/township';
	return user.role === 'admin' || !user.villageSlug ? '/admin' : `/${user.villageSlug}`;
}
