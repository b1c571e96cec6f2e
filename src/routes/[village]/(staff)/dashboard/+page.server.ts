import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { procedureRefusalMessage } from '$lib/server/procedure/messages';
import { publishResolutionById } from '$lib/server/procedure/publication';
import { pendingResolutions } from '$lib/server/procedure/resolution-lists';
import { getDb } from '$lib/server/db';
import { disclosureCadence } from '$lib/server/notices/notices';
import { isOverdue, openObjections } from '$lib/server/notices/objections';
import { isValidDate, todayInChina } from '$lib/server/calendar/dates';
import { closedLoopFigures, listTopics, openObligations } from '$lib/server/topics/queries';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { citeOrganicLaw } from '$lib/server/law/organic-law';
import { getLocale } from '$lib/paraglide/runtime';
import { annualVillagersMeeting } from '$lib/server/meetings/reminders';
import { upcomingMeetings } from '$lib/server/meetings/upcoming';
import { missingCalendarYears } from '$lib/server/calendar/working-days';
import { overdueByMember } from '$lib/server/households/coverage';

import { overdueCases, windowCounts } from '$lib/server/services/queries';
import { filingsToSend } from '$lib/server/village-rules/filing';
import { returnedFilingsOfVillage } from '$lib/server/procedure/township-filing';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	const q = event.url.searchParams;
	const from = isValidDate(q.get('from') ?? '') ? q.get('from')! : `${today.slice(0, 4)}-01-01`;
	const to = isValidDate(q.get('to') ?? '') ? q.get('to')! : today;
	const objections = openObjections(db, village.id);
	return {
		meetings: upcomingMeetings(db, village.id),
		period: { from, to },
		figures: closedLoopFigures(db, village.id, from, to),
		overdue: listTopics(db, village.id, { overdue: true, pageSize: 50 }).items,
		overdueVisits: overdueByMember(db, village.id),
		rulesFilings: filingsToSend(db, village.id, today),
		returnedFilings: returnedFilingsOfVillage(db, village.id),
		awaiting: listTopics(db, village.id, { state: 'submitted', pageSize: 50 }).items,
		obligations: openObligations(db, village.id),
		services: {
			counts: windowCounts(db, village.id, today),
			overdue: overdueCases(db, village.id, 20, today)
		},
		cadence: disclosureCadence(db, village.id, today),
		// Disclosure: 2018 art. 30, 2026 art. 35.
		cadenceArticle: citeOrganicLaw('disclosure', today, getLocale()),
		annual: annualVillagersMeeting(db, village.id, today),
		calendarMissing: missingCalendarYears(today),
		objections: {
			open: objections.length,
			overdue: objections.filter((o) => isOverdue(o, today)).length
		},
		pendingResolutions: pendingResolutions(db, village.id).map(({ block, ...r }) => ({
			...r,
			blockMessage: block && procedureRefusalMessage(block)
		}))
	};
};

export const actions: Actions = {
	// One click puts a resolution on the board; a second click is refused as already published.
	publish: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam((await readForm(event.request)).get('resolution')?.toString());
		if (id === null) return fail(400, { action: 'publish', message: m.dash_pending_bad_id() });
		const r = publishResolutionById(getDb(), actorOf(user), village.id, id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'publish',
				resolutionId: id,
				message: procedureRefusalMessage(r.reason, r)
			});
		return { action: 'publish', resolutionId: id, noticeSeq: r.notice.seq, title: r.notice.title };
	}
};

// Links, GET filters and plain form posts do everything here: no client code is shipped, and no
// copy of the page's data is serialised into it for a framework to hydrate.
export const csr = false;
