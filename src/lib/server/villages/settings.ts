// A village's own settings: the triage deadline, its public holidays (deadlines that end on one
// move to the next working day), and whether the branch secretary also chairs the committee.
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import { isValidDate } from '../roster/dates';

export interface VillageSettings {
	triageDays: number;
	holidays: string[];
	oneShoulder: boolean;
}

export const DEFAULT_TRIAGE_DAYS = 7;

export function getVillageSettings(db: Db, villageId: number): VillageSettings {
	const row = db
		.prepare('select settings, one_shoulder from villages where id = ?')
		.get(villageId) as {
		settings: string;
		one_shoulder: number;
	};
	const s = JSON.parse(row.settings) as Partial<VillageSettings>;
	return {
		triageDays: s.triageDays ?? DEFAULT_TRIAGE_DAYS,
		holidays: s.holidays ?? [],
		oneShoulder: row.one_shoulder === 1
	};
}

export type SettingsResult =
	{ ok: true } | { ok: false; reason: 'triage_days' | 'holiday'; value?: string };

export function updateVillageSettings(
	db: Db,
	actorId: number,
	villageId: number,
	next: VillageSettings
): SettingsResult {
	if (!Number.isInteger(next.triageDays) || next.triageDays < 1 || next.triageDays > 30) {
		return { ok: false, reason: 'triage_days' };
	}
	const bad = next.holidays.find((d) => !isValidDate(d));
	if (bad !== undefined) return { ok: false, reason: 'holiday', value: bad };
	const holidays = [...new Set(next.holidays)].sort();
	db.transaction(() => {
		const before = getVillageSettings(db, villageId);
		const row = db.prepare('select settings from villages where id = ?').get(villageId) as {
			settings: string;
		};
		const settings = { ...JSON.parse(row.settings), triageDays: next.triageDays, holidays };
		db.prepare('update villages set settings = ?, one_shoulder = ? where id = ?').run(
			JSON.stringify(settings),
			next.oneShoulder ? 1 : 0,
			villageId
		);
		appendAudit(db, {
			villageId,
			actorId,
			action: 'village.settings_changed',
			subjectType: 'village',
			subjectId: villageId,
			before,
			after: getVillageSettings(db, villageId)
		});
	}).immediate();
	return { ok: true };
}
