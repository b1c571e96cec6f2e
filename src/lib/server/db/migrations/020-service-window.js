// The service window (一厅多办, issue 17): service cases from 点单 to 评价 with every step kept;
// party members' households (党员联系户) with their visits and 三知三能 notes; the grid point's
// log (网格议事点); and the village's volunteers (帮办) who can be dispatched to a case.
export default /* sql */ `
create table service_cases (
	id integer primary key,
	village_id integer not null references villages(id),
	-- Tracking number per village and year without gaps, e.g. XY-FW-2026-0007
	number text not null,
	year integer not null,
	seq integer not null,
	-- A key of the village's service categories (settings), kept as filed if the list changes later.
	category text not null check (length(category) between 1 and 32),
	title text not null check (length(title) between 1 and 80),
	description text not null default '' check (length(description) <= 2000),
	-- The villager the case is for (点单); the filer when someone files on their behalf.
	person_id integer not null references people(id),
	filed_by_user_id integer not null references users(id),
	channel text not null check (channel in ('online', 'grid_point', 'household_visit', 'phone', 'hall_window')),
	consent_kind text check (consent_kind in ('signed_note', 'read_back')),
	consent_at text,
	urgent integer not null default 0 check (urgent in (0, 1)),
	state text not null check (state in (
		'submitted', 'dispatched', 'in_progress', 'completed', 'follow_up', 'closed', 'referred',
		'became_topic', 'withdrawn'
	)),
	-- The category's time limit in working days on the day of filing, and the day it ends.
	limit_days integer not null check (limit_days between 1 and 365),
	filed_on text not null,
	due_on text not null check (due_on >= filed_on),
	-- The day the current step must be done by (dispatch, accept, the follow-up visit), set by
	-- each step; null while the case waits on no one (completed and awaiting the rating, or ended).
	step_due_on text,
	-- The person the case is dispatched to, while it is with someone.
	assignee_person_id integer references people(id),
	dispatched_at text,
	accepted_at text,
	completed_at text,
	result text check (result is null or length(result) <= 2000),
	rating text check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
	rated_at text,
	closed_at text,
	-- The topic a case came from (直接办理) or became when it needs deliberation.
	topic_id integer references topics(id),
	created_at text not null,
	updated_at text not null,
	unique (village_id, number),
	unique (village_id, year, seq)
) strict;
create index service_cases_village_state on service_cases(village_id, state, due_on);
create index service_cases_village_step_due on service_cases(village_id, step_due_on) where step_due_on is not null;
create index service_cases_person on service_cases(person_id);
create index service_cases_filer on service_cases(filed_by_user_id);
create index service_cases_assignee on service_cases(assignee_person_id, state);
create index service_cases_topic on service_cases(topic_id) where topic_id is not null;
create index service_cases_village_filed on service_cases(village_id, filed_on);

-- Every step of a case, in order: the case row holds where it is, this holds how it got there.
create table service_case_steps (
	id integer primary key,
	case_id integer not null references service_cases(id),
	kind text not null check (kind in (
		'filed', 'dispatched', 'accepted', 'declined', 'progress', 'completed', 'rated',
		'follow_up', 'reopened', 'referred', 'became_topic', 'withdrawn', 'closed'
	)),
	at text not null,
	by_user_id integer references users(id),
	-- The assignee of a dispatch, accept or decline.
	person_id integer references people(id),
	note text not null default '' check (length(note) <= 2000)
) strict;
create index service_case_steps_case on service_case_steps(case_id, id);

create trigger service_case_steps_fixed before update on service_case_steps
begin select raise(abort, 'a case step is part of the case record'); end;
create trigger service_case_steps_no_delete before delete on service_case_steps
begin select raise(abort, 'a case step is part of the case record'); end;

-- The village's volunteers (帮办), drawn from its roster, for as long as they serve.
create table volunteers (
	id integer primary key,
	village_id integer not null references villages(id),
	person_id integer not null references people(id),
	-- What they help with, in the clerk's words (e.g. 代办社保, 陪同就医).
	skills text not null default '' check (length(skills) <= 200),
	start_date text not null,
	end_date text check (end_date is null or end_date >= start_date)
) strict;
create index volunteers_village on volunteers(village_id, person_id);

-- 党员联系户: which party member looks after which household, from when to when.
create table household_contacts (
	id integer primary key,
	village_id integer not null references villages(id),
	household_id integer not null references households(id),
	-- The party member (a person holding the party_member role on the start date).
	person_id integer not null references people(id),
	start_date text not null,
	end_date text check (end_date is null or end_date >= start_date),
	assigned_by_user_id integer not null references users(id)
) strict;
create index household_contacts_household on household_contacts(household_id, end_date);
create index household_contacts_member on household_contacts(person_id, end_date);
create index household_contacts_village on household_contacts(village_id, end_date);

create table household_visits (
	id integer primary key,
	village_id integer not null references villages(id),
	household_id integer not null references households(id),
	-- The party member who visited.
	person_id integer not null references people(id),
	visited_on text not null,
	means text not null check (means in ('in_person', 'phone', 'wechat')),
	heard text not null default '' check (length(heard) <= 1000),
	recorded_by_user_id integer not null references users(id),
	recorded_at text not null,
	-- The follow-up the visit gave rise to, if any.
	service_case_id integer references service_cases(id),
	topic_id integer references topics(id)
) strict;
create index household_visits_household on household_visits(household_id, visited_on);
create index household_visits_member on household_visits(person_id, visited_on);
create index household_visits_village on household_visits(village_id, visited_on);

-- 三知三能: what the contact knows of the household, minimal and structured; one row a household.
-- No ID numbers; health only as the villager agreed to share it.
create table household_notes (
	household_id integer primary key references households(id),
	village_id integer not null references villages(id),
	notes text not null check (json_valid(notes)),
	updated_by_user_id integer not null references users(id),
	updated_at text not null
) strict;

-- 网格议事点: what villagers raised at a grid head's home, and what became of it.
create table grid_point_items (
	id integer primary key,
	village_id integer not null references villages(id),
	grid_id integer not null references grids(id),
	raised_on text not null,
	-- Who raised it, when the villager is on the roster (may be empty for a passer-by).
	person_id integer references people(id),
	text text not null check (length(text) between 1 and 1000),
	outcome text not null default 'open' check (outcome in ('open', 'service_case', 'topic', 'note')),
	service_case_id integer references service_cases(id),
	topic_id integer references topics(id),
	recorded_by_user_id integer not null references users(id),
	recorded_at text not null,
	check ((outcome = 'service_case') = (service_case_id is not null)),
	check ((outcome = 'topic') = (topic_id is not null))
) strict;
create index grid_point_items_grid on grid_point_items(grid_id, raised_on);
create index grid_point_items_village on grid_point_items(village_id, raised_on);
`;
