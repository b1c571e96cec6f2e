/** Where a user lands after signing in: their village, or the administration page. */
export function homeOf(user: { role: string; villageSlug: string | null }): string {
	return user.role === 'admin' || !user.villageSlug ? '/admin' : `/${user.villageSlug}`;
}
