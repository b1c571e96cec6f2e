// The notices a meeting was called by, oldest first (table meeting_notices): a change of date is a
// new notice, so the public notice can say what it replaced and why a temporary one was short.
import type { Db } from '../db';

export interface MeetingNotice {
	id: number;
	meetingId: number;
	noticeDate: string;
	meetingDate: string;
	startsAt: string;
	/** The recorded reason of a temporary notice (组织法 2026 art. 25); null for a full one. */
	emergencyReason: string | null;
	/** The board notice that carried it. */
	noticeId: number | null;
}

interface Row {
	id: number;
	meeting_id: number;
	notice_date: string;
	meeting_date: string;
	starts_at: string;
	emergency_reason: string | null;
	notice_id: number | null;
}

const toNotice = (r: Row): MeetingNotice => ({
	id: r.id,
	meetingId: r.meeting_id,
	noticeDate: r.notice_date,
	meetingDate: r.meeting_date,
	startsAt: r.starts_at,
	emergencyReason: r.emergency_reason,
	noticeId: r.notice_id
});

export function meetingNotices(db: Db, meetingId: number): MeetingNotice[] {
	return (
		db
			.prepare('select * from meeting_notices where meeting_id = ? order by id')
			.all(meetingId) as Row[]
	).map(toNotice);
}

/** The notice in force: the latest one. */
export function currentMeetingNotice(db: Db, meetingId: number): MeetingNotice | null {
	const r = db
		.prepare('select * from meeting_notices where meeting_id = ? order by id desc limit 1')
		.get(meetingId) as Row | undefined;
	return r ? toNotice(r) : null;
}

export function recordMeetingNotice(
	db: Db,
	notice: Omit<MeetingNotice, 'id'> & { recordedBy: number; createdAt: string }
): void {
	db.prepare(
		`insert into meeting_notices (meeting_id, notice_date, meeting_date, starts_at, emergency_reason,
		   notice_id, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		notice.meetingId,
		notice.noticeDate,
		notice.meetingDate,
		notice.startsAt,
		notice.emergencyReason,
		notice.noticeId,
		notice.recordedBy,
		notice.createdAt
	);
}
