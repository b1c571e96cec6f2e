// The township benchmark's service cases: the first village's window holds 5,000 over the past
// year, the others a few hundred each, in the states a real window shows (mostly closed, some
// open and late), each with its filing step. Plain SQL in one transaction, like the rest.
import type { Db } from '../db';
import { workingDaysAfter } from '../calendar/working-days';
import { DEFAULT_CATEGORIES } from '../services/categories';

export const CASE_TITLES = [
	'开具居住证明',
	'补办户口本',
	'医保报销咨询',
	'低保申请',
	'果树病虫害',
	'邻里排水纠纷',
	'路灯不亮',
	'代缴养老保险'
];

interface BenchVillage {
	villageId: number;
	people: { personId: number }[];
	clerkId: number;
}

const DAY = 86_400_000;
const dayBefore = (today: string, days: number) =>
	new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

/**
 * Inserts `count(i)` cases into each village. A case filed long ago is closed (a few referred,
 * withdrawn or turned into topics); one filed in the last two weeks is still at some step, and
 * those past their step's day are overdue, as on a busy window.
 */
export function generateServiceCases(
	db: Db,
	villages: readonly BenchVillage[],
	count: (i: number) => number,
	rand: () => number,
	today: string
): number {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const insert = db.prepare(
		`insert into service_cases (village_id, number, year, seq, category, title, description, person_id,
		   filed_by_user_id, channel, urgent, state, limit_days, filed_on, due_on, step_due_on,
		   assignee_person_id, dispatched_at, accepted_at, completed_at, result, rating, rated_at,
		   closed_at, created_at, updated_at)
		 values (@village, @number, @year, @seq, @category, @title, '', @person, @clerk, @channel,
		   @urgent, @state, @limit, @filedOn, @dueOn, @stepDueOn, @assignee, @at, @accepted,
		   @completed, @result, @rating, @rated, @closed, @at, @at)`
	);
	const step = db.prepare(
		`insert into service_case_steps (case_id, kind, at, by_user_id, person_id) values (?, 'filed', ?, ?, ?)`
	);
	const ENDED = [
		'closed',
		'closed',
		'closed',
		'closed',
		'closed',
		'referred',
		'withdrawn',
		'became_topic'
	];
	const WAITING = [
		'submitted',
		'dispatched',
		'in_progress',
		'in_progress',
		'completed',
		'follow_up'
	];
	let total = 0;
	db.transaction(() => {
		for (const [i, v] of villages.entries()) {
			// The village's cadres and party members who take cases: a pool of twenty.
			const assignees = v.people.slice(1, 21);
			const seqs = new Map<number, number>();
			const n = count(i);
			for (let k = 0; k < n; k++) {
				// Oldest first, so the sequence runs with the dates, as filing numbers them.
				const age = Math.floor(((n - k) / n) * 365);
				const filedOn = dayBefore(today, age);
				const year = Number(filedOn.slice(0, 4));
				const seq = (seqs.get(year) ?? 0) + 1;
				seqs.set(year, seq);
				const category = pick(DEFAULT_CATEGORIES);
				const state = age > 14 ? pick(ENDED) : pick(WAITING);
				const assigned = !['submitted', 'withdrawn'].includes(state);
				const at = `${filedOn}T01:30:00.000Z`;
				const done = ['completed', 'follow_up', 'closed'].includes(state);
				const stepDueOn =
					state === 'submitted' || state === 'dispatched'
						? workingDaysAfter(filedOn, 1)
						: state === 'follow_up'
							? workingDaysAfter(filedOn, category.limitDays + 3)
							: null;
				const caseId = Number(
					insert.run({
						village: v.villageId,
						number: `XY-FW-${year}-${String(seq).padStart(4, '0')}`,
						year,
						seq,
						category: category.key,
						title: pick(CASE_TITLES),
						person: pick(v.people).personId,
						clerk: v.clerkId,
						channel: pick(['online', 'online', 'grid_point', 'household_visit', 'hall_window']),
						urgent: rand() < 0.1 ? 1 : 0,
						state,
						limit: category.limitDays,
						filedOn,
						dueOn: workingDaysAfter(filedOn, category.limitDays),
						stepDueOn,
						assignee: assigned ? pick(assignees).personId : null,
						at,
						accepted: assigned && state !== 'dispatched' ? at : null,
						completed: done ? at : null,
						result: done ? '已办结。' : null,
						rating:
							state === 'closed'
								? pick(['satisfied', 'satisfied', 'basically_satisfied'])
								: state === 'follow_up'
									? 'unsatisfied'
									: null,
						rated: state === 'closed' || state === 'follow_up' ? at : null,
						closed: state === 'closed' ? at : null
					}).lastInsertRowid
				);
				step.run(caseId, at, v.clerkId, null);
				total++;
			}
		}
	}).immediate();
	return total;
}
