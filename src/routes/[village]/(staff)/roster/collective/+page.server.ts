import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	addCollectiveMember,
	collectiveCandidates,
	endCollectiveMembership,
	listCollectiveMembers
} from '$lib/server/roster/collective';
import { collectiveAddForm, collectiveEndForm } from '$lib/server/roster/forms';
import { entrustmentsOfLiveMeetings } from '$lib/server/meetings/entrustments';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	return {
		today,
		members: listCollectiveMembers(db, village.id),
		candidates: collectiveCandidates(db, village.id, today),
		meetings: entrustmentsOfLiveMeetings(db, village.id)
	};
};

export const actions: Actions = {
	add: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(collectiveAddForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'add', values: parsed.values, errors: parsed.errors });
		const r = addCollectiveMember(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok) {
			const errors =
				r.reason === 'bad_date'
					? { since: m.error_date() }
					: r.reason === 'already_member'
						? { personId: m.collective_already_member() }
						: { personId: r.reason === 'forbidden' ? m.error_forbidden() : m.error_not_found() };
			return fail(refusalStatus(r.reason), { form: 'add', values: parsed.values, errors });
		}
		return { form: 'add', saved: m.collective_added() };
	},

	end: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(collectiveEndForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'end', message: m.collective_end_date_invalid() });
		const r = endCollectiveMembership(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				form: 'end',
				message:
					r.reason === 'bad_date'
						? m.collective_end_date_invalid()
						: r.reason === 'forbidden'
							? m.error_forbidden()
							: m.error_not_found()
			});
		return { form: 'end', saved: m.collective_ended() };
	}
};
