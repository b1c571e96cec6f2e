// The outbox's reminders that no act produces, only the passing of days: a service case past its
// deadline (to its assignee) and a household's visit falling due (to its contact member). A sweep
// the server runs on a timer (at startup, then every few minutes), never a page's GET: each
// reminder is keyed by the deadline it is about, so the sweep may run any number of times a day
// and tells each person once per missed deadline.
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { queueMessage } from '../outbox/outbox';
import { caseOverdueWords, villagePath, visitDueWords } from '../outbox/words';
import { overdueCases } from '../services/queries';
import { findCase } from '../services/records';
import { visitCadenceDays, visitDue } from './cadence';
import { allContactHouseholds } from './records';
import { listVillages } from '../villages/villages';

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

/**
 * One sweep over every village, one village's transaction at a time, yielding to the event loop
 * between villages so that requests keep being served during a township's sweep.
 */
export async function queueRemindersOfAllVillages(
	db: Db,
	today: () => string = () => todayInChina()
): Promise<number> {
	let queued = 0;
	for (const village of listVillages(db)) {
		queued += queueDueReminders(db, village.id, today());
		await new Promise((ok) => setImmediate(ok));
	}
	return queued;
}

/** REMINDER_SWEEP_MINUTES, a whole number of minutes ≥ 1; the default suits a day's deadlines. */
export function reminderInterval(env: Record<string, string | undefined> = process.env): number {
	const minutes = Number(env.REMINDER_SWEEP_MINUTES);
	return (Number.isInteger(minutes) && minutes >= 1 ? minutes : 15) * 60_000;
}

/** Sweeps soon after startup and then every `interval` ms; the timer never keeps the process alive. */
export function startReminderSweep(db: Db, interval = reminderInterval()): NodeJS.Timeout {
	let running = false;
	const sweep = () => {
		// A township's sweep outlasting the interval must not start a second one beside it.
		if (running) return;
		running = true;
		queueRemindersOfAllVillages(db)
			.catch((e) => console.error('reminder sweep failed', e))
			.finally(() => (running = false));
	};
	setImmediate(sweep).unref();
	const timer = setInterval(sweep, interval);
	timer.unref();
	return timer;
}
