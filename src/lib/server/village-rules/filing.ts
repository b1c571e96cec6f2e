// 备案: each adopted version of the rules is sent to the township within the village's filing
// period, and the township's acknowledgement (回执) is recorded when it comes back. A filing not
// sent by its due day is overdue (docs/domain.md, "Village rules: versions, revision, review, filing").
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { addDays, isValidDate, todayInChina } from '../calendar/dates';
import type { RulesKind, RulesVersion } from './records';

/**
 * Days from adoption to filing when the village sets none: the 2018 guidance of the Ministry of
 * Civil Affairs and six other bodies (民发〔2018〕144号, 五、备案公布) — see docs/domain.md.
 */
export const DEFAULT_FILING_DAYS = 10;
export const FILING_DAYS_MIN = 1;
export const FILING_DAYS_MAX = 90;
export const FILING_NOTE_MAX = 1000;
export const ACK_NAME_MAX = 50;

/** The village's own filing period (settings.rulesFilingDays), else the guidance's. */
export function filingDaysOf(db: Db, villageId: number): number {
	const raw = db.prepare('select settings from villages where id = ?').pluck().get(villageId);
	const days = (JSON.parse(String(raw ?? '{}')) as { rulesFilingDays?: unknown }).rulesFilingDays;
	return typeof days === 'number' &&
		Number.isInteger(days) &&
		days >= FILING_DAYS_MIN &&
		days <= FILING_DAYS_MAX
		? days
		: DEFAULT_FILING_DAYS;
}

export interface Filing {
	versionId: number;
	dueOn: string;
	filedOn: string | null;
	acknowledgedOn: string | null;
	acknowledgedByName: string | null;
	note: string;
}

export type FilingState = 'acknowledged' | 'filed' | 'due' | 'overdue';

/** Where a filing stands on `today`: overdue once its due day has passed unsent. */
export function filingState(f: Filing, today: string): FilingState {
	if (f.acknowledgedOn) return 'acknowledged';
	if (f.filedOn) return 'filed';
	return today > f.dueOn ? 'overdue' : 'due';
}

const FILING_COLUMNS = `version_id as versionId, due_on as dueOn, filed_on as filedOn,
	acknowledged_on as acknowledgedOn, acknowledged_by_name as acknowledgedByName, note`;

export function filingOf(db: Db, versionId: number): Filing | null {
	return (
		(db
			.prepare(`select ${FILING_COLUMNS} from rules_filings where version_id = ?`)
			.get(versionId) as Filing | undefined) ?? null
	);
}

/** Opens the filing of a version just written, due the filing period after its adoption. */
export function openFiling(ctx: CommandContext, villageId: number, version: RulesVersion): Filing {
	ctx.db
		.prepare('insert into rules_filings (version_id, due_on) values (?, ?)')
		.run(version.id, addDays(version.adoptedOn, filingDaysOf(ctx.db, villageId)));
	return filingOf(ctx.db, version.id)!;
}

export interface FilingRow extends Filing {
	kind: RulesKind;
	title: string;
	number: number;
	adoptedOn: string;
	state: FilingState;
}

/** Every filing of the village, the ones still to send or acknowledge first. */
export function filingsOfVillage(db: Db, villageId: number, today: string): FilingRow[] {
	const rows = db
		.prepare(
			`select ${FILING_COLUMNS.replace(/(\w+ as)/g, 'f.$1')}, d.kind, d.title, v.number,
			   v.adopted_on as adoptedOn
			 from rules_filings f join rules_versions v on v.id = f.version_id
			 join rules_documents d on d.id = v.document_id
			 where d.village_id = ? order by f.acknowledged_on is not null, f.due_on desc`
		)
		.all(villageId) as Omit<FilingRow, 'state'>[];
	return rows.map((r) => ({ ...r, state: filingState(r, today) }));
}

/** The filings not yet sent, due or overdue on `today` (the dashboard's line). */
export const filingsToSend = (db: Db, villageId: number, today: string) =>
	filingsOfVillage(db, villageId, today).filter((f) => f.state === 'due' || f.state === 'overdue');

type Loaded = { filing: Filing; adoptedOn: string };

function loadFiling(db: Db, villageId: number, versionId: number): Loaded | null {
	const v = db
		.prepare(
			`select v.adopted_on from rules_versions v join rules_documents d on d.id = v.document_id
			 where v.id = ? and d.village_id = ?`
		)
		.pluck()
		.get(versionId, villageId) as string | undefined;
	const filing = v ? filingOf(db, versionId) : null;
	return filing && v ? { filing, adoptedOn: v } : null;
}

export type FileResult =
	| { ok: true; filing: Filing }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_date'
				| 'before_adoption'
				| 'in_future'
				| 'already_filed'
				| 'note_too_long';
	  };

/** Records that the version was sent to the township: on what day, and how (the note). */
export function fileRulesVersion(
	db: Db,
	actor: Actor,
	villageId: number,
	versionId: number,
	input: { filedOn: string; note: string },
	options: { now?: Date } = {}
): FileResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => loadFiling(db, villageId, versionId),
		run: ({ filing, adoptedOn }, ctx): FileResult => {
			const note = input.note.trim();
			if (!isValidDate(input.filedOn)) return { ok: false, reason: 'bad_date' };
			if (input.filedOn < adoptedOn) return { ok: false, reason: 'before_adoption' };
			if (input.filedOn > todayInChina(ctx.now)) return { ok: false, reason: 'in_future' };
			if (filing.filedOn) return { ok: false, reason: 'already_filed' };
			if (note.length > FILING_NOTE_MAX) return { ok: false, reason: 'note_too_long' };
			db.prepare(
				'update rules_filings set filed_on = ?, filed_by = ?, note = ? where version_id = ?'
			).run(input.filedOn, actor.userId, note, versionId);
			ctx.audit({
				action: 'rules_version.filed',
				subjectType: 'rules_version',
				subjectId: versionId,
				after: {
					filedOn: input.filedOn,
					dueOn: filing.dueOn,
					late: input.filedOn > filing.dueOn,
					note
				}
			});
			return { ok: true, filing: filingOf(db, versionId)! };
		}
	}) as FileResult;
}

export type AcknowledgeResult =
	| { ok: true; filing: Filing }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_filed'
				| 'bad_date'
				| 'before_filing'
				| 'in_future'
				| 'already_acknowledged'
				| 'bad_name';
	  };

/** Records the township's acknowledgement: the day on its receipt and who signed it. */
export function acknowledgeFiling(
	db: Db,
	actor: Actor,
	villageId: number,
	versionId: number,
	input: { acknowledgedOn: string; byName: string },
	options: { now?: Date } = {}
): AcknowledgeResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => loadFiling(db, villageId, versionId),
		run: ({ filing }, ctx): AcknowledgeResult => {
			const name = input.byName.trim();
			if (!filing.filedOn) return { ok: false, reason: 'not_filed' };
			if (filing.acknowledgedOn) return { ok: false, reason: 'already_acknowledged' };
			if (!isValidDate(input.acknowledgedOn)) return { ok: false, reason: 'bad_date' };
			if (input.acknowledgedOn < filing.filedOn) return { ok: false, reason: 'before_filing' };
			if (input.acknowledgedOn > todayInChina(ctx.now)) return { ok: false, reason: 'in_future' };
			if (name.length < 1 || name.length > ACK_NAME_MAX) return { ok: false, reason: 'bad_name' };
			db.prepare(
				'update rules_filings set acknowledged_on = ?, acknowledged_by_name = ? where version_id = ?'
			).run(input.acknowledgedOn, name, versionId);
			ctx.audit({
				action: 'rules_version.filing_acknowledged',
				subjectType: 'rules_version',
				subjectId: versionId,
				after: { acknowledgedOn: input.acknowledgedOn, by: name }
			});
			return { ok: true, filing: filingOf(db, versionId)! };
		}
	}) as AcknowledgeResult;
}
