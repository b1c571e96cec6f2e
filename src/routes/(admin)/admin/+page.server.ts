import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { normalizePhone } from '$lib/server/auth/phone';
import { formatActivationCode } from '$lib/server/auth/accounts';
import { isSystemAdmin } from '$lib/server/permissions';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { addVillageStaff, createVillage, listVillages } from '$lib/server/villages/villages';
import { idParam } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

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
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { message: m.error_forbidden() });
		if (!result.ok) {
			const reasons: Record<typeof result.reason, FieldErrors<keyof typeof values>> = {
				slug_taken: { slug: m.admin_slug_taken() },
				slug_reserved: { slug: m.admin_slug_reserved() },
				phone_taken: { clerkPhone: m.account_phone_taken() }
			};
			return fail(refusalStatus(result.reason), { values, errors: reasons[result.reason] });
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
	},

	addStaff: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		if (!isSystemAdmin(locals.user)) return fail(403, { message: m.error_forbidden() });
		const form = await readForm(request);
		const values = {
			villageId: field(form, 'villageId'),
			role: field(form, 'role'),
			staffName: field(form, 'staffName'),
			staffPhone: field(form, 'staffPhone')
		};
		const errors: FieldErrors<keyof typeof values> = {};
		const villageId = idParam(values.villageId);
		if (!villageId) errors.villageId = m.error_choose_one();
		if (values.role !== 'clerk' && values.role !== 'secretary') errors.role = m.error_choose_one();
		if (!values.staffName) errors.staffName = m.error_required();
		else if ([...values.staffName].length > 64) errors.staffName = m.error_too_long({ max: 64 });
		const phone = normalizePhone(values.staffPhone);
		if (!phone) errors.staffPhone = m.auth_phone_invalid();
		const staff = { values: { ...values, staffName: values.staffName.slice(0, 64) }, errors };
		if (!villageId || !phone || Object.keys(errors).length) return fail(400, { staff });
		const result = addVillageStaff(getDb(), locals.user.id, {
			villageId,
			role: values.role as 'clerk' | 'secretary',
			name: values.staffName,
			phone
		});
		if (!result.ok) {
			const refusal: Record<typeof result.reason, FieldErrors<keyof typeof values>> = {
				not_found: { villageId: m.error_choose_one() },
				phone_taken: { staffPhone: m.account_phone_taken() },
				forbidden: { role: m.error_forbidden() }
			};
			return fail(refusalStatus(result.reason), {
				staff: { ...staff, errors: refusal[result.reason] }
			});
		}
		return {
			staffCreated: {
				village: listVillages(getDb()).find((v) => v.id === villageId)?.name ?? '',
				name: result.account.name,
				phone: result.account.phone,
				code: formatActivationCode(result.activationCode),
				expiresAt: result.expiresAt
			}
		};
	}
};
