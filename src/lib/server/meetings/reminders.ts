// What the staff dashboard reminds the clerk of about meetings: a villagers' meeting held at least
// once a year (组织法 2026 第二十五条). Shown all year; it turns into a warning from October, when
// a quarter is left for the ten days' notice and the preparation (docs/domain.md §5).
import type { Db } from '../db';
import { villageRules } from '../villages/settings';

/** From this month on, a year without a villagers' meeting held is a warning, not a note. */
export const ANNUAL_MEETING_WARNING_MONTH = 10;

export interface AnnualMeetingReminder {
	year: number;
	/** The day of the last villagers' meeting held (closed) this year, if any. */
	heldOn: string | null;
	/** The next one notified or called for a day later this year, if any. */
	nextOn: string | null;
	tone: 'ok' | 'note' | 'warn';
}

/** Null when the law in force `today` asks no yearly meeting (before 2026). */
export function annualVillagersMeeting(
	db: Db,
	villageId: number,
	today: string
): AnnualMeetingReminder | null {
	if (!villageRules(db, villageId, today).meetings.villagers_meeting.atLeastYearly) return null;
	const year = Number(today.slice(0, 4));
	const day = (sql: string) =>
		(
			db.prepare(sql).get({ village: villageId, year: String(year), today }) as {
				d: string | null;
			}
		).d;
	const heldOn = day(
		`select max(meeting_date) as d from meetings where village_id = @village
		   and type = 'villagers_meeting' and state = 'closed' and meeting_date like @year || '-%'`
	);
	const nextOn = day(
		`select min(meeting_date) as d from meetings where village_id = @village
		   and type = 'villagers_meeting' and state != 'closed'
		   and meeting_date >= @today and meeting_date like @year || '-%'`
	);
	const month = Number(today.slice(5, 7));
	const tone = heldOn ? 'ok' : month >= ANNUAL_MEETING_WARNING_MONTH ? 'warn' : 'note';
	return { year, heldOn, nextOn, tone };
}
