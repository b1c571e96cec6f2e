// Written entrustments (书面委托) for a collective members' meeting (集体经济组织法 第二十七条): a
// member who cannot attend names a fellow member of their household to attend and vote for them.
// Recorded per meeting by the clerk; kept as the meeting's record, so never changed or deleted.
export default /* sql */ `
create table meeting_entrustments (
	id integer primary key,
	meeting_id integer not null references meetings(id),
	principal_id integer not null references people(id),
	proxy_id integer not null references people(id),
	-- The household both belong to: one proxy per household per meeting is checked against it.
	household_id integer not null references households(id),
	-- The date written on the signed entrustment, and the clerk's note (where the paper is kept).
	entrusted_on text not null,
	note text not null default '',
	recorded_by integer references users(id),
	created_at text not null,
	unique (meeting_id, principal_id),
	check (principal_id <> proxy_id)
) strict;
create index meeting_entrustments_proxy on meeting_entrustments(meeting_id, proxy_id);

create trigger meeting_entrustments_while_live before insert on meeting_entrustments
when (select state from meetings where id = new.meeting_id) not in ('notified', 'open')
begin select raise(abort, 'entrustments are recorded only while the meeting is notified or open'); end;
create trigger meeting_entrustments_fixed before update on meeting_entrustments
begin select raise(abort, 'an entrustment is part of the meeting record'); end;
create trigger meeting_entrustments_no_delete before delete on meeting_entrustments
begin select raise(abort, 'an entrustment is part of the meeting record'); end;
`;
