import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import {
	findVillageAccount,
	formatActivationCode,
	issueActivationCode,
	listVillageAccounts,
	setAccountDisabled
} from '$lib/server/auth/accounts';
import { openVillageAccount } from '$lib/server/auth/village-accounts';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { accountForm, openAccountForm } from '$lib/server/auth/forms';
import { grantableRoles, mayManageAccount } from '$lib/server/permissions';
import { requireStaff } from '$lib/server/villages/context';
import { rolesOfLoginsOn } from '$lib/server/roster/person-accounts';
import { todayInChina } from '$lib/server/calendar/dates';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireStaff(event);
	const db = getDb();
	const held = rolesOfLoginsOn(db, village.id, todayInChina());
	return {
		accounts: listVillageAccounts(db, village.id).map((a) => ({
			...a,
			held: held.get(a.id) ?? [],
			manageable: mayManageAccount(user, a)
		})),
		grantable: grantableRoles(user)
	};
};

/** The account named in the form, only if it belongs to this village. */
async function targetAccount(event: RequestEvent) {
	const { village, user } = requireStaff(event);
	const parsed = parseForm(accountForm, await readForm(event.request));
	const account = parsed.ok ? findVillageAccount(getDb(), village.id, parsed.data.accountId) : null;
	return { village, user, account };
}

const notYours = () => fail(403, { message: m.accounts_not_yours() });

export const actions: Actions = {
	create: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(openAccountForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { name, phone, role } = parsed.data;
		const result = openVillageAccount(getDb(), user.id, {
			villageId: village.id,
			role,
			name,
			phone
		});
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, {
				values,
				errors: {} as FieldErrors<keyof typeof values>,
				message: m.accounts_not_yours()
			});
		if (!result.ok)
			return fail(refusalStatus(result.reason), {
				values,
				errors: {
					phone:
						result.reason === 'in_village'
							? m.account_phone_in_village()
							: m.account_phone_unavailable()
				} as FieldErrors<keyof typeof values>
			});
		return { createdName: result.account.name };
	},

	issueCode: async (event) => {
		const { village, user, account } = await targetAccount(event);
		if (!account) return fail(404, { message: m.error_not_found() });
		const issued = issueActivationCode(getDb(), user.id, account.id);
		if (!issued.ok) return notYours();
		const { code, expiresAt } = issued;
		return {
			slip: {
				village: village.name,
				name: account.name,
				phone: account.phone,
				code: formatActivationCode(code),
				expiresAt
			}
		};
	},

	disable: async (event) => {
		const { user, account } = await targetAccount(event);
		if (!account) return fail(404, { message: m.error_not_found() });
		if (account.id === user.id) return fail(400, { message: m.accounts_cannot_disable_self() });
		if (!setAccountDisabled(getDb(), user.id, account.id, true).ok) return notYours();
		return { changedName: account.name };
	},

	enable: async (event) => {
		const { user, account } = await targetAccount(event);
		if (!account) return fail(404, { message: m.error_not_found() });
		if (!setAccountDisabled(getDb(), user.id, account.id, false).ok) return notYours();
		return { changedName: account.name };
	}
};
