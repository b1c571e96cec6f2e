// The names of the six 4+2 steps and of procedure events (browser-safe).
import { m } from '$lib/paraglide/messages';

const STEP_NAMES: Record<number, () => string> = {
	1: m.proc_step_1,
	2: m.proc_step_2,
	3: m.proc_step_3,
	4: m.proc_step_4,
	5: m.proc_step_5,
	6: m.proc_step_6
};

export const stepName = (step: number): string => STEP_NAMES[step]?.() ?? String(step);

export const stepLabel = (step: number): string =>
	m.proc_step_label({ step, name: stepName(step) });

type Position = { kind: 'at'; step: number } | { kind: 'complete' | 'ended' | 'archived' };

export function positionLabel(p: Position): string {
	if (p.kind === 'at') return m.proc_position_at({ step: p.step });
	return {
		complete: m.proc_position_complete,
		ended: m.proc_position_ended,
		archived: m.proc_position_archived
	}[p.kind]();
}
