// Close relatives between roster people (民法典 第一千零四十五条), for the supervision body's
// conflict check (组织法 2026 第三十七条) and recusal; and the members of the village's collective
// economic organisation (集体经济组织法), whose members' meeting has its own roster.
export default /* sql */ `
create table person_relations (
	village_id integer not null references villages(id),
	-- 'parent' and 'grandparent' read "person is the parent (grandparent) of relative"; 'spouse'
	-- and 'sibling' are stored once, with the lower id as person.
	person_id integer not null references people(id),
	relative_id integer not null references people(id),
	kind text not null check (kind in ('spouse', 'parent', 'sibling', 'grandparent')),
	recorded_by integer references users(id),
	created_at text not null,
	primary key (person_id, relative_id),
	check (person_id <> relative_id),
	check (kind in ('parent', 'grandparent') or person_id < relative_id)
) strict, without rowid;
create index person_relations_relative on person_relations(relative_id);

create table collective_members (
	id integer primary key,
	village_id integer not null references villages(id),
	person_id integer not null references people(id),
	-- The day membership was confirmed (成员身份确认) and, once it ends, the day it ended.
	since text not null,
	until text check (until is null or until >= since),
	recorded_by integer references users(id),
	created_at text not null
) strict;
create index collective_members_village on collective_members(village_id, since);
create index collective_members_person on collective_members(person_id);
`;
