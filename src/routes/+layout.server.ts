import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { name: locals.user.name, role: locals.user.role, villageSlug: locals.user.villageSlug }
		: null,
	locale: locals.locale,
	largeText: locals.largeText
});
