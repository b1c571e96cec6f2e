// Every topic reaches an end (issue 14, docs/domain.md §3.6): the end a topic reached, one per
// track, and the record that an urgent coordination's agreed actions were done. Topics that had
// already reached their track's end before this release are moved to it here; the act that ended
// each (the archive event, the feedback notice) is already in the audit chain.
export default /* sql */ `
alter table topics add column end_kind text check (end_kind is null or end_kind in (
	'direct', -- 直接办理: closed with what was done
	'archive', -- 四议两公开: the matter archived after the result was disclosed
	'feedback', -- 协商: the feedback on how the outcome was used, published
	'coordination', -- 紧急协调会: the agreed actions recorded done
	'vote_failed' -- 四议两公开: the matter stopped after its vote failed at step 3 or 4
));

-- 紧急协调会 agreed actions done: appended once, like the outcome it completes.
create table coordination_done (
	outcome_id integer primary key references coordination_outcomes(id),
	done_on text not null,
	note text not null default '' check (length(note) <= 500),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create trigger coordination_done_fixed before update on coordination_done
begin select raise(abort, 'agreed actions are recorded done once'); end;
create trigger coordination_done_no_delete before delete on coordination_done
begin select raise(abort, 'agreed actions are recorded done once'); end;

update topics set end_kind = 'direct' where state = 'completed';

update topics set state = 'completed', end_kind = 'archive',
	closed_at = (select max(e.created_at) from procedure_events e
		where e.topic_id = topics.id and e.kind = 'archived')
where state = 'four_plus_two'
	and exists (select 1 from procedure_events e where e.topic_id = topics.id and e.kind = 'archived');

update topics set state = 'completed', end_kind = 'vote_failed',
	closed_at = (select max(e.created_at) from procedure_events e
		where e.topic_id = topics.id and e.kind = 'ended')
where state = 'four_plus_two'
	and exists (select 1 from procedure_events e where e.topic_id = topics.id and e.kind = 'ended');

-- An outcome submitted to a decision meeting takes the 4+2 track; one implemented directly ends
-- with its feedback.
update topics set state = 'four_plus_two'
where state = 'consultation'
	and exists (select 1 from consultations c where c.topic_id = topics.id and c.route = 'submit');

update topics set state = 'completed', end_kind = 'feedback',
	closed_at = (select n.created_at from consultations c join notices n on n.id = c.feedback_notice_id
		where c.topic_id = topics.id)
where state = 'consultation'
	and exists (select 1 from consultations c where c.topic_id = topics.id and c.feedback is not null);
`;
