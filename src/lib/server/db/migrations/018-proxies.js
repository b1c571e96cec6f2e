// Proxies all the way (issue 16): the villager without a phone confirms or withdraws a topic filed
// for them by having its text read back, recorded by the proxy like the consent at filing; and
// each person may ask to be told through a named person (their grid head, a party member).
export default /* sql */ `
create table topic_read_backs (
	id integer primary key,
	-- One per topic: the villager's answer, once given, is the topic's record.
	topic_id integer not null unique references topics(id),
	outcome text not null check (outcome in ('confirmed', 'withdrawn')),
	-- When the text was read back to the villager, and who read it (the login that records it).
	read_back_at text not null,
	read_by_user_id integer not null references users(id),
	recorded_at text not null,
	check (read_back_at <= recorded_at)
) strict;

create trigger topic_read_backs_fixed before update on topic_read_backs
begin select raise(abort, 'a read-back is part of the topic record'); end;
create trigger topic_read_backs_no_delete before delete on topic_read_backs
begin select raise(abort, 'a read-back is part of the topic record'); end;

create table notify_preferences (
	person_id integer primary key references people(id),
	village_id integer not null references villages(id),
	via text not null check (via in ('online', 'person')),
	via_person_id integer references people(id),
	updated_at text not null,
	check ((via = 'person') = (via_person_id is not null)),
	check (via_person_id is not person_id)
) strict;
`;
