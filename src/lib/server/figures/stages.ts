// 4+2 matters (四议两公开) by stage: where each matter whose topic was submitted in the period
// stands today, from the procedure's own events, read through the procedure's state machine.
import type { Db } from '../db';
import { positionOf, STEPS, type ProcedureEvent, type Step } from '../procedure/rules';
import { bind, inGrid, type FigureFilter } from './period';

export const STAGES = [
	...STEPS.map((s) => `step_${s}` as const),
	'complete',
	'archived',
	'ended'
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Counts per stage: `step_n` waits on step n, `complete` has all six steps and waits to be
 * archived, `archived` is finished, `ended` stopped after a failed vote at step 3 or 4.
 */
export function mattersByStage(db: Db, f: FigureFilter): Record<Stage, number> {
	const rows = db
		.prepare(
			`select t.id, e.kind, e.steps from topics t
			 left join procedure_events e on e.topic_id = t.id
			 where t.village_id = @village and t.submitted_at >= @fromUtc and t.submitted_at < @toUtc
			   and (t.state = 'four_plus_two' or t.end_kind in ('archive', 'vote_failed'))
			   and (@grid is null or t.proposer_person_id in (select p.id from people p where ${inGrid('p.household_id')}))
			 order by t.id, e.id`
		)
		.all(bind(f)) as { id: number; kind: ProcedureEvent['kind'] | null; steps: string | null }[];
	const events = new Map<number, ProcedureEvent[]>();
	for (const r of rows) {
		const list = events.get(r.id) ?? [];
		events.set(r.id, list);
		if (r.kind === 'steps') list.push({ kind: 'steps', steps: JSON.parse(r.steps!) as Step[] });
		else if (r.kind) list.push({ kind: r.kind } as ProcedureEvent);
	}
	const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
	for (const list of events.values()) {
		const p = positionOf(list);
		const stage: Stage = p.kind === 'at' ? `step_${p.step}` : p.kind;
		counts[stage]++;
	}
	return counts;
}
