// Cheaper cold renders of the signed-in pages (issue 20), each measured on the benchmark township.
//
// A phone ballot's time beside its receipt: the vote page showed it by searching the
// motion's audit entries with json_extract for each ballot. The audit entry stays the legal
// record; this copy is written in the same transaction. The receipt itself keeps no time
// (docs/security-tests.md), and this table is no more than the audit already holds beside the
// voter: who, which motion, when, never the choice. Ballots the clerk enters have no row, as the
// page showed none before.
export default /* sql */ `
create table ballot_times (
	motion_id integer not null,
	person_id integer not null,
	cast_at text not null,
	-- Written in the transaction of its receipt (motion, person), like the named choice; no foreign
	-- key, so the crash checks can still tear a receipt away to prove they notice.
	primary key (motion_id, person_id)
) strict, without rowid;
create trigger ballot_times_fixed before update on ballot_times
begin select raise(abort, 'a ballot never changes'); end;
create trigger ballot_times_no_delete before delete on ballot_times
begin select raise(abort, 'a ballot never changes'); end;

insert into ballot_times (motion_id, person_id, cast_at)
select b.motion_id, b.person_id, min(a.at)
from audit a
join ballot_receipts b
  on b.motion_id = cast(a.subject_id as integer)
 and b.person_id = json_extract(a.after, '$.personId')
where a.action = 'ballot.cast' and a.subject_type = 'motion'
group by b.motion_id, b.person_id;

-- The dashboard's overdue visits: each open assignment's last visit by its member is one seek.
create index household_visits_household_member on household_visits(household_id, person_id, visited_on);
-- The dashboard's overdue topics (submitted, past their triage day): counted and listed newest
-- first from the index alone, where before each submitted topic's row was read for its due day.
drop index topics_village_state;
create index topics_village_state on topics(village_id, state, id, triage_due);

-- Who confirmed closing a secret vote over very few ballots (the minutes name them), on the motion:
-- the meeting pages read it there instead of searching the motion's audit entries, so they read no
-- audit at all. The closed motions are frozen; the trigger is lifted for this one copy. Older
-- databases name the close 'motion.close' (audit/actions.ts FORMER_AUDIT_ACTIONS).
alter table motions add column few_ballots_confirmed_by integer;
drop trigger motions_closed_frozen;
update motions set few_ballots_confirmed_by = (
	select a.actor_id from audit a
	where a.subject_type = 'motion' and a.subject_id = cast(motions.id as text)
	  and a.action in ('motion.closed', 'motion.close')
	  and json_extract(a.after, '$.fewBallotsConfirmed') = 1
	order by a.id limit 1
)
where state = 'closed' and method = 'secret';
create trigger motions_closed_frozen before update on motions when old.state = 'closed'
begin select raise(abort, 'a closed motion never changes'); end;
`;
