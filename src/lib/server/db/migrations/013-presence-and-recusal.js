// Presence fixed when a motion's vote is taken (docs/domain.md §7.7), so a later departure changes
// nothing, and recusal (回避, §7.8): a member with an interest in a motion does not vote on it.
export default /* sql */ `
-- When presence was fixed: at opening for online voting, at the first count otherwise.
alter table motions add column presence_fixed_at text;

-- 实到 of one motion: the voting members in the hall when its vote was taken.
create table motion_presence (
	motion_id integer not null references motions(id),
	person_id integer not null references people(id),
	primary key (motion_id, person_id)
) strict, without rowid;
create trigger motion_presence_open before insert on motion_presence
when (select state from motions where id = new.motion_id) is not 'open'
begin select raise(abort, 'presence is fixed while the motion is open'); end;
create trigger motion_presence_fixed before update on motion_presence
begin select raise(abort, 'presence at a vote never changes'); end;
create trigger motion_presence_no_delete before delete on motion_presence
begin select raise(abort, 'presence at a vote never changes'); end;

create table motion_recusals (
	motion_id integer not null references motions(id),
	person_id integer not null references people(id),
	reason text not null check (length(reason) between 1 and 200),
	-- The close relative whose interest it is, when not the member's own (组织法 2026 第八条).
	relative_id integer references people(id),
	-- 'self': the member declared it on their phone; 'staff': the clerk marked it.
	declared_by text not null check (declared_by in ('self', 'staff')),
	marked_by integer not null references users(id),
	marked_at text not null,
	primary key (motion_id, person_id)
) strict;
create trigger motion_recusals_before_close before insert on motion_recusals
when (select state from motions where id = new.motion_id) not in ('draft', 'open')
begin select raise(abort, 'a recusal is marked before the motion closes'); end;
create trigger motion_recusals_fixed before update on motion_recusals
begin select raise(abort, 'a recusal never changes'); end;
create trigger motion_recusals_no_delete before delete on motion_recusals
begin select raise(abort, 'a recusal never changes'); end;

-- A ballot only from someone present when the vote was taken, never from a recused member. (A
-- motion not open is refused by ballot_receipts_open, whichever trigger runs first.)
create trigger ballot_receipts_present before insert on ballot_receipts
when (select state from motions where id = new.motion_id) = 'open' and not exists (select 1 from motion_presence where motion_id = new.motion_id and person_id = new.person_id)
begin select raise(abort, 'the voter was not present when the vote was taken'); end;
create trigger ballot_receipts_not_recused before insert on ballot_receipts
when exists (select 1 from motion_recusals where motion_id = new.motion_id and person_id = new.person_id)
begin select raise(abort, 'a recused member does not vote on the motion'); end;

-- Motions open during the upgrade: those present now, and everyone who already voted, as the
-- close counted them before.
insert into motion_presence (motion_id, person_id)
select mo.id, r.person_id from motions mo join meeting_roster r on r.meeting_id = mo.meeting_id
where mo.state = 'open' and r.voting = 1 and (
	(r.signed_in_at is not null and r.left_at is null)
	or exists (select 1 from ballot_receipts b where b.motion_id = mo.id and b.person_id = r.person_id));
update motions set presence_fixed_at = opened_at where state = 'open';
`;
