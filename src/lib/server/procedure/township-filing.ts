// 备案: what a village publishes that its township oversees — a resolution when its notice is
// posted, a rules version when it is enacted — lands in the township's inbox in the same
// transaction (docs/domain.md §16). The township's verbs are in township/filings.ts.
import type { CommandContext } from '../command';
import type { Db } from '../db';

export type TownshipFilingKind = 'resolution' | 'rules_version';
export type TownshipFilingState = 'filed' | 'acknowledged' | 'returned';

export interface TownshipFiling {
	id: number;
	villageId: number;
	kind: TownshipFilingKind;
	resolutionId: number | null;
	rulesVersionId: number | null;
	filedAt: string;
	state: TownshipFilingState;
	decidedAt: string | null;
	/** The township's reason, when it returned the filing: its official word, shown publicly. */
	reason: string | null;
}

const COLUMNS = `f.id, f.village_id as villageId, f.kind, f.resolution_id as resolutionId,
	f.rules_version_id as rulesVersionId, f.filed_at as filedAt, f.state,
	f.decided_at as decidedAt, f.reason`;

export type FilingSubject = { resolutionId: number } | { rulesVersionId: number };

/**
 * Files the subject with the village's township, inside the publishing command, and audits it;
 * null when the village belongs to no township (nobody to file with: the village files on paper).
 */
export function fileWithTownship(
	ctx: CommandContext,
	villageId: number,
	subject: FilingSubject
): TownshipFiling | null {
	const township = ctx.db
		.prepare('select township_id from villages where id = ?')
		.pluck()
		.get(villageId) as number | null;
	if (township === null) return null;
	const kind: TownshipFilingKind = 'resolutionId' in subject ? 'resolution' : 'rules_version';
	const { lastInsertRowid } = ctx.db
		.prepare(
			`insert into township_filings (village_id, kind, resolution_id, rules_version_id, filed_at)
			 values (?, ?, ?, ?, ?)`
		)
		.run(
			villageId,
			kind,
			'resolutionId' in subject ? subject.resolutionId : null,
			'rulesVersionId' in subject ? subject.rulesVersionId : null,
			ctx.now.toISOString()
		);
	const id = Number(lastInsertRowid);
	ctx.audit({
		action: 'filing.filed',
		subjectType: 'township_filing',
		subjectId: id,
		after: { kind, ...subject, townshipId: township }
	});
	return getTownshipFiling(ctx.db, villageId, id);
}

export const getTownshipFiling = (db: Db, villageId: number, id: number): TownshipFiling | null =>
	(db
		.prepare(`select ${COLUMNS} from township_filings f where f.id = ? and f.village_id = ?`)
		.get(id, villageId) as TownshipFiling | undefined) ?? null;

/** The filing of one resolution or rules version of the village, if it was filed through the app. */
export function filingOfSubject(
	db: Db,
	villageId: number,
	subject: FilingSubject
): TownshipFiling | null {
	const [column, id] =
		'resolutionId' in subject
			? ['resolution_id', subject.resolutionId]
			: ['rules_version_id', subject.rulesVersionId];
	return (
		(db
			.prepare(
				`select ${COLUMNS} from township_filings f where f.${column} = ? and f.village_id = ?`
			)
			.get(id, villageId) as TownshipFiling | undefined) ?? null
	);
}

export interface ReturnedFiling extends TownshipFiling {
	/** The resolution's number, or the rules document's kind and version number. */
	resolutionNumber: string | null;
	rulesKind: string | null;
	rulesVersionNumber: number | null;
}

/**
 * The village's filings the township returned, latest first: each stays on the staff dashboard,
 * since the township's word asks the village to correct the decision (组织法 2026 art. 31 ¶3).
 */
export const returnedFilingsOfVillage = (db: Db, villageId: number): ReturnedFiling[] =>
	db
		.prepare(
			`select ${COLUMNS}, r.number as resolutionNumber, d.kind as rulesKind,
			   v.number as rulesVersionNumber
			 from township_filings f left join resolutions r on r.id = f.resolution_id
			 left join rules_versions v on v.id = f.rules_version_id
			 left join rules_documents d on d.id = v.document_id
			 where f.village_id = ? and f.state = 'returned' order by f.decided_at desc, f.id desc`
		)
		.all(villageId) as ReturnedFiling[];
