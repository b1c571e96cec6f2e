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

export function categoryLabel(c: string): string {
	const labels: Record<string, () => string> = {
		development: m.category_development,
		ecology: m.category_ecology,
		talent: m.category_talent,
		livelihood: m.category_livelihood,
		village_rules: m.category_village_rules,
		culture: m.category_culture,
		dispute: m.category_dispute
	};
	return (labels[c] ?? m.category_other)();
}

export function channelLabel(c: string): string {
	const labels: Record<string, () => string> = {
		online: m.channel_online,
		grid_point: m.channel_grid_point,
		household_visit: m.channel_household_visit,
		phone: m.channel_phone,
		hall_window: m.channel_hall_window,
		representative: m.channel_representative,
		cadre: m.channel_cadre
	};
	return (labels[c] ?? m.channel_higher_authority)();
}

export function topicStateLabel(s: string): string {
	const labels: Record<string, () => string> = {
		draft: m.tstate_draft,
		submitted: m.tstate_submitted,
		consultation: m.tstate_consultation,
		four_plus_two: m.tstate_four_plus_two,
		direct: m.tstate_direct,
		merged: m.tstate_merged,
		not_accepted: m.tstate_not_accepted,
		withdrawn: m.tstate_withdrawn
	};
	return (labels[s] ?? m.tstate_completed)();
}

export function art24Label(item: string): string {
	const labels: Record<string, () => string> = {
		collective_income: m.art24_collective_income,
		public_welfare: m.art24_public_welfare,
		land_contracting: m.art24_land_contracting,
		collective_project: m.art24_collective_project,
		homestead: m.art24_homestead,
		requisition_compensation: m.art24_requisition_compensation,
		property_disposal: m.art24_property_disposal,
		subsidised_staff: m.art24_subsidised_staff
	};
	return (labels[item] ?? m.art24_village_major)();
}
