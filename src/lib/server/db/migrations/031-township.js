// The township and the messages (issue 19): townships and their staff accounts (an official and a
// reviewer, read-only across the township's villages); what the villages file with the township
// (备案) and what is referred to it, each with the township's answer; a township official invited
// to a meeting and signed in there; the outbox of messages every actionable event produces, with
// each person's preferred channel. The users table is rebuilt (SQLite cannot widen a CHECK): the
// migration runs with foreign keys off, as SQLite's documented table rebuild asks, and is checked
// with foreign_key_check before it commits.
export default /* sql */ `
create table townships (
	id integer primary key,
	name text not null check (length(name) between 1 and 64),
	district text not null default '',
	city text not null default '',
	province text not null default '',
	created_at text not null,
	unique (province, city, district, name)
) strict;

insert into townships (name, district, city, province, created_at)
select distinct township, district, city, province, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
from villages where township != '';

alter table villages add column township_id integer references townships(id);
update villages set township_id = (
	select t.id from townships t where t.name = villages.township and t.district = villages.district
		and t.city = villages.city and t.province = villages.province
) where township != '';
create index villages_township on villages(township_id);

create table users_next (
	id integer primary key,
	village_id integer references villages(id),
	-- 乡镇干部 (township_official) and 乡镇审核人员 (township_reviewer) belong to a township.
	township_id integer references townships(id),
	role text not null check (role in (
		'admin', 'clerk', 'secretary', 'villager', 'township_official', 'township_reviewer'
	)),
	name text not null check (length(name) between 1 and 64),
	phone text not null unique check (length(phone) between 5 and 20),
	password_hash text,
	disabled_at text,
	created_at text not null,
	person_id integer references people(id),
	-- Office shown where the township attendee signs a meeting record, e.g. 镇民政办主任.
	position text not null default '' check (length(position) <= 64),
	-- A system administrator belongs to nothing, township staff to a township, others to a village.
	check (case
		when role = 'admin' then village_id is null and township_id is null
		when role in ('township_official', 'township_reviewer') then village_id is null and township_id is not null and person_id is null
		else village_id is not null and township_id is null end)
) strict;
insert into users_next (id, village_id, role, name, phone, password_hash, disabled_at, created_at, person_id)
select id, village_id, role, name, phone, password_hash, disabled_at, created_at, person_id from users;
drop table users;
alter table users_next rename to users;
create index users_village on users(village_id);
create index users_township on users(township_id) where township_id is not null;
create unique index users_person on users(person_id) where person_id is not null;

-- 备案: a published resolution or rules version, filed with the township when it is published;
-- the township acknowledges it (回执) or returns it with a reason the village sees.
create table township_filings (
	id integer primary key,
	village_id integer not null references villages(id),
	kind text not null check (kind in ('resolution', 'rules_version')),
	resolution_id integer unique references resolutions(id),
	rules_version_id integer unique references rules_versions(id),
	filed_at text not null,
	state text not null default 'filed' check (state in ('filed', 'acknowledged', 'returned')),
	decided_by integer references users(id),
	decided_at text,
	reason text check (reason is null or length(reason) between 1 and 1000),
	check ((kind = 'resolution') = (resolution_id is not null)),
	check ((kind = 'rules_version') = (rules_version_id is not null)),
	check ((state = 'filed') = (decided_at is null)),
	check ((state = 'filed') = (decided_by is null)),
	check ((state = 'returned') = (reason is not null))
) strict;
create index township_filings_village on township_filings(village_id, state, filed_at);
create trigger township_filings_decided_once before update on township_filings
when old.state != 'filed'
begin select raise(abort, 'a filing is decided once'); end;
create trigger township_filings_fixed before update of village_id, kind, resolution_id, rules_version_id, filed_at on township_filings
begin select raise(abort, 'a filing never changes'); end;
create trigger township_filings_no_delete before delete on township_filings
begin select raise(abort, 'a filing never changes'); end;

-- What is referred to the township: an objection its objector referred after the village's answer
-- (异议转乡镇), or a complaint about village affairs (a service case the village referred, 转乡镇).
-- The township answers by its deadline; the answer is posted on the village board (notice_id),
-- without the objector's or complainant's name.
create table township_referrals (
	id integer primary key,
	village_id integer not null references villages(id),
	kind text not null check (kind in ('objection', 'complaint')),
	objection_id integer unique references objections(id),
	service_case_id integer unique references service_cases(id),
	referred_at text not null,
	answer_due text not null,
	answer text check (answer is null or length(answer) between 1 and 2000),
	answered_by integer references users(id),
	answered_at text,
	notice_id integer references notices(id),
	check ((kind = 'objection') = (objection_id is not null)),
	check ((kind = 'complaint') = (service_case_id is not null)),
	check ((answer is null) = (answered_at is null)),
	check ((answer is null) = (answered_by is null))
) strict;
create index township_referrals_village on township_referrals(village_id, answered_at, answer_due);
create trigger township_referrals_fixed before update of village_id, kind, objection_id, service_case_id, referred_at, answer_due on township_referrals
begin select raise(abort, 'a referral never changes'); end;
create trigger township_referrals_answer_once before update of answer, answered_by, answered_at on township_referrals
when old.answered_at is not null
begin select raise(abort, 'an answer is given once'); end;
create trigger township_referrals_no_delete before delete on township_referrals
begin select raise(abort, 'a referral never changes'); end;
alter table notices add column township_referral_id integer references township_referrals(id);

-- A township official invited to a meeting (steps 3–4 of the 4+2 register need one there); when
-- they sign in, the meeting's township guest row carries their login, not a typed name.
create table meeting_township_invitations (
	meeting_id integer not null references meetings(id),
	user_id integer not null references users(id),
	invited_by integer not null references users(id),
	invited_at text not null,
	primary key (meeting_id, user_id)
) strict;
create trigger meeting_township_invitations_fixed before update on meeting_township_invitations
begin select raise(abort, 'an invitation is part of the meeting record'); end;
create trigger meeting_township_invitations_no_delete before delete on meeting_township_invitations
begin select raise(abort, 'an invitation is part of the meeting record'); end;
alter table meeting_guests add column user_id integer references users(id);
create unique index meeting_guests_user on meeting_guests(meeting_id, user_id) where user_id is not null;

-- How each person is best reached (on the roster): online (the app), a phone call from the grid
-- head or clerk (电话), SMS (短信), the village WeChat group (微信群), or the loudspeaker (大喇叭).
alter table people add column preferred_channel text not null default 'online'
	check (preferred_channel in ('online', 'call', 'sms', 'wechat', 'loudspeaker'));

-- The outbox: one message per event someone must act on, one delivery per person and channel.
create table messages (
	id integer primary key,
	village_id integer not null references villages(id),
	kind text not null check (kind in (
		'meeting_called', 'meeting_moved', 'vote_opened', 'topic_answered', 'objection_answered',
		'case_dispatched', 'case_overdue', 'visit_due'
	)),
	-- What the message is about, for its link and to produce it once per event.
	subject_type text not null check (length(subject_type) between 1 and 32),
	subject_id integer not null,
	-- Events of one subject told again (a meeting moved twice) differ by this key.
	event_key text not null default '' check (length(event_key) <= 64),
	title text not null check (length(title) between 1 and 200),
	body text not null check (length(body) between 1 and 2000),
	link text not null default '' check (length(link) <= 300),
	urgent integer not null default 0 check (urgent in (0, 1)),
	created_at text not null,
	unique (village_id, kind, subject_type, subject_id, event_key)
) strict;
create index messages_village on messages(village_id, created_at desc);
create trigger messages_fixed before update on messages
begin select raise(abort, 'a message never changes'); end;
create trigger messages_no_delete before delete on messages
begin select raise(abort, 'a message never changes'); end;

create table message_deliveries (
	id integer primary key,
	message_id integer not null references messages(id),
	person_id integer not null references people(id),
	channel text not null check (channel in ('online', 'call', 'sms', 'wechat', 'loudspeaker')),
	state text not null default 'pending' check (state in ('pending', 'sent', 'delivered', 'done', 'failed')),
	attempts integer not null default 0 check (attempts >= 0),
	last_attempt_at text,
	-- The SMS provider's id for the message, or who ticked a call done.
	provider_ref text check (provider_ref is null or length(provider_ref) <= 100),
	done_by integer references users(id),
	done_at text,
	error text check (error is null or length(error) <= 500),
	unique (message_id, person_id)
) strict;
create index message_deliveries_state on message_deliveries(channel, state);
create index message_deliveries_person on message_deliveries(person_id);
create trigger message_deliveries_fixed before update of message_id, person_id, channel on message_deliveries
begin select raise(abort, 'a delivery keeps its message, person and channel'); end;
create trigger message_deliveries_no_delete before delete on message_deliveries
begin select raise(abort, 'a delivery is part of the outbox record'); end;
`;
