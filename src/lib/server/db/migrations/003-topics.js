// Topics (议题): intake, co-signing (附议), opinions, triage (受理), and Chinese full-text search.
export default /* sql */ `
create table topics (
	id integer primary key,
	village_id integer not null references villages(id),
	-- Tracking number per village and year without gaps, e.g. XY-2026-0007
	number text not null,
	year integer not null,
	seq integer not null,
	title text not null check (length(title) between 1 and 80),
	description text not null check (length(description) <= 5000),
	category text not null check (category in (
		'development', 'ecology', 'talent', 'livelihood', 'village_rules', 'culture', 'dispute', 'other'
	)),
	place text not null default '' check (length(place) <= 100),
	affected text not null default '' check (length(affected) <= 200),
	estimated_cost_fen integer check (estimated_cost_fen is null or estimated_cost_fen between 0 and 100000000000),
	funding text not null default '' check (length(funding) <= 300),
	state text not null check (state in (
		'draft', 'submitted', 'consultation', 'four_plus_two', 'direct', 'merged', 'not_accepted', 'withdrawn', 'completed'
	)),
	channel text not null check (channel in (
		'online', 'grid_point', 'household_visit', 'phone', 'hall_window', 'representative', 'cadre', 'higher_authority'
	)),
	-- The villager the topic is for; the filer when someone files on their behalf.
	proposer_person_id integer references people(id),
	filed_by_user_id integer not null references users(id),
	consent_kind text check (consent_kind in ('signed_note', 'read_back')),
	consent_at text,
	proposer_confirmed_at text,
	-- Matters of Organic Law art. 24: only the 4+2 procedure may decide them.
	major integer not null default 0 check (major in (0, 1)),
	art24_items text not null default '[]' check (json_valid(art24_items)),
	submitted_at text,
	triage_due text,
	triaged_at text,
	triaged_by integer references users(id),
	triage_reason text,
	merged_into integer references topics(id),
	-- What was done, when a directly handled case is closed (办结)
	outcome text check (outcome is null or length(outcome) <= 2000),
	closed_at text,
	created_at text not null,
	updated_at text not null,
	unique (village_id, number),
	unique (village_id, year, seq)
) strict;
create index topics_village_state on topics(village_id, state, id);
create index topics_proposer on topics(proposer_person_id);
create index topics_filer on topics(filed_by_user_id);
create index topics_village_submitted on topics(village_id, submitted_at);

create table topic_attachments (
	id integer primary key,
	topic_id integer not null references topics(id),
	kind text not null check (kind in ('image', 'pdf')),
	-- What the filing grid head photographed as the villager's consent (signed or thumb-printed note)
	purpose text not null default 'material' check (purpose in ('material', 'consent')),
	stored_name text not null unique,
	original_name text not null,
	mime text not null,
	size integer not null,
	uploaded_by integer not null references users(id),
	created_at text not null
) strict;
create index topic_attachments_topic on topic_attachments(topic_id);

-- One co-signature per person per topic: a second one is refused by the database itself.
create table topic_cosigns (
	topic_id integer not null references topics(id),
	person_id integer not null references people(id),
	user_id integer not null references users(id),
	created_at text not null,
	primary key (topic_id, person_id)
) strict;

-- A statutory threshold reached by co-signatures: what the committee must now convene.
create table topic_obligations (
	topic_id integer not null references topics(id),
	kind text not null check (kind in ('villagers_meeting', 'reps_meeting')),
	reached_on text not null,
	basis text not null check (json_valid(basis)),
	primary key (topic_id, kind)
) strict;

create table topic_opinions (
	id integer primary key,
	topic_id integer not null references topics(id),
	person_id integer references people(id),
	author_name text not null,
	filed_by_user_id integer not null references users(id),
	channel text not null check (channel in ('online', 'grid_point', 'household_visit', 'phone', 'hall_window')),
	body text not null check (length(body) between 1 and 500),
	created_at text not null,
	-- Hidden opinions stay in the archive with who hid them and why.
	hidden_at text,
	hidden_by integer references users(id),
	hidden_reason text
) strict;
create index topic_opinions_topic on topic_opinions(topic_id, id);

create virtual table topics_fts using fts5(number, title, description, place, content='topics', content_rowid='id', tokenize='trigram');
create trigger topics_fts_insert after insert on topics begin
	insert into topics_fts(rowid, number, title, description, place) values (new.id, new.number, new.title, new.description, new.place);
end;
create trigger topics_fts_delete after delete on topics begin
	insert into topics_fts(topics_fts, rowid, number, title, description, place) values ('delete', old.id, old.number, old.title, old.description, old.place);
end;
create trigger topics_fts_update after update of number, title, description, place on topics begin
	insert into topics_fts(topics_fts, rowid, number, title, description, place) values ('delete', old.id, old.number, old.title, old.description, old.place);
	insert into topics_fts(rowid, number, title, description, place) values (new.id, new.number, new.title, new.description, new.place);
end;
`;
