// The village roster (村民花名册): groups, grids, households, people, and roles held for a term.
export default /* sql */ `
create table village_groups (
	id integer primary key,
	village_id integer not null references villages(id),
	name text not null check (length(name) between 1 and 32),
	unique (village_id, name)
) strict;

create table grids (
	id integer primary key,
	village_id integer not null references villages(id),
	name text not null check (length(name) between 1 and 32),
	unique (village_id, name)
) strict;

create table households (
	id integer primary key,
	village_id integer not null references villages(id),
	-- 户号 as the clerk keeps it, or 'head:<name>' when the sheet has only the head's name
	household_key text not null check (length(household_key) between 1 and 64),
	address text not null default '',
	group_id integer references village_groups(id),
	grid_id integer references grids(id),
	unique (village_id, household_key)
) strict;
create index households_grid on households(grid_id);
create index households_group on households(group_id);

create table people (
	id integer primary key,
	village_id integer not null references villages(id),
	household_id integer not null references households(id),
	name text not null check (length(name) between 1 and 32),
	-- Pinyin initials of the name, for searching with a Latin keyboard (王丽 → wl)
	name_initials text not null default '',
	gender text not null check (gender in ('m', 'f')),
	birth_date text not null check (birth_date glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	-- Only the last 4 characters of the resident ID number, to tell namesakes apart (PIPL).
	id_last4 text check (id_last4 is null or length(id_last4) = 4),
	phone text,
	relation text not null default '',
	is_head integer not null default 0 check (is_head in (0, 1)),
	status text not null default 'resident' check (status in ('resident', 'moved_out', 'deceased')),
	-- The day the person moved out or died: they count before it, not from it on.
	status_date text check ((status = 'resident') = (status_date is null)),
	created_at text not null
) strict;
create index people_village_name on people(village_id, name);
create index people_household on people(household_id);
create index people_initials on people(village_id, name_initials);

create table roles (
	id integer primary key,
	village_id integer not null references villages(id),
	person_id integer not null references people(id),
	role text not null check (role in (
		'household_rep', 'village_rep', 'party_member', 'branch_committee', 'villagers_committee',
		'branch_secretary', 'supervision_committee', 'grid_head', 'clerk'
	)),
	start_date text not null,
	end_date text check (end_date is null or end_date >= start_date),
	-- party members: the day a probationary member (预备党员) became full; null while probationary
	full_since text,
	-- villagers' committee: the chair (村委会主任)
	is_chair integer not null default 0 check (is_chair in (0, 1)),
	-- grid heads: the grid they head
	grid_id integer references grids(id),
	check ((role = 'grid_head') = (grid_id is not null)),
	check (role = 'party_member' or full_since is null),
	check (role = 'villagers_committee' or is_chair = 0)
) strict;
create index roles_village_role on roles(village_id, role, start_date);
create index roles_person on roles(person_id);

-- The households a village representative represents (one per 5–15 households).
create table represented_households (
	role_id integer not null references roles(id),
	household_id integer not null references households(id),
	primary key (role_id, household_id)
) strict;

alter table users add column person_id integer references people(id);
create unique index users_person on users(person_id) where person_id is not null;

create table roster_imports (
	id integer primary key,
	village_id integer not null references villages(id),
	created_by integer not null references users(id),
	file_name text not null,
	file_sha256 text not null,
	-- The validated rows as JSON, kept between preview and confirmation; never the full ID number.
	rows text not null check (json_valid(rows)),
	status text not null default 'previewed' check (status in ('previewed', 'applied', 'discarded')),
	created_at text not null,
	applied_at text
) strict;
`;
