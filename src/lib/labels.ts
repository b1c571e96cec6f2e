// Display names of domain codes, in the current language.
import { m } from '$lib/paraglide/messages';

export function roleLabel(role: string): string {
	switch (role) {
		case 'admin':
			return m.role_admin();
		case 'clerk':
			return m.role_clerk();
		case 'secretary':
			return m.role_secretary();
		default:
			return m.role_villager();
	}
}
