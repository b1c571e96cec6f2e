// The township's filing inbox (备案): what its villages filed, oldest first, and the township's
// answer to each — acknowledged, or returned with a reason the village sees. Decided once (a
// trigger holds it); a rules version's acknowledgement is also written into the village's own
// filing record, so its filings page and board agree (docs/domain.md §16).
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isTownshipStaffFor } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { ACK_NAME_MAX } from '../village-rules/filing';
import {
	getTownshipFiling,
	type TownshipFiling,
	type TownshipFilingKind,
	type TownshipFilingState
} from '../procedure/township-filing';

export const RETURN_REASON_MAX = 1000;
export const FILING_STATES: readonly TownshipFilingState[] = ['filed', 'acknowledged', 'returned'];
export const isFilingState = (v: string): v is TownshipFilingState =>
	(FILING_STATES as readonly string[]).includes(v);

export interface InboxFiling {
	id: number;
	villageId: number;
	villageSlug: string;
	villageName: string;
	kind: TownshipFilingKind;
	state: TownshipFilingState;
	filedAt: string;
	decidedAt: string | null;
	decidedByName: string | null;
	reason: string | null;
	resolutionId: number | null;
	resolutionNumber: string | null;
	resolutionText: string | null;
	rulesKind: string | null;
	rulesVersionNumber: number | null;
	/** Whole China days from filing to the decision, or to today while it waits. */
	waitingDays: number;
}

const dayNumber = (iso: string) =>
	Date.parse(`${todayInChina(new Date(iso))}T00:00:00Z`) / 86_400_000;

/** The inbox of a township: its villages' filings, oldest first, by state and village if asked. */
export function townshipFilingInbox(
	db: Db,
	townshipId: number,
	filter: { state?: TownshipFilingState | null; villageId?: number | null },
	now: Date
): InboxFiling[] {
	const rows = db
		.prepare(
			`select f.id, f.village_id as villageId, vi.slug as villageSlug, vi.name as villageName,
			   f.kind, f.state, f.filed_at as filedAt, f.decided_at as decidedAt, u.name as decidedByName,
			   f.reason, f.resolution_id as resolutionId, r.number as resolutionNumber,
			   r.text as resolutionText, d.kind as rulesKind, rv.number as rulesVersionNumber
			 from township_filings f join villages vi on vi.id = f.village_id
			 left join users u on u.id = f.decided_by
			 left join resolutions r on r.id = f.resolution_id
			 left join rules_versions rv on rv.id = f.rules_version_id
			 left join rules_documents d on d.id = rv.document_id
			 where vi.township_id = ? and (? is null or f.state = ?) and (? is null or f.village_id = ?)
			 order by f.filed_at, f.id`
		)
		.all(
			townshipId,
			filter.state ?? null,
			filter.state ?? null,
			filter.villageId ?? null,
			filter.villageId ?? null
		) as Omit<InboxFiling, 'waitingDays'>[];
	return rows.map((f) => ({
		...f,
		waitingDays: dayNumber(f.decidedAt ?? now.toISOString()) - dayNumber(f.filedAt)
	}));
}

export type DecideFilingResult =
	| { ok: true; filing: TownshipFiling }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_decided' | 'bad_reason' };

function decide(
	db: Db,
	actor: Actor,
	villageId: number,
	filingId: number,
	now: Date | undefined,
	answer: { state: 'acknowledged' } | { state: 'returned'; reason: string }
): DecideFilingResult {
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isTownshipStaffFor(db, actor, villageId),
		load: () => getTownshipFiling(db, villageId, filingId),
		run: (filing, ctx): DecideFilingResult => {
			if (filing.state !== 'filed') return { ok: false, reason: 'already_decided' };
			const reason = answer.state === 'returned' ? answer.reason.trim() : null;
			if (reason !== null && (reason.length < 1 || reason.length > RETURN_REASON_MAX))
				return { ok: false, reason: 'bad_reason' };
			db.prepare(
				'update township_filings set state = ?, decided_by = ?, decided_at = ?, reason = ? where id = ?'
			).run(answer.state, actor.userId, ctx.now.toISOString(), reason, filing.id);
			if (answer.state === 'acknowledged' && filing.rulesVersionId !== null)
				recordRulesAcknowledgement(db, actor, filing.rulesVersionId, todayInChina(ctx.now));
			ctx.audit({
				action: answer.state === 'acknowledged' ? 'filing.acknowledged' : 'filing.returned',
				subjectType: 'township_filing',
				subjectId: filing.id,
				before: { state: filing.state },
				after: { state: answer.state, reason }
			});
			return { ok: true, filing: getTownshipFiling(db, villageId, filing.id)! };
		}
	});
}

/**
 * The village's record of the version's filing gets the township's receipt (回执): the day and the
 * official's name, as a clerk would type them from a paper receipt. One the village already
 * recorded by hand stands.
 */
function recordRulesAcknowledgement(db: Db, actor: Actor, versionId: number, day: string): void {
	const name = db.prepare('select name from users where id = ?').pluck().get(actor.userId);
	db.prepare(
		`update rules_filings set acknowledged_on = ?, acknowledged_by_name = ?
		 where version_id = ? and acknowledged_on is null and filed_on is not null`
	).run(day, String(name).slice(0, ACK_NAME_MAX), versionId);
}

/** The township acknowledges a filing (备案回执): an official or a reviewer of its township. */
export function acknowledgeTownshipFiling(
	db: Db,
	actor: Actor,
	villageId: number,
	filingId: number,
	now?: Date
): DecideFilingResult {
	return decide(db, actor, villageId, filingId, now, { state: 'acknowledged' });
}

/** The township returns a filing with its reason (1–1000 characters), which the village sees. */
export function returnTownshipFiling(
	db: Db,
	actor: Actor,
	villageId: number,
	filingId: number,
	reason: string,
	now?: Date
): DecideFilingResult {
	return decide(db, actor, villageId, filingId, now, { state: 'returned', reason });
}
