import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { formatActivationCode } from '$lib/server/auth/accounts';
import { isSystemAdmin } from '$lib/server/permissions';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { addStaffForm, townshipAccountForm } from '$lib/server/auth/forms';
import { listTownshipAccounts, openTownshipAccount } from '$lib/server/auth/township-accounts';
import { findTownship, listTownships } from '$lib/server/villages/townships';
import { newVillageForm } from '$lib/server/villages/forms';
import { addVillageStaff, createVillage, listVillages } from '$lib/server/villages/villages';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	if (!isSystemAdmin(locals.user)) error(403, m.error_forbidden());
	const db = getDb();
	return {
		villages: listVillages(db),
		townships: listTownships(db).map((t) => ({ ...t, accounts: listTownshipAccounts(db, t.id) }))
	};
};

export const actions: Actions = {
	createVillage: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		if (!isSystemAdmin(locals.user)) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(newVillageForm, await readForm(request));
		const values = { ...parsed.values, oneShoulder: parsed.ok && parsed.data.oneShoulder };
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { clerkName, clerkPhone, ...village } = parsed.data;

		const result = createVillage(getDb(), locals.user.id, {
			...village,
			clerk: { name: clerkName, phone: clerkPhone }
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
				clerk: clerkName,
				phone: clerkPhone,
				code: formatActivationCode(result.activationCode),
				expiresAt: result.expiresAt
			}
		};
	},

	addStaff: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		if (!isSystemAdmin(locals.user)) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(addStaffForm, await readForm(request));
		const staff = { values: parsed.values, errors: parsed.ok ? {} : parsed.errors };
		if (!parsed.ok) return fail(400, { staff });
		const { villageId, role, staffName, staffPhone } = parsed.data;
		const result = addVillageStaff(getDb(), locals.user.id, {
			villageId,
			role,
			name: staffName,
			phone: staffPhone
		});
		if (!result.ok) {
			const refusal: Record<typeof result.reason, FieldErrors<keyof typeof staff.values>> = {
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
	},

	addTownshipAccount: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		if (!isSystemAdmin(locals.user)) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(townshipAccountForm, await readForm(request));
		const township = { values: parsed.values, errors: parsed.ok ? {} : parsed.errors };
		if (!parsed.ok) return fail(400, { township });
		const { townshipId, townshipRole, officialName, officialPhone, position } = parsed.data;
		const result = openTownshipAccount(getDb(), locals.user.id, {
			townshipId,
			role: townshipRole,
			name: officialName,
			phone: officialPhone,
			position
		});
		if (!result.ok) {
			const refusal: Record<typeof result.reason, FieldErrors<keyof typeof township.values>> = {
				not_found: { townshipId: m.error_choose_one() },
				phone_taken: { officialPhone: m.account_phone_taken() },
				forbidden: { townshipRole: m.error_forbidden() }
			};
			return fail(refusalStatus(result.reason), {
				township: { ...township, errors: refusal[result.reason] }
			});
		}
		return {
			townshipCreated: {
				village: findTownship(getDb(), townshipId)?.name ?? '',
				name: result.account.name,
				phone: result.account.phone,
				code: formatActivationCode(result.activationCode),
				expiresAt: result.expiresAt
			}
		};
	}
};
