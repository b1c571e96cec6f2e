// The board's lists of notices: search, kind, year, and what is current (正在公示) on a day, so
// the board can list each notice once (issue 16 item 6).
import type { Db } from '../db';
import { toNotice, type Notice, type NoticeKind, type NoticeRow } from './notices';

export interface NoticeFilter {
	kind?: NoticeKind;
	/** Words in the title, summary or body. */
	q?: string;
	year?: number;
	/** Only notices still within their posting period on this date. */
	postedOn?: string;
	/** Only the notices the board lists as current on this date (see CURRENT). */
	currentOn?: string;
	/** Only the notices the board does not list as current on this date: each notice is listed once. */
	notCurrentOn?: string;
}

/**
 * Current on @on (正在公示): within its posting period, and not superseded by a later notice
 * already up: a correction of it, or a later notice calling the same meeting (a new date). The
 * superseded one stays on its page and in the earlier notices, never twice among the current ones.
 */
const CURRENT = `(n.posted_on <= @on and n.posted_until >= @on
	and not exists (select 1 from notices c where c.village_id = n.village_id and c.corrects_id = n.id
		and c.posted_on <= @on)
	and not (n.kind = 'meeting' and n.meeting_id is not null and exists (select 1 from notices l
		where l.village_id = n.village_id and l.kind = 'meeting' and l.meeting_id = n.meeting_id
		and l.seq > n.seq and l.posted_on <= @on)))`;

/** A village's notices, newest first, with the total for paging. */
export function listNotices(
	db: Db,
	villageId: number,
	filter: NoticeFilter,
	page: { limit: number; offset: number }
): { items: Notice[]; total: number } {
	const where = ['n.village_id = @village'];
	const params: Record<string, unknown> = { village: villageId };
	if (filter.kind) {
		where.push('kind = @kind');
		params.kind = filter.kind;
	}
	if (filter.year) {
		where.push("posted_on between @year || '-01-01' and @year || '-12-31'");
		params.year = String(filter.year);
	}
	if (filter.postedOn) {
		where.push('posted_on <= @on and posted_until >= @on');
		params.on = filter.postedOn;
	}
	if (filter.currentOn) {
		where.push(CURRENT);
		params.on = filter.currentOn;
	}
	if (filter.notCurrentOn) {
		where.push(`not ${CURRENT}`);
		params.on = filter.notCurrentOn;
	}
	const q = filter.q?.trim();
	if (q) {
		// The words' own % and _ are text, not wildcards.
		where.push(
			"(title like @q escape '\\' or summary like @q escape '\\' or body like @q escape '\\')"
		);
		params.q = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	}
	const sql = where.join(' and ');
	const total = (
		db.prepare(`select count(*) as n from notices n where ${sql}`).get(params) as { n: number }
	).n;
	const items = (
		db
			.prepare(
				`select * from notices n where ${sql} order by posted_on desc, seq desc limit @limit offset @offset`
			)
			.all({ ...params, limit: page.limit, offset: page.offset }) as NoticeRow[]
	).map(toNotice);
	return { items, total };
}

/** Days after a window closes that the desk still offers its notice: paper arrives late. */
export const LATE_ENTRY_DAYS = 30;

/**
 * The notices the clerk may record a paper objection on: their window is open or closed less than
 * LATE_ENTRY_DAYS ago (one received in time may be typed in later), the latest window first.
 */
export function noticesTakingObjections(db: Db, villageId: number, today: string): Notice[] {
	return (
		db
			.prepare(
				`select * from notices where village_id = ? and objections_until is not null
				 and objections_until >= date(?, '-${LATE_ENTRY_DAYS} days') and posted_on <= ?
				 order by objections_until desc, seq desc`
			)
			.all(villageId, today, today) as NoticeRow[]
	).map(toNotice);
}
