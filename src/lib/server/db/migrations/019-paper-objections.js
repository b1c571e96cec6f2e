// Objections that come on paper, in person or by phone (issue 16 item 1): the clerk records them at
// the notice desk with the objector's name and contact (staff-only) and the day received, which
// the objection window is judged by. Such an objector may have no login, so person_id becomes
// optional: the table is rebuilt (SQLite cannot drop a NOT NULL), keeping every row and trigger.
export default /* sql */ `
create table objections_next (
	id integer primary key,
	notice_id integer not null references notices(id),
	person_id integer references people(id),
	-- 网上 (online, by a signed-in villager), 书面, 当面, 电话, 意见箱.
	channel text not null default 'online'
		check (channel in ('online', 'letter', 'in_person', 'phone', 'suggestion_box')),
	objector_name text check (objector_name is null or length(objector_name) between 1 and 50),
	objector_contact text check (objector_contact is null or length(objector_contact) <= 100),
	received_on text,
	recorded_by integer references users(id),
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
	check (escalated_at is null or answered_at is not null),
	check (case when channel = 'online'
		then person_id is not null and objector_name is null and received_on is null and recorded_by is null
		else objector_name is not null and received_on is not null and recorded_by is not null end)
) strict;
insert into objections_next (id, notice_id, person_id, text, filed_at, answer_due, answer,
	answered_by, answered_at, escalated_at)
select id, notice_id, person_id, text, filed_at, answer_due, answer, answered_by, answered_at,
	escalated_at from objections;
drop table objections;
alter table objections_next rename to objections;
create index objections_notice on objections(notice_id, id);
create trigger objections_fixed before update of notice_id, person_id, channel, objector_name,
	objector_contact, received_on, recorded_by, text, filed_at, answer_due on objections
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
