import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	findHouseholdByKey,
	findPerson,
	movePerson,
	setPersonStatus,
	updatePerson
} from '$lib/server/roster/people';
import {
	assignRole,
	endRole,
	findRole,
	recordFullMembership,
	rolesOfPerson
} from '$lib/server/roster/roles';
import {
	assignRoleForm,
	endRoleForm,
	fullMemberForm,
	moveForm,
	personForm,
	recordRelationForm,
	removeRelationForm,
	statusForm
} from '$lib/server/roster/forms';
import {
	closeRelativesOf,
	recordRelation,
	relativeCandidates,
	RELATIVE_CANDIDATES_MAX,
	removeRelation
} from '$lib/server/roster/relations';
import { actorOf } from '$lib/server/permissions';
import { messengersFor, notifyPreferenceOf, setNotifyPreference } from '$lib/server/roster/notify';
import { notifyForm, notifyRefusalMessage } from '$lib/server/roster/notify-form';
import { preferredChannelOf, setPreferredChannel } from '$lib/server/outbox/delivery';
import { preferredChannelForm } from '$lib/server/outbox/forms';
import { outboxRefusalMessage } from '$lib/server/outbox/messages';
import { listGrids } from '$lib/server/roster/structure';
import { relationRefusalMessage, roleRefusalMessage } from '$lib/server/roster/messages';
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
	// The relative picker's search, sent as a GET form so it works without JavaScript.
	const find = (event.url.searchParams.get('find') ?? '').slice(0, 64);
	return {
		person,
		roles: rolesOfPerson(db, village.id, person.id),
		relatives: closeRelativesOf(db, village.id, person.id),
		find,
		...relativeCandidates(db, village.id, person, find),
		candidatesMax: RELATIVE_CANDIDATES_MAX,
		grids: listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name })),
		notify: {
			preference: notifyPreferenceOf(db, village.id, person.id),
			messengers: messengersFor(db, village.id, person.id)
		},
		channel: preferredChannelOf(db, village.id, person.id),
		today: todayInChina()
	};
};

// The role form shows these refusals beside their fields; any other goes above the page.
const ROLE_INLINE = new Set(['role', 'households']);

export const actions: Actions = {
	// The clerk records how a villager without a phone wants to be told.
	notify: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(notifyForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { notifyError: firstError(parsed.errors) });
		const r = setNotifyPreference(getDb(), actorOf(user), village.id, person.id, {
			via: parsed.data.via,
			viaPersonId: parsed.data.viaPerson
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), { notifyError: notifyRefusalMessage(r.reason) });
		return { saved: true };
	},
	channel: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(preferredChannelForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { channelError: firstError(parsed.errors) });
		const r = setPreferredChannel(
			getDb(),
			actorOf(user),
			village.id,
			person.id,
			parsed.data.channel
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { channelError: outboxRefusalMessage(r.reason) });
		return { channelSaved: true };
	},
	update: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(personForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { form: 'update', values: parsed.values, errors: parsed.errors });
		updatePerson(getDb(), user.id, village.id, person.id, parsed.data);
		return { saved: true };
	},

	move: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(moveForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { form: 'move', values: parsed.values, errors: parsed.errors });
		const db = getDb();
		const target = findHouseholdByKey(db, village.id, parsed.data.householdKey);
		if (!target) {
			return fail(400, {
				form: 'move',
				values: parsed.values,
				errors: { householdKey: m.roster_household_not_found() }
			});
		}
		movePerson(db, user.id, village.id, person.id, target.id);
		return { saved: true };
	},

	status: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(statusForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'status', errors: parsed.errors as FieldErrors });
		const { status, date } = parsed.data;
		const result = setPersonStatus(getDb(), user.id, village.id, person.id, status, date);
		if (!result.ok && result.reason === 'login_not_yours')
			return fail(403, { form: 'status', message: m.roster_status_login_not_yours() });
		if (!result.ok)
			return fail(400, { form: 'status', errors: { date: m.error_date() } as FieldErrors });
		return { saved: true };
	},

	assignRole: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(assignRoleForm, await readForm(event.request));
		const values = { ...parsed.values, isChair: parsed.values.isChair !== '' };
		if (!parsed.ok) {
			const aside = Object.entries(parsed.errors).find(([k]) => !ROLE_INLINE.has(k));
			return fail(400, {
				form: 'role',
				values,
				errors: parsed.errors as FieldErrors,
				message: aside?.[1]
			});
		}
		const db = getDb();
		const householdIds: number[] = [];
		for (const key of parsed.data.households) {
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
		const { role, startDate, endDate, fullSince, gridId, isChair } = parsed.data;
		const result = assignRole(db, user.id, village.id, {
			personId: person.id,
			role,
			startDate,
			endDate: endDate || null,
			fullSince: fullSince || null,
			gridId,
			isChair,
			householdIds
		});
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { form: 'role', values, message: m.error_forbidden() });
		if (!result.ok)
			return fail(refusalStatus(result.reason), {
				form: 'role',
				values,
				message: roleRefusalMessage(result, startDate)
			});
		return { saved: true };
	},

	addRelation: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(recordRelationForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { form: 'relation', values: parsed.values, errors: parsed.errors });
		const result = recordRelation(getDb(), actorOf(user), village.id, {
			personId: person.id,
			...parsed.data
		});
		if (!result.ok)
			return fail(refusalStatus(result.reason), {
				form: 'relation',
				values: parsed.values,
				message: relationRefusalMessage(result.reason)
			});
		return { saved: true };
	},

	removeRelation: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(removeRelationForm, await readForm(event.request));
		if (!parsed.ok) return fail(404, { message: m.error_not_found() });
		const result = removeRelation(
			getDb(),
			actorOf(user),
			village.id,
			person.id,
			parsed.data.relativeId
		);
		if (!result.ok)
			return fail(refusalStatus(result.reason), { message: relationRefusalMessage(result.reason) });
		return { saved: true };
	},

	endRole: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(endRoleForm, await readForm(event.request));
		const role = parsed.ok ? findRole(getDb(), village.id, parsed.data.roleId) : null;
		if (!parsed.ok && !parsed.errors.roleId)
			return fail(400, { message: m.roster_end_date_invalid() });
		if (!parsed.ok || !role || role.personId !== person.id)
			return fail(404, { message: m.error_not_found() });
		const result = endRole(getDb(), user.id, village.id, role.id, parsed.data.endDate);
		if (!result.ok) return fail(400, { message: m.roster_end_date_invalid() });
		return { saved: true };
	},

	fullMember: async (event) => {
		const { village, user, person } = personOf(event);
		const parsed = parseForm(fullMemberForm, await readForm(event.request));
		const role = parsed.ok ? findRole(getDb(), village.id, parsed.data.roleId) : null;
		if (!parsed.ok && !parsed.errors.roleId) return fail(400, { message: m.error_date() });
		if (!parsed.ok || !role || role.personId !== person.id)
			return fail(404, { message: m.error_not_found() });
		const result = recordFullMembership(
			getDb(),
			user.id,
			village.id,
			role.id,
			parsed.data.fullSince
		);
		if (!result.ok) return fail(400, { message: m.error_date() });
		return { saved: true };
	}
};
