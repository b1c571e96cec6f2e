import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { normalizePhone } from '$lib/server/auth/phone';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { isValidDate, todayInChina } from '$lib/server/calendar/dates';
import {
	findHouseholdByKey,
	findPerson,
	movePerson,
	setPersonStatus,
	updatePerson
} from '$lib/server/roster/people';
import {
	ROLE_KINDS,
	assignRole,
	endRole,
	findRole,
	recordFullMembership,
	rolesOfPerson,
	type RoleKindName
} from '$lib/server/roster/roles';
import { listGrids } from '$lib/server/roster/structure';
import { roleRefusalMessage } from '$lib/server/roster/messages';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

function personOf(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.person);
	const person = id ? findPerson(getDb(), village.id, id) : null;
	if (!person) error(404, m.error_not_found());
	return { village, user, person };
}

export const load: PageServerLoad = (event) => {
	const { village, person } = personOf(event);
	const db = getDb();
	return {
		person,
		roles: rolesOfPerson(db, village.id, person.id),
		grids: listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name })),
		today: todayInChina()
	};
};

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export const actions: Actions = {
	update: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const values = {
			name: field(form, 'name'),
			gender: field(form, 'gender'),
			birthDate: field(form, 'birthDate'),
			phone: field(form, 'phone'),
			relation: field(form, 'relation')
		};
		const errors: FieldErrors = {};
		if (!values.name) errors.name = m.error_required();
		else if ([...values.name].length > 32) errors.name = m.error_too_long({ max: 32 });
		if (values.gender !== 'm' && values.gender !== 'f') errors.gender = m.error_choose_one();
		if (!isValidDate(values.birthDate) || values.birthDate > todayInChina())
			errors.birthDate = m.error_date();
		const phone = values.phone
			? (normalizePhone(values.phone) ?? (LANDLINE.test(values.phone) ? values.phone : null))
			: null;
		if (values.phone && !phone) errors.phone = m.roster_phone_invalid();
		if ([...values.relation].length > 16) errors.relation = m.error_too_long({ max: 16 });
		if (Object.keys(errors).length) {
			// Cut to what the fields hold: a 1 MB paste is not sent back to the browser.
			const echo = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, 64)]));
			return fail(400, { form: 'update', values: echo as typeof values, errors });
		}
		updatePerson(getDb(), user.id, village.id, person.id, {
			name: values.name,
			gender: values.gender as 'm' | 'f',
			birthDate: values.birthDate,
			phone,
			relation: values.relation
		});
		return { saved: true };
	},

	move: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const key = field(form, 'householdKey');
		const db = getDb();
		const target = findHouseholdByKey(db, village.id, key);
		if (!target) {
			return fail(400, {
				form: 'move',
				values: { householdKey: key },
				errors: { householdKey: m.roster_household_not_found() }
			});
		}
		movePerson(db, user.id, village.id, person.id, target.id);
		return { saved: true };
	},

	status: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const status = field(form, 'status');
		const date = field(form, 'date');
		if (status !== 'moved_out' && status !== 'deceased') {
			return fail(400, { form: 'status', errors: { status: m.error_choose_one() } as FieldErrors });
		}
		const result = setPersonStatus(getDb(), user.id, village.id, person.id, status, date);
		if (!result.ok && result.reason === 'login_not_yours')
			return fail(403, { form: 'status', message: m.roster_status_login_not_yours() });
		if (!result.ok)
			return fail(400, { form: 'status', errors: { date: m.error_date() } as FieldErrors });
		return { saved: true };
	},

	assignRole: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const values = {
			role: field(form, 'role'),
			startDate: field(form, 'startDate'),
			endDate: field(form, 'endDate'),
			fullSince: field(form, 'fullSince'),
			gridId: field(form, 'gridId'),
			isChair: form.get('isChair') === 'on',
			households: field(form, 'households')
		};
		if (!(ROLE_KINDS as readonly string[]).includes(values.role)) {
			return fail(400, {
				form: 'role',
				values,
				errors: { role: m.error_choose_one() } as FieldErrors
			});
		}
		const db = getDb();
		const keys = values.households.split(/[\s,，、]+/).filter(Boolean);
		const householdIds: number[] = [];
		for (const key of keys) {
			const h = findHouseholdByKey(db, village.id, key);
			if (!h) {
				return fail(400, {
					form: 'role',
					values,
					errors: { households: m.roster_household_unknown({ key }) } as FieldErrors
				});
			}
			householdIds.push(h.id);
		}
		const result = assignRole(db, user.id, village.id, {
			personId: person.id,
			role: values.role as RoleKindName,
			startDate: values.startDate,
			endDate: values.endDate || null,
			fullSince: values.fullSince || null,
			gridId: idParam(values.gridId),
			isChair: values.isChair,
			householdIds
		});
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { form: 'role', values, message: m.error_forbidden() });
		if (!result.ok)
			return fail(refusalStatus(result.reason), {
				form: 'role',
				values,
				message: roleRefusalMessage(result.reason)
			});
		return { saved: true };
	},

	endRole: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const roleId = idParam(field(form, 'roleId'));
		const role = roleId ? findRole(getDb(), village.id, roleId) : null;
		if (!role || role.personId !== person.id) return fail(404, { message: m.error_not_found() });
		const result = endRole(getDb(), user.id, village.id, role.id, field(form, 'endDate'));
		if (!result.ok) return fail(400, { message: m.roster_end_date_invalid() });
		return { saved: true };
	},

	fullMember: async (event) => {
		const { village, user, person } = personOf(event);
		const form = await readForm(event.request);
		const roleId = idParam(field(form, 'roleId'));
		const role = roleId ? findRole(getDb(), village.id, roleId) : null;
		if (!role || role.personId !== person.id) return fail(404, { message: m.error_not_found() });
		const result = recordFullMembership(
			getDb(),
			user.id,
			village.id,
			role.id,
			field(form, 'fullSince')
		);
		if (!result.ok) return fail(400, { message: m.error_date() });
		return { saved: true };
	}
};
