// Implementation of decided matters, their result disclosure, the consultation track and urgent
// coordination outcomes (docs/domain.md §4, §8). Every record is appended; the few fields filled in
// later (a consultation's successive stages) are set once and never changed.
export default /* sql */ `
-- 实施: one per topic, of a resolution or of a consultation outcome implemented directly.
create table implementations (
	id integer primary key,
	village_id integer not null references villages(id),
	topic_id integer not null unique references topics(id),
	resolution_id integer references resolutions(id),
	responsible_person_id integer not null references people(id),
	plan text not null check (length(plan) between 1 and 5000),
	created_by integer not null references users(id),
	created_at text not null
) strict;
create trigger implementations_fixed before update on implementations
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementations_no_delete before delete on implementations
begin select raise(abort, 'an implementation record is appended, never edited'); end;

-- Money in fen, by funding source (中央扶持资金, 村集体自筹 …).
create table implementation_budget_lines (
	id integer primary key,
	implementation_id integer not null references implementations(id),
	source text not null check (length(source) between 1 and 60),
	amount_fen integer not null check (amount_fen > 0 and amount_fen <= 100000000000)
) strict;
create trigger implementation_budget_lines_fixed before update on implementation_budget_lines
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementation_budget_lines_no_delete before delete on implementation_budget_lines
begin select raise(abort, 'an implementation record is appended, never edited'); end;

create table implementation_progress (
	id integer primary key,
	implementation_id integer not null references implementations(id),
	on_date text not null,
	percent integer not null check (percent between 0 and 100),
	spent_fen integer not null check (spent_fen >= 0 and spent_fen <= 100000000000),
	note text not null check (length(note) <= 2000),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create index implementation_progress_impl on implementation_progress(implementation_id, id);
-- Progress only goes forward, in date order.
create trigger implementation_progress_forward before insert on implementation_progress
when exists (select 1 from implementation_progress p where p.implementation_id = new.implementation_id
	and (p.percent > new.percent or p.on_date > new.on_date))
begin select raise(abort, 'progress never goes back'); end;
create trigger implementation_progress_fixed before update on implementation_progress
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementation_progress_no_delete before delete on implementation_progress
begin select raise(abort, 'an implementation record is appended, never edited'); end;

create table implementation_photos (
	id integer primary key,
	progress_id integer not null references implementation_progress(id),
	stored_name text not null unique,
	original_name text not null,
	mime text not null,
	size integer not null
) strict;
create trigger implementation_photos_fixed before update on implementation_photos
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementation_photos_no_delete before delete on implementation_photos
begin select raise(abort, 'an implementation record is appended, never edited'); end;

create table implementation_completions (
	implementation_id integer primary key references implementations(id),
	completed_on text not null,
	summary text not null check (length(summary) between 1 and 5000),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create trigger implementation_completions_fixed before update on implementation_completions
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementation_completions_no_delete before delete on implementation_completions
begin select raise(abort, 'an implementation record is appended, never edited'); end;

-- 实施结果公开 with the supervision committee's opinion (监委会意见).
create table implementation_disclosures (
	implementation_id integer primary key references implementation_completions(implementation_id),
	supervisor_person_id integer not null references people(id),
	opinion text not null check (length(opinion) between 1 and 2000),
	notice_id integer not null unique references notices(id),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create trigger implementation_disclosures_fixed before update on implementation_disclosures
begin select raise(abort, 'an implementation record is appended, never edited'); end;
create trigger implementation_disclosures_no_delete before delete on implementation_disclosures
begin select raise(abort, 'an implementation record is appended, never edited'); end;

-- 协商: the consultation track of one topic, its stages filled in once each, in order.
create table consultations (
	id integer primary key,
	village_id integer not null references villages(id),
	topic_id integer not null unique references topics(id),
	materials_sent_on text,
	meeting_id integer unique references meetings(id),
	-- 协商意见: never a resolution.
	outcome text check (outcome is null or length(outcome) between 1 and 5000),
	outcome_notice_id integer references notices(id),
	-- 'submit' to a decision meeting, or 'implement' directly.
	route text check (route is null or route in ('submit', 'implement')),
	route_reason text not null default '' check (length(route_reason) <= 500),
	feedback text check (feedback is null or length(feedback) between 1 and 5000),
	feedback_notice_id integer references notices(id),
	created_by integer not null references users(id),
	created_at text not null,
	check ((outcome is null) = (outcome_notice_id is null)),
	check (route is null or outcome is not null),
	check ((feedback is null) = (feedback_notice_id is null)),
	check (feedback is null or route is not null)
) strict;
create trigger consultations_set_once before update on consultations
when old.village_id is not new.village_id or old.topic_id is not new.topic_id
	or old.created_at is not new.created_at or old.created_by is not new.created_by
	or (old.materials_sent_on is not null and old.materials_sent_on is not new.materials_sent_on)
	or (old.meeting_id is not null and old.meeting_id is not new.meeting_id)
	or (old.outcome is not null and (old.outcome is not new.outcome or old.outcome_notice_id is not new.outcome_notice_id))
	or (old.route is not null and (old.route is not new.route or old.route_reason is not new.route_reason))
	or (old.feedback is not null and (old.feedback is not new.feedback or old.feedback_notice_id is not new.feedback_notice_id))
begin select raise(abort, 'a consultation stage is recorded once'); end;
create trigger consultations_no_delete before delete on consultations
begin select raise(abort, 'a consultation stage is recorded once'); end;

-- The consulting parties: roster people or named outsiders (a contractor, a neighbour village).
create table consultation_parties (
	id integer primary key,
	consultation_id integer not null references consultations(id),
	person_id integer references people(id),
	name text not null check (length(name) between 1 and 32),
	interest text not null default '' check (length(interest) <= 200),
	unique (consultation_id, name)
) strict;
create trigger consultation_parties_fixed before update on consultation_parties
begin select raise(abort, 'a consulting party is recorded once'); end;
create trigger consultation_parties_no_delete before delete on consultation_parties
begin select raise(abort, 'a consulting party is recorded once'); end;

-- 紧急协调会: what was agreed and who acts; never a resolution.
create table coordination_outcomes (
	id integer primary key,
	meeting_id integer not null unique references meetings(id),
	agreed text not null check (length(agreed) between 1 and 5000),
	-- The topic this outcome settles (a service case); never one with art. 24 items.
	topic_id integer references topics(id),
	recorded_by integer not null references users(id),
	created_at text not null
) strict;
create trigger coordination_outcomes_fixed before update on coordination_outcomes
begin select raise(abort, 'a coordination outcome is recorded once'); end;
create trigger coordination_outcomes_no_delete before delete on coordination_outcomes
begin select raise(abort, 'a coordination outcome is recorded once'); end;

create table coordination_tasks (
	id integer primary key,
	outcome_id integer not null references coordination_outcomes(id),
	person_id integer references people(id),
	name text not null check (length(name) between 1 and 32),
	task text not null check (length(task) between 1 and 500)
) strict;
create trigger coordination_tasks_fixed before update on coordination_tasks
begin select raise(abort, 'a coordination outcome is recorded once'); end;
create trigger coordination_tasks_no_delete before delete on coordination_tasks
begin select raise(abort, 'a coordination outcome is recorded once'); end;
`;
