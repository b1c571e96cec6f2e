// The figures anyone may see on the village's public page: counts and rates only, never a name,
// a case title or anything that points at one household (docs/domain.md §10.3).
import type { Db } from '../db';
import { serviceMonths } from './services';
import { mattersByStage, type Stage } from './stages';
import { permille } from './period';
import { cultureFigures, type CultureFigures } from './culture';

/**
 * A rate over fewer cases than this is not published: in a village everyone knows whose case was
 * the one rated 不满意 in a month with two. The counts themselves are shown.
 */
export const SMALL_BASE = 5;

export interface PublicMonth {
	month: string;
	filed: number;
	completed: number;
	/** Null when there is no base or it is below SMALL_BASE; `suppressed` tells which. */
	completionPermille: number | null;
	completionSuppressed: boolean;
	satisfactionPermille: number | null;
	satisfactionSuppressed: boolean;
}

export interface PublicFigures {
	from: string;
	to: string;
	months: PublicMonth[];
	matters: Record<Stage, number>;
	culture: CultureFigures;
}

/** The first day of the month eleven months before `today`'s: twelve months including this one. */
export function twelveMonthsFrom(today: string): string {
	const [y, mo] = today.split('-').map(Number);
	const back = y * 12 + (mo - 1) - 11;
	return `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}-01`;
}

export function publicFigures(db: Db, villageId: number, today: string): PublicFigures {
	const f = { villageId, from: twelveMonthsFrom(today), to: today, gridId: null };
	const months = serviceMonths(db, f).map((m) => ({
		month: m.month,
		filed: m.filed,
		completed: m.completed,
		completionPermille: m.accepted < SMALL_BASE ? null : permille(m.completed, m.accepted),
		completionSuppressed: m.accepted > 0 && m.accepted < SMALL_BASE,
		satisfactionPermille:
			m.rated < SMALL_BASE ? null : permille(m.satisfied + m.basicallySatisfied, m.rated),
		satisfactionSuppressed: m.rated > 0 && m.rated < SMALL_BASE
	}));
	return {
		from: f.from,
		to: f.to,
		months,
		matters: mattersByStage(db, f),
		culture: cultureFigures(db, f)
	};
}
