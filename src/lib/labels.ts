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

export function rosterRoleLabel(role: string): string {
	switch (role) {
		case 'household_rep':
			return m.rrole_household_rep();
		case 'village_rep':
			return m.rrole_village_rep();
		case 'party_member':
			return m.rrole_party_member();
		case 'branch_committee':
			return m.rrole_branch_committee();
		case 'villagers_committee':
			return m.rrole_villagers_committee();
		case 'branch_secretary':
			return m.rrole_branch_secretary();
		case 'supervision_committee':
			return m.rrole_supervision_committee();
		case 'grid_head':
			return m.rrole_grid_head();
		default:
			return m.rrole_clerk();
	}
}

export function statusLabel(status: string): string {
	switch (status) {
		case 'resident':
			return m.status_resident();
		case 'moved_out':
			return m.status_moved_out();
		case 'deceased':
			return m.status_deceased();
		default:
			return m.status_all();
	}
}
