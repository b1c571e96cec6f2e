import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { name: locals.user.name, role: locals.user.role, villageSlug: locals.user.villageSlug }
		: null,
	locale: getLocale(),
	largeText: locals.largeText
});
