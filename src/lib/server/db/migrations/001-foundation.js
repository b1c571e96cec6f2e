// Villages, accounts, sessions, activation codes and the append-only audit chain.
export default /* sql */ `
create table villages (
	id integer primary key,
	slug text not null unique check (length(slug) between 2 and 32 and slug not glob '*[^a-z0-9-]*' and slug glob '[a-z]*'),
	name text not null check (length(name) between 1 and 64),
	township text not null default '',
	district text not null default '',
	city text not null default '',
	province text not null default '',
	-- 一肩挑: the branch secretary also chairs the villagers' committee
	one_shoulder integer not null default 0 check (one_shoulder in (0, 1)),
	settings text not null default '{}' check (json_valid(settings)),
	created_at text not null
) strict;

create table users (
	id integer primary key,
	village_id integer references villages(id),
	role text not null check (role in ('admin', 'clerk', 'secretary', 'villager')),
	name text not null check (length(name) between 1 and 64),
	phone text not null unique check (length(phone) between 5 and 20),
	password_hash text,
	disabled_at text,
	created_at text not null,
	-- A system administrator belongs to no village; everyone else to exactly one.
	check ((role = 'admin') = (village_id is null))
) strict;
create index users_village on users(village_id);

create table sessions (
	-- SHA-256 of the secret token, hex; the token itself is never stored.
	id text primary key,
	user_id integer not null references users(id) on delete cascade,
	expires_at integer not null,
	created_at integer not null
) strict;
create index sessions_user on sessions(user_id);

create table activation_codes (
	id integer primary key,
	user_id integer not null references users(id) on delete cascade,
	code_hash text not null unique,
	expires_at integer not null,
	used_at integer,
	created_by integer references users(id),
	created_at integer not null
) strict;
create index activation_codes_user on activation_codes(user_id);

create table audit (
	id integer primary key autoincrement,
	at text not null,
	village_id integer,
	actor_id integer,
	action text not null,
	subject_type text not null,
	subject_id text,
	before text check (before is null or json_valid(before)),
	after text check (after is null or json_valid(after)),
	prev_hash text not null,
	hash text not null unique
) strict;
create index audit_subject on audit(subject_type, subject_id);
create index audit_village on audit(village_id, id);

create trigger audit_no_update before update on audit
begin select raise(abort, 'audit entries are append-only'); end;
create trigger audit_no_delete before delete on audit
begin select raise(abort, 'audit entries are append-only'); end;
`;
