// What the attendees and the recorder add around a meeting (docs/domain.md §5.6): written opinions
// from the attendees' phones, the key the hall screen's rotating sign-in code is made from, and the
// minutes' confirmations, the photo of the signed paper sheet and the corrections appended after
// the close. All are appended, never edited or deleted.
export default /* sql */ `
-- 书面意见: an attendee's written opinion on an agenda item, from their phone.
create table written_opinions (
	id integer primary key,
	agenda_item_id integer not null references agenda_items(id),
	person_id integer not null references people(id),
	text text not null check (length(text) between 1 and 2000),
	created_at text not null
) strict;
create index written_opinions_item on written_opinions(agenda_item_id, id);
create trigger written_opinions_meeting before insert on written_opinions
when (select m.state from agenda_items a join meetings m on m.id = a.meeting_id where a.id = new.agenda_item_id)
	not in ('notified', 'open')
begin select raise(abort, 'written opinions are taken while the meeting is notified or open'); end;
create trigger written_opinions_fixed before update on written_opinions
begin select raise(abort, 'opinions are appended, never edited'); end;
create trigger written_opinions_no_delete before delete on written_opinions
begin select raise(abort, 'opinions are appended, never edited'); end;

-- The secret the hall screen's sign-in code is derived from; one per meeting, made at notice.
create table meeting_checkin_keys (
	meeting_id integer primary key references meetings(id),
	key blob not null check (length(key) = 32)
) strict;
create trigger meeting_checkin_keys_fixed before update on meeting_checkin_keys
begin select raise(abort, 'a sign-in key never changes'); end;

-- Attendees confirm the minutes on their phones once the meeting is closed.
create table minutes_confirmations (
	meeting_id integer not null references meetings(id),
	person_id integer not null references people(id),
	confirmed_at text not null,
	primary key (meeting_id, person_id)
) strict;
create trigger minutes_confirmations_closed before insert on minutes_confirmations
when (select state from meetings where id = new.meeting_id) is not 'closed'
begin select raise(abort, 'the minutes are confirmed once the meeting is closed'); end;
create trigger minutes_confirmations_fixed before update on minutes_confirmations
begin select raise(abort, 'a confirmation never changes'); end;
create trigger minutes_confirmations_no_delete before delete on minutes_confirmations
begin select raise(abort, 'a confirmation never changes'); end;

-- The clerk attests a photo of the paper sheet the attendees signed.
create table minutes_attestations (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	kind text not null check (kind in ('image', 'pdf')),
	stored_name text not null unique,
	original_name text not null,
	mime text not null,
	size integer not null check (size > 0),
	attested_by integer not null references users(id),
	created_at text not null
) strict;
create trigger minutes_attestations_closed before insert on minutes_attestations
when (select state from meetings where id = new.meeting_id) is not 'closed'
begin select raise(abort, 'the signed sheet is attached once the meeting is closed'); end;
create trigger minutes_attestations_fixed before update on minutes_attestations
begin select raise(abort, 'an attestation never changes'); end;
create trigger minutes_attestations_no_delete before delete on minutes_attestations
begin select raise(abort, 'an attestation never changes'); end;

-- Corrections after the close: who, when, why; the frozen record itself never changes.
create table minutes_corrections (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	text text not null check (length(text) between 1 and 5000),
	reason text not null check (length(reason) between 1 and 500),
	created_by integer not null references users(id),
	created_at text not null
) strict;
create trigger minutes_corrections_closed before insert on minutes_corrections
when (select state from meetings where id = new.meeting_id) is not 'closed'
begin select raise(abort, 'corrections are appended after the close'); end;
create trigger minutes_corrections_fixed before update on minutes_corrections
begin select raise(abort, 'a correction is appended, never edited'); end;
create trigger minutes_corrections_no_delete before delete on minutes_corrections
begin select raise(abort, 'a correction is appended, never edited'); end;
`;
