// Every notice of a meeting, so a change of date is a new notice with its own period and the
// public notice can show what it replaced (组织法 2026 第二十五条); and the board's posting floor
// of fifteen days (第三十五条) for villages whose default was set below it.
export default /* sql */ `
create table meeting_notices (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	notice_date text not null,
	-- The date and time this notice announced; the meeting row holds the latest.
	meeting_date text not null,
	starts_at text not null default '',
	-- 遇有特殊情况的临时通知: the recorded reason; null for a notice with the full period.
	emergency_reason text check (emergency_reason is null or length(emergency_reason) between 1 and 200),
	-- The notice posted on the board for it.
	notice_id integer references notices(id),
	recorded_by integer references users(id),
	created_at text not null,
	check (meeting_date >= notice_date)
) strict;
create index meeting_notices_meeting on meeting_notices(meeting_id, id);
create index meeting_notices_notice on meeting_notices(notice_id);
create trigger meeting_notices_fixed before update on meeting_notices
begin select raise(abort, 'a meeting notice is never changed: a new date is a new notice'); end;
create trigger meeting_notices_no_delete before delete on meeting_notices
begin select raise(abort, 'a meeting notice is never deleted'); end;

-- The meetings notified before this table: their one notice, with the board notice that carried it.
insert into meeting_notices (meeting_id, notice_date, meeting_date, starts_at, notice_id, recorded_by, created_at)
select m.id, m.notice_date, m.meeting_date, m.starts_at,
	(select min(n.id) from notices n where n.meeting_id = m.id and n.kind = 'meeting'),
	m.created_by, m.created_at
from meetings m
where m.notice_date is not null and m.meeting_date >= m.notice_date;

update villages set settings = json_set(settings, '$.noticeDays', 15)
where json_extract(settings, '$.noticeDays') < 15;
`;
