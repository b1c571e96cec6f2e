// The public notice board (村务公开栏, docs/domain.md §8.2): notices numbered per village (the
// short stable URL /<village>/notices/<seq>), each with its posting period and, where the law asks,
// a five-day objection window; objections with their answers and escalations. A notice never
// changes: a correction is a new notice pointing back.
export default /* sql */ `
create table notices (
	id integer primary key,
	village_id integer not null references villages(id),
	seq integer not null check (seq >= 1),
	kind text not null check (kind in (
		'meeting', -- 会议通知, with the agenda
		'resolution', -- 决议公开
		'consultation_outcome', -- 协商意见
		'consultation_feedback', -- 协商意见的采纳反馈
		'implementation_result', -- 实施结果公开
		'general', -- 一般村务
		'finance' -- 财务公开
	)),
	title text not null check (length(title) between 1 and 200),
	summary text not null default '' check (length(summary) <= 500),
	body text not null check (length(body) between 1 and 20000),
	meeting_id integer references meetings(id),
	resolution_id integer references resolutions(id),
	topic_id integer references topics(id),
	corrects_id integer references notices(id),
	posted_on text not null,
	posted_until text not null,
	-- Last day an objection may be filed; null when the notice takes none.
	objections_until text,
	-- The audit chain's head when the notice was posted (docs/domain.md §9.1).
	audit_head_hash text not null,
	posted_by integer not null references users(id),
	created_at text not null,
	unique (village_id, seq),
	check (posted_on <= posted_until),
	check (objections_until is null or objections_until >= posted_on)
) strict;
create index notices_village on notices(village_id, posted_on desc, seq desc);
create index notices_village_kind on notices(village_id, kind, posted_on desc);
create trigger notices_no_gap before insert on notices
when new.seq != coalesce((select max(seq) from notices where village_id = new.village_id), 0) + 1
begin select raise(abort, 'notice numbers run without gaps'); end;
create trigger notices_fixed before update on notices
begin select raise(abort, 'a notice never changes'); end;
create trigger notices_no_delete before delete on notices
begin select raise(abort, 'a notice never changes'); end;

-- 异议: filed by a signed-in villager during the window; the objector is never shown publicly.
create table objections (
	id integer primary key,
	notice_id integer not null references notices(id),
	person_id integer not null references people(id),
	text text not null check (length(text) between 1 and 2000),
	filed_at text not null,
	-- The clerk answers within five days (deadline moved past holidays).
	answer_due text not null,
	answer text check (answer is null or length(answer) between 1 and 2000),
	answered_by integer references users(id),
	answered_at text,
	-- "Not satisfied — refer to the township".
	escalated_at text,
	check ((answer is null) = (answered_at is null)),
	check (escalated_at is null or answered_at is not null)
) strict;
create index objections_notice on objections(notice_id, id);
create trigger objections_fixed before update of notice_id, person_id, text, filed_at, answer_due on objections
begin select raise(abort, 'an objection never changes'); end;
create trigger objections_answer_once before update of answer, answered_by, answered_at on objections
when old.answered_at is not null
begin select raise(abort, 'an answer is given once'); end;
create trigger objections_escalate_once before update of escalated_at on objections
when old.escalated_at is not null
begin select raise(abort, 'an objection is referred once'); end;
create trigger objections_no_delete before delete on objections
begin select raise(abort, 'an objection never changes'); end;
`;
