// The speakers' queue (issue 15 item 9): the agenda item under discussion and the time each
// speaker gets are the meeting's; each request for the floor is a row that goes waiting →
// speaking → done (or withdrawn, removed, lapsed at the close). The database keeps one open
// request per person and item, one speaker at a time, and nothing of it changes after the close.
export default /* sql */ `
alter table meetings add column current_item_id integer references agenda_items(id);
alter table meetings add column speaker_limit_seconds integer not null default 180
	check (speaker_limit_seconds between 30 and 3600);

create trigger meetings_current_item_own before update of current_item_id on meetings
when new.current_item_id is not null and not exists (
	select 1 from agenda_items where id = new.current_item_id and meeting_id = old.id)
begin select raise(abort, 'the item under discussion is one of the meeting''s own'); end;
create trigger meetings_closed_queue_frozen before update of current_item_id, speaker_limit_seconds
on meetings when old.state = 'closed' and (new.current_item_id is not old.current_item_id
	or new.speaker_limit_seconds is not old.speaker_limit_seconds)
begin select raise(abort, 'a closed meeting never changes'); end;

create table speaker_requests (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	agenda_item_id integer not null references agenda_items(id),
	person_id integer not null references people(id),
	requested_by text not null check (requested_by in ('self', 'clerk')),
	requested_at text not null,
	state text not null default 'waiting'
		check (state in ('waiting', 'speaking', 'done', 'withdrawn', 'removed', 'lapsed')),
	started_at text,
	ended_at text,
	-- The limit in force when the speaker began, so a later change of the default rewrites nothing.
	limit_seconds integer check (limit_seconds between 30 and 3600),
	summary text not null default '' check (length(summary) <= 200 and instr(summary, char(10)) = 0),
	check ((state in ('speaking', 'done')) = (started_at is not null and limit_seconds is not null)),
	check ((state = 'done') = (ended_at is not null))
) strict;
create index speaker_requests_item on speaker_requests(agenda_item_id, state, requested_at);
create unique index speaker_requests_one_open on speaker_requests(agenda_item_id, person_id)
	where state in ('waiting', 'speaking');
create unique index speaker_requests_one_speaker on speaker_requests(meeting_id)
	where state = 'speaking';

create trigger speaker_requests_item_of_meeting before insert on speaker_requests
when not exists (select 1 from agenda_items where id = new.agenda_item_id and meeting_id = new.meeting_id)
begin select raise(abort, 'a request for the floor is on an item of its meeting'); end;
create trigger speaker_requests_open before insert on speaker_requests
when (select state from meetings where id = new.meeting_id) is not 'open'
begin select raise(abort, 'the floor is asked for while the meeting is open'); end;
create trigger speaker_requests_fixed before update on speaker_requests
when (select state from meetings where id = old.meeting_id) is not 'open'
	or old.state not in ('waiting', 'speaking')
	or new.id is not old.id or new.meeting_id is not old.meeting_id
	or new.agenda_item_id is not old.agenda_item_id or new.person_id is not old.person_id
	or new.requested_by is not old.requested_by or new.requested_at is not old.requested_at
begin select raise(abort, 'a finished request for the floor never changes'); end;
create trigger speaker_requests_no_delete before delete on speaker_requests
begin select raise(abort, 'requests for the floor are never deleted'); end;
`;
