// Funds by source (资金来源): the budget lines of implementations begun in the period, summed per
// source as the clerk wrote it. A project serves the whole village, so no grid narrows it.
import type { Db } from '../db';
import { bind, type FigureFilter } from './period';

export interface FundsBySource {
	/** In fen, largest first. */
	sources: { source: string; amountFen: number; projects: number }[];
	totalFen: number;
	projects: number;
}

export function fundsBySource(db: Db, f: FigureFilter): FundsBySource {
	const p = bind(f);
	const sources = db
		.prepare(
			`select b.source, sum(b.amount_fen) as amountFen, count(distinct i.id) as projects
			 from implementations i join implementation_budget_lines b on b.implementation_id = i.id
			 where i.village_id = @village and i.created_at >= @fromUtc and i.created_at < @toUtc
			 group by b.source order by amountFen desc, b.source`
		)
		.all(p) as FundsBySource['sources'];
	const projects = db
		.prepare(
			`select count(distinct i.id) from implementations i join implementation_budget_lines b on b.implementation_id = i.id
			 where i.village_id = @village and i.created_at >= @fromUtc and i.created_at < @toUtc`
		)
		.pluck()
		.get(p) as number;
	return { sources, totalFen: sources.reduce((a, s) => a + s.amountFen, 0), projects };
}
