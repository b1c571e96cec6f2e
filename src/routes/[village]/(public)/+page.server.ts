import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf, isMemberOf } from '$lib/server/permissions';
import { messengersFor, notifyPreferenceOf, setNotifyPreference } from '$lib/server/roster/notify';
import { notifyForm, notifyRefusalMessage } from '$lib/server/roster/notify-form';
import { awaitingConfirmationOf } from '$lib/server/topics/read-back';
import { gridsKeptBy } from '$lib/server/grid-points/records';
import { todayInChina } from '$lib/server/calendar/dates';
import { casesOfVillager } from '$lib/server/services/queries';
import { requireMember, villageFromSlug } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { householdsOfMember } from '$lib/server/households/records';
import { preferredChannelOf, setPreferredChannel } from '$lib/server/outbox/delivery';
import { preferredChannelForm } from '$lib/server/outbox/forms';
import { outboxRefusalMessage } from '$lib/server/outbox/messages';

export const load: PageServerLoad = ({ params, locals }) => {
	const village = villageFromSlug(params.village);
	const member = isMemberOf(locals.user, village) ? locals.user : null;
	const personId = member?.personId ?? null;
	const db = getDb();
	// Grid heads and staff keep the grid point's log: the link to it is theirs.
	const gridPoint =
		member !== null && gridsKeptBy(db, village.id, actorOf(member), todayInChina()).length > 0;
	if (personId === null)
		return { pending: [], cases: null, notify: null, gridPoint, contactHouseholds: 0 };
	return {
		gridPoint,
		// What waits on this villager: topics filed for them that they have not confirmed.
		pending: awaitingConfirmationOf(db, village.id, personId),
		// A party member who looks after households is led to them (党员联系户).
		contactHouseholds: householdsOfMember(db, village.id, personId).length,
		// Their service requests still open, and those done and waiting for their rating.
		cases: casesOfVillager(db, village.id, personId),
		notify: {
			preference: notifyPreferenceOf(db, village.id, personId),
			messengers: messengersFor(db, village.id, personId)
		},
		channel: preferredChannelOf(db, village.id, personId)
	};
};

export const actions: Actions = {
	// The villager says how they want to be told; the clerk does it for them on the roster.
	notify: async (event) => {
		const { village, user } = requireMember(event);
		if (user.personId === null) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(notifyForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { notifyError: firstError(parsed.errors) });
		const r = setNotifyPreference(getDb(), actorOf(user), village.id, user.personId, {
			via: parsed.data.via,
			viaPersonId: parsed.data.viaPerson
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), { notifyError: notifyRefusalMessage(r.reason) });
		return { notice: m.notify_saved() };
	},
	channel: async (event) => {
		const { village, user } = requireMember(event);
		if (user.personId === null) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(preferredChannelForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { channelError: firstError(parsed.errors) });
		const r = setPreferredChannel(
			getDb(),
			actorOf(user),
			village.id,
			user.personId,
			parsed.data.channel
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { channelError: outboxRefusalMessage(r.reason) });
		return { channelSaved: true };
	}
};
