// Meetings (会议) and votes (表决), docs/domain.md §5–§7: the frozen roster, sign-in, guests,
// agenda, speeches, motions and ballots. The database itself enforces what must never be broken:
// one ballot per person per motion across every channel, no ballot outside an open motion, and a
// closed motion or meeting never changes.
export default /* sql */ `
create table meetings (
	id integer primary key,
	village_id integer not null references villages(id),
	type text not null check (type in (
		'branch_committee', 'two_committees', 'party_assembly', 'reps_meeting', 'villagers_meeting',
		'group_meeting', 'consultation', 'urgent_coordination', 'collective_members'
	)),
	title text not null check (length(title) between 1 and 100),
	place text not null default '湖边议事厅' check (length(place) between 1 and 100),
	meeting_date text not null check (meeting_date glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	starts_at text not null default '' check (starts_at = '' or starts_at glob '[0-2][0-9]:[0-5][0-9]'),
	-- 村民小组会议: the group whose adults and households sit in it
	group_id integer references village_groups(id),
	chair_person_id integer references people(id),
	recorder_person_id integer references people(id),
	state text not null default 'draft' check (state in ('draft', 'notified', 'open', 'closed')),
	notice_date text,
	-- The rule set and the meeting type's rule as they stood when the meeting was called.
	rule_set_id text not null,
	rule_json text not null check (json_valid(rule_json)),
	-- Households of the voting roster, frozen at notice: the household basis of the quorum.
	households_total integer,
	opened_at text,
	closed_at text,
	-- The audit head printed in the minutes at close (docs/domain.md §9.1).
	audit_head_id integer,
	audit_head_hash text,
	minutes text not null default '' check (length(minutes) <= 20000),
	created_by integer not null references users(id),
	created_at text not null,
	check ((type = 'group_meeting') = (group_id is not null)),
	check (state = 'draft' or notice_date is not null),
	check ((state = 'closed') = (closed_at is not null and audit_head_hash is not null))
) strict;
create index meetings_village on meetings(village_id, meeting_date);

create trigger meetings_state_order before update of state on meetings
when not (old.state = new.state
	or (old.state = 'draft' and new.state = 'notified')
	or (old.state = 'notified' and new.state = 'open')
	or (old.state = 'open' and new.state = 'closed'))
begin select raise(abort, 'meeting state goes draft → notified → open → closed'); end;
create trigger meetings_closed_frozen before update on meetings when old.state = 'closed'
begin select raise(abort, 'a closed meeting never changes'); end;
create trigger meetings_no_delete before delete on meetings
begin select raise(abort, 'meetings are never deleted'); end;

-- 应到: frozen when the meeting is notified.
create table meeting_roster (
	meeting_id integer not null references meetings(id),
	person_id integer not null references people(id),
	-- 0: attends without a vote (预备党员, the parties of a consultation)
	voting integer not null check (voting in (0, 1)),
	-- The roster kinds the person sits by, e.g. ["village_rep","villagers_committee"]
	kinds text not null default '[]' check (json_valid(kinds)),
	household_id integer references households(id),
	signed_in_at text,
	signed_in_by integer references users(id),
	left_at text,
	left_marked_by integer references users(id),
	primary key (meeting_id, person_id),
	check (left_at is null or signed_in_at is not null)
) strict;

create trigger meeting_roster_frozen before insert on meeting_roster
when (select state from meetings where id = new.meeting_id) is not 'draft'
begin select raise(abort, 'the roster is frozen once the meeting is notified'); end;
create trigger meeting_roster_fixed before update of meeting_id, person_id, voting, kinds, household_id on meeting_roster
begin select raise(abort, 'the roster is frozen once the meeting is notified'); end;
create trigger meeting_roster_attendance before update of signed_in_at, signed_in_by, left_at, left_marked_by on meeting_roster
when (select state from meetings where id = new.meeting_id) not in ('notified', 'open')
begin select raise(abort, 'attendance changes only while the meeting is notified or open'); end;
create trigger meeting_roster_no_delete before delete on meeting_roster
begin select raise(abort, 'the roster is never deleted'); end;

-- 列席 observers and the township attendee: by name, never voting.
create table meeting_guests (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	kind text not null check (kind in ('observer', 'township')),
	name text not null check (length(name) between 1 and 32),
	position text not null default '' check (length(position) <= 64),
	added_by integer not null references users(id),
	created_at text not null
) strict;
create trigger meeting_guests_closed before insert on meeting_guests
when (select state from meetings where id = new.meeting_id) = 'closed'
begin select raise(abort, 'a closed meeting never changes'); end;
create trigger meeting_guests_fixed before update on meeting_guests
begin select raise(abort, 'guests are appended, never edited'); end;
create trigger meeting_guests_no_delete before delete on meeting_guests
begin select raise(abort, 'guests are appended, never edited'); end;

create table agenda_items (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	position integer not null check (position >= 1),
	topic_id integer references topics(id),
	title text not null check (length(title) between 1 and 100),
	materials text not null default '' check (length(materials) <= 20000),
	unique (meeting_id, position)
) strict;
-- The notice carries the agenda: it is fixed once the meeting is notified.
create trigger agenda_items_draft_insert before insert on agenda_items
when (select state from meetings where id = new.meeting_id) is not 'draft'
begin select raise(abort, 'the agenda is fixed once the meeting is notified'); end;
create trigger agenda_items_draft_update before update on agenda_items
when (select state from meetings where id = old.meeting_id) is not 'draft'
begin select raise(abort, 'the agenda is fixed once the meeting is notified'); end;
create trigger agenda_items_no_delete before delete on agenda_items
when (select state from meetings where id = old.meeting_id) is not 'draft'
begin select raise(abort, 'the agenda is fixed once the meeting is notified'); end;

-- 发言摘要: who spoke and what they said.
create table speeches (
	id integer primary key,
	agenda_item_id integer not null references agenda_items(id),
	person_id integer references people(id),
	speaker_name text not null check (length(speaker_name) between 1 and 32),
	summary text not null check (length(summary) between 1 and 2000),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create trigger speeches_open before insert on speeches
when (select m.state from agenda_items a join meetings m on m.id = a.meeting_id where a.id = new.agenda_item_id) is not 'open'
begin select raise(abort, 'speeches are recorded while the meeting is open'); end;
create trigger speeches_fixed before update on speeches
begin select raise(abort, 'speeches are appended, never edited'); end;
create trigger speeches_no_delete before delete on speeches
begin select raise(abort, 'speeches are appended, never edited'); end;

create table motions (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	agenda_item_id integer not null references agenda_items(id),
	text text not null check (length(text) between 1 and 2000),
	method text not null check (method in ('hands', 'roll_call', 'named', 'secret')),
	state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
	quorum_at_open text check (quorum_at_open is null or json_valid(quorum_at_open)),
	quorum_at_close text check (quorum_at_close is null or json_valid(quorum_at_close)),
	pass_evaluation text check (pass_evaluation is null or json_valid(pass_evaluation)),
	result text check (result in ('passed', 'failed', 'no_quorum')),
	-- The tally: entered by the clerk for a show of hands, computed from ballots at close otherwise.
	yes integer check (yes >= 0),
	no integer check (no >= 0),
	abstain integer check (abstain >= 0),
	-- 计票人 / 监票人 of paper secret ballots
	counter_name text check (counter_name is null or length(counter_name) between 1 and 32),
	scrutineer_name text check (scrutineer_name is null or length(scrutineer_name) between 1 and 32),
	created_by integer not null references users(id),
	created_at text not null,
	opened_at text,
	closed_at text,
	check ((state = 'draft') = (opened_at is null)),
	check ((state = 'closed') = (closed_at is not null and result is not null and quorum_at_close is not null))
) strict;
create index motions_meeting on motions(meeting_id, id);

create trigger motions_state_order before update of state on motions
when not (old.state = new.state
	or (old.state = 'draft' and new.state = 'open')
	or (old.state = 'open' and new.state = 'closed'))
begin select raise(abort, 'motion state goes draft → open → closed'); end;
create trigger motions_closed_frozen before update on motions when old.state = 'closed'
begin select raise(abort, 'a closed motion never changes'); end;
create trigger motions_tally_open before update of yes, no, abstain, counter_name, scrutineer_name on motions
when old.state is not 'open'
begin select raise(abort, 'the motion is not open'); end;
create trigger motions_no_delete before delete on motions
begin select raise(abort, 'motions are never deleted'); end;

-- Who voted (never how): one row per person per motion, across every channel.
create table ballot_receipts (
	motion_id integer not null references motions(id),
	person_id integer not null references people(id),
	channel text not null check (channel in ('online', 'paper', 'clerk')),
	primary key (motion_id, person_id)
) strict;
-- Named and roll-call ballots: the choice stands with the person.
create table named_choices (
	motion_id integer not null,
	person_id integer not null,
	choice text not null check (choice in ('yes', 'no', 'abstain')),
	primary key (motion_id, person_id),
	foreign key (motion_id, person_id) references ballot_receipts(motion_id, person_id)
) strict;
-- Secret ballots: only per-choice counters, so no row, time or order links a choice to a voter.
create table secret_tallies (
	motion_id integer not null references motions(id),
	choice text not null check (choice in ('yes', 'no', 'abstain')),
	count integer not null default 0 check (count >= 0),
	primary key (motion_id, choice)
) without rowid, strict;

create trigger ballot_receipts_open before insert on ballot_receipts
when (select state from motions where id = new.motion_id) is not 'open'
begin select raise(abort, 'the motion is not open'); end;
create trigger ballot_receipts_fixed before update on ballot_receipts
begin select raise(abort, 'a ballot never changes'); end;
create trigger ballot_receipts_no_delete before delete on ballot_receipts
begin select raise(abort, 'a ballot never changes'); end;

create trigger named_choices_open before insert on named_choices
when (select state from motions where id = new.motion_id) is not 'open'
	or (select method from motions where id = new.motion_id) not in ('roll_call', 'named')
begin select raise(abort, 'the motion is not open to named ballots'); end;
create trigger named_choices_fixed before update on named_choices
begin select raise(abort, 'a ballot never changes'); end;
create trigger named_choices_no_delete before delete on named_choices
begin select raise(abort, 'a ballot never changes'); end;

create trigger secret_tallies_open_insert before insert on secret_tallies
when (select state from motions where id = new.motion_id) is not 'open'
	or (select method from motions where id = new.motion_id) is not 'secret'
begin select raise(abort, 'the motion is not open to secret ballots'); end;
create trigger secret_tallies_open_update before update on secret_tallies
when (select state from motions where id = old.motion_id) is not 'open'
	or new.motion_id != old.motion_id or new.choice != old.choice or new.count < old.count
begin select raise(abort, 'the motion is not open to secret ballots'); end;
create trigger secret_tallies_no_delete before delete on secret_tallies
begin select raise(abort, 'a ballot never changes'); end;
`;
