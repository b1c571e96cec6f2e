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
	primary key (motion_id, person_id),
	foreign key (motion_id, person_id) references ballot_receipts(motion_id, person_id)
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
`;
