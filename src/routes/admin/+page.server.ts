import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { normalizePhone } from '$lib/server/auth/phone';
import { formatActivationCode } from '$lib/server/auth/accounts';
import { isSystemAdmin } from '$lib/server/permissions';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { createVillage, listVillages } from '$lib/server/villages/villages';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	if (!isSystemAdmin(locals.user)) error(403, m.error_forbidden());
	return { villages: listVillages(getDb()) };
};

const SLUG = /^[a-z][a-z0-9-]{1,31}$/;
const TEXT_FIELDS = ['name', 'township', 'district', 'city', 'province', 'clerkName'] as const;

export const actions: Actions = {
	createVillage: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		if (!isSystemAdmin(locals.user)) return fail(403, { message: m.error_forbidden() });
		const form = await readForm(request);
		const values = {
			slug: field(form, 'slug').toLowerCase(),
			name: field(form, 'name'),
			township: field(form, 'township'),
			district: field(form, 'district'),
			city: field(form, 'city'),
			province: field(form, 'province'),
			oneShoulder: form.get('oneShoulder') === 'on',
			clerkName: field(form, 'clerkName'),
			clerkPhone: field(form, 'clerkPhone')
		};
		const errors: FieldErrors<keyof typeof values> = {};
		if (!SLUG.test(values.slug)) errors.slug = m.admin_slug_invalid();
		for (const key of TEXT_FIELDS) {
			if ([...values[key]].length > 64) errors[key] = m.error_too_long({ max: 64 });
		}
		if (!values.name) errors.name = m.error_required();
		if (!values.clerkName) errors.clerkName = m.error_required();
		const clerkPhone = normalizePhone(values.clerkPhone);
		if (!clerkPhone) errors.clerkPhone = m.auth_phone_invalid();
		if (!clerkPhone || Object.keys(errors).length) return fail(400, { values, errors });

		const result = createVillage(getDb(), locals.user.id, {
			...values,
			clerk: { name: values.clerkName, phone: clerkPhone }
		});
		if (!result.ok) {
			const reasons: Record<typeof result.reason, FieldErrors<keyof typeof values>> = {
				slug_taken: { slug: m.admin_slug_taken() },
				slug_reserved: { slug: m.admin_slug_reserved() },
				phone_taken: { clerkPhone: m.account_phone_taken() }
			};
			return fail(400, { values, errors: reasons[result.reason] });
		}
		return {
			created: {
				village: result.village.name,
				slug: result.village.slug,
				clerk: values.clerkName,
				phone: clerkPhone,
				code: formatActivationCode(result.activationCode),
				expiresAt: result.expiresAt
			}
		};
	}
};
