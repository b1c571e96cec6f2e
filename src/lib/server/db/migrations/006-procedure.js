// The 4+2 procedure and resolutions (docs/domain.md §4, §8): the steps of each matter as appended
// events, the villagers' meeting's authorisations of the representatives' meeting, and resolutions
// numbered per village and year without gaps. None is ever edited or deleted.
export default /* sql */ `
create table procedure_events (
	id integer primary key,
	topic_id integer not null references topics(id),
	kind text not null check (kind in ('steps', 'sent_back', 'ended', 'archived')),
	steps text not null default '[]' check (json_valid(steps)),
	motion_id integer references motions(id),
	reason text not null default '' check (length(reason) <= 500),
	recorded_by integer not null references users(id),
	created_at text not null,
	check ((kind = 'steps') = (json_array_length(steps) between 1 and 2)),
	check (kind not in ('sent_back', 'ended') or length(reason) >= 1)
) strict;
create index procedure_events_topic on procedure_events(topic_id, id);
-- A motion moves a matter once.
create unique index procedure_events_motion on procedure_events(topic_id, motion_id) where motion_id is not null;
create trigger procedure_events_fixed before update on procedure_events
begin select raise(abort, 'procedure events are appended, never edited'); end;
create trigger procedure_events_no_delete before delete on procedure_events
begin select raise(abort, 'procedure events are appended, never edited'); end;

-- 授权: a villagers' meeting lets the representatives' meeting decide kinds of matters for a period.
create table reps_authorizations (
	id integer primary key,
	village_id integer not null references villages(id),
	motion_id integer not null unique references motions(id),
	categories text not null check (json_valid(categories)),
	art24_items text not null check (json_valid(art24_items)),
	valid_from text not null,
	valid_to text not null,
	created_by integer not null references users(id),
	created_at text not null,
	check (valid_from <= valid_to),
	check (json_array_length(categories) + json_array_length(art24_items) >= 1)
) strict;
create trigger reps_authorizations_fixed before update on reps_authorizations
begin select raise(abort, 'an authorisation is recorded, never edited'); end;
create trigger reps_authorizations_no_delete before delete on reps_authorizations
begin select raise(abort, 'an authorisation is recorded, never edited'); end;

-- 决议, e.g. 新阳村决〔2026〕3号.
create table resolutions (
	id integer primary key,
	village_id integer not null references villages(id),
	year integer not null,
	seq integer not null check (seq >= 1),
	number text not null unique,
	motion_id integer not null unique references motions(id),
	meeting_id integer not null references meetings(id),
	topic_id integer references topics(id),
	text text not null check (length(text) between 1 and 2000),
	adopted_on text not null,
	-- The audit chain's head when the resolution was adopted (docs/domain.md §9.1).
	audit_head_hash text not null,
	created_at text not null,
	unique (village_id, year, seq)
) strict;
create index resolutions_village on resolutions(village_id, year desc, seq desc);
create trigger resolutions_no_gap before insert on resolutions
when new.seq != coalesce((select max(seq) from resolutions where village_id = new.village_id and year = new.year), 0) + 1
begin select raise(abort, 'resolution numbers run without gaps'); end;
create trigger resolutions_fixed before update on resolutions
begin select raise(abort, 'a resolution never changes'); end;
create trigger resolutions_no_delete before delete on resolutions
begin select raise(abort, 'a resolution never changes'); end;

-- Corrections point back to the resolution; the resolution itself stays as adopted.
create table resolution_corrections (
	id integer primary key,
	resolution_id integer not null references resolutions(id),
	text text not null check (length(text) between 1 and 5000),
	reason text not null check (length(reason) between 1 and 500),
	created_by integer not null references users(id),
	created_at text not null
) strict;
create trigger resolution_corrections_fixed before update on resolution_corrections
begin select raise(abort, 'a correction is appended, never edited'); end;
create trigger resolution_corrections_no_delete before delete on resolution_corrections
begin select raise(abort, 'a correction is appended, never edited'); end;
`;
