import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { disclosureCadence } from '$lib/server/notices/notices';
import { isOverdue, openObjections } from '$lib/server/notices/objections';
import { isValidDate, todayInChina } from '$lib/server/calendar/dates';
import { closedLoopFigures, listTopics, openObligations } from '$lib/server/topics/queries';
import { requireStaff } from '$lib/server/villages/context';
import { citeOrganicLaw } from '$lib/server/law/organic-law';
import { getLocale } from '$lib/paraglide/runtime';
import { annualVillagersMeeting } from '$lib/server/meetings/reminders';
import { upcomingMeetings } from '$lib/server/meetings/upcoming';
import { missingCalendarYears } from '$lib/server/calendar/working-days';

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
		awaiting: listTopics(db, village.id, { state: 'submitted', pageSize: 50 }).items,
		obligations: openObligations(db, village.id),
		cadence: disclosureCadence(db, village.id, today),
		// Disclosure: 2018 art. 30, 2026 art. 35.
		cadenceArticle: citeOrganicLaw('disclosure', today, getLocale()),
		annual: annualVillagersMeeting(db, village.id, today),
		calendarMissing: missingCalendarYears(today),
		objections: {
			open: objections.length,
			overdue: objections.filter((o) => isOverdue(o, today)).length
		}
	};
};
