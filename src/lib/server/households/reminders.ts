// The outbox's reminders that no act produces, only the passing of days: a service case past its
// deadline (to its assignee) and a household's visit falling due (to its contact member). A sweep
// run from the staff dashboard's load; each reminder is keyed by the deadline it is about, so the
// sweep may run any number of times a day and tells each person once per missed deadline.
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { queueMessage } from '../outbox/outbox';
import { caseOverdueWords, villagePath, visitDueWords } from '../outbox/words';
import { overdueCases } from '../services/queries';
import { findCase } from '../services/records';
import { visitCadenceDays, visitDue } from './cadence';
import { allContactHouseholds } from './records';

/** Queues what is due on `today`; answers how many new messages it queued. */
export function queueDueReminders(db: Db, villageId: number, today = todayInChina()): number {
	const queued = command(db, {
		actor: null,
		villageId,
		run: (_, ctx) => {
			let count = 0;
			for (const summary of overdueCases(db, villageId, 500, today)) {
				const c = findCase(db, villageId, summary.id);
				if (!c?.assigneePersonId) continue;
				const r = queueMessage(ctx, villageId, {
					kind: 'case_overdue',
					subjectType: 'service_case',
					subjectId: c.id,
					eventKey: c.stepDueOn ?? c.dueOn,
					...caseOverdueWords({ number: c.number, title: c.title }),
					link: villagePath(db, villageId, 'services', c.number),
					urgent: c.urgent,
					recipients: [c.assigneePersonId]
				});
				if (r.queued) count++;
			}
			const cadence = visitCadenceDays(db, villageId);
			for (const h of allContactHouseholds(db, villageId)) {
				const due = visitDue(h, cadence, today);
				if (due.dueOn > today) continue;
				const r = queueMessage(ctx, villageId, {
					kind: 'visit_due',
					subjectType: 'household_contact',
					subjectId: h.contactId,
					eventKey: due.dueOn,
					...visitDueWords({ household: h.headName ?? h.householdKey }),
					link: villagePath(db, villageId, 'households', h.householdId),
					recipients: [h.personId]
				});
				if (r.queued) count++;
			}
			return count;
		}
	});
	return typeof queued === 'number' ? queued : 0;
}
