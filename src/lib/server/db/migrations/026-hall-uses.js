// 一厅多用 (issue 18): the village's rules kept as numbered articles with every version, revised on
// the 4+2 track with article-level comments, reviewed by the township and filed (备案); rounds that
// choose model villagers and civilised households; and the hall's venues with what is booked on
// them, so the village's public calendar and its cultural life can be read and counted.
export default /* sql */ `
-- 村规民约 and 村民自治章程: one document of each kind per village.
create table rules_documents (
	id integer primary key,
	village_id integer not null references villages(id),
	kind text not null check (kind in ('village_rules', 'charter')),
	title text not null check (length(title) between 1 and 100),
	created_at text not null,
	unique (village_id, kind)
) strict;

-- A version of a document as adopted: never changed, the next version replaces it from its date.
create table rules_versions (
	id integer primary key,
	document_id integer not null references rules_documents(id),
	-- 1, 2, 3… per document, without gaps.
	number integer not null check (number >= 1),
	adopted_on text not null,
	-- The day it comes into force (the date the villagers' meeting decided).
	effective_on text not null check (effective_on >= adopted_on),
	-- The revision it came from and the resolution that adopted it; both null for the text the
	-- village held before it used this system (recorded with where it came from in 'source').
	revision_id integer references rules_revisions(id),
	resolution_id integer references resolutions(id),
	source text not null default '' check (length(source) <= 200),
	-- The board notice that published it.
	notice_id integer references notices(id),
	created_by integer references users(id),
	created_at text not null,
	unique (document_id, number)
) strict;
create trigger rules_versions_no_delete before delete on rules_versions
begin select raise(abort, 'an adopted version is part of the record'); end;
-- Only the notice that published it may be set afterwards, once.
create trigger rules_versions_fixed before update on rules_versions
when not (old.notice_id is null and new.notice_id is not null
	and new.document_id = old.document_id and new.number = old.number
	and new.adopted_on = old.adopted_on and new.effective_on = old.effective_on
	and new.revision_id is old.revision_id and new.resolution_id is old.resolution_id
	and new.source = old.source and new.created_at = old.created_at)
begin select raise(abort, 'an adopted version is part of the record'); end;

-- The full text of each version, article by article. 'article_key' stays with an article across
-- versions (renumbering does not change it), so two versions can be compared article by article.
create table rules_articles (
	id integer primary key,
	version_id integer not null references rules_versions(id),
	article_key integer not null check (article_key >= 1),
	-- The article's place in this version: 第1条, 第2条…
	position integer not null check (position >= 1),
	-- The chapter it sits under, if the document has chapters (第二章 移风易俗).
	chapter text not null default '' check (length(chapter) <= 50),
	body text not null check (length(body) between 1 and 2000),
	unique (version_id, article_key),
	unique (version_id, position)
) strict;
create trigger rules_articles_fixed before update on rules_articles
begin select raise(abort, 'an adopted version is part of the record'); end;
create trigger rules_articles_no_delete before delete on rules_articles
begin select raise(abort, 'an adopted version is part of the record'); end;

-- A revision: a topic on the 4+2 track (category village_rules) holding a draft against a version.
create table rules_revisions (
	id integer primary key,
	village_id integer not null references villages(id),
	document_id integer not null references rules_documents(id),
	topic_id integer not null unique references topics(id),
	-- The version the draft amends; null when the document has none yet (a first text).
	base_version_id integer references rules_versions(id),
	state text not null default 'drafting' check (state in (
		'drafting', -- 拟定草案: the committee writes the changes
		'consulting', -- 征求意见: villagers comment article by article until comments_until
		'in_review', -- 提请审核: sent to the township
		'reviewed', -- 审核通过: ready for the villagers' meeting
		'enacted', -- 表决通过 and put in force as a new version
		'withdrawn'
	)),
	comments_from text,
	comments_until text check (comments_until is null or comments_until >= comments_from),
	created_by integer not null references users(id),
	created_at text not null,
	updated_at text not null
) strict;
create index rules_revisions_village on rules_revisions(village_id, state);

-- One change of the draft: an article added, changed or removed, with its reason.
create table rules_revision_changes (
	id integer primary key,
	revision_id integer not null references rules_revisions(id),
	change text not null check (change in ('add', 'change', 'remove')),
	-- The article changed or removed (its key in the base version); for an added one, the key it
	-- will carry, above every key the document has used.
	article_key integer not null check (article_key >= 1),
	-- For an added article, the key of the article it follows (0: at the start).
	after_key integer,
	chapter text not null default '' check (length(chapter) <= 50),
	-- The proposed text; empty for a removal.
	body text not null default '' check (length(body) <= 2000),
	reason text not null check (length(reason) between 1 and 1000),
	created_by integer not null references users(id),
	created_at text not null,
	updated_at text not null,
	unique (revision_id, article_key),
	check ((change = 'remove') = (body = ''))
) strict;

-- A villager's comment on one change of the draft during the comment period (征求意见).
create table rules_comments (
	id integer primary key,
	revision_id integer not null references rules_revisions(id),
	change_id integer not null references rules_revision_changes(id),
	person_id integer not null references people(id),
	body text not null check (length(body) between 1 and 1000),
	-- The grid head or clerk who wrote it down for a villager, with the same consent as topics.
	filed_by_user_id integer not null references users(id),
	consent_kind text check (consent_kind in ('signed_note', 'read_back')),
	consent_at text,
	created_at text not null,
	-- The committee's answer: taken up in the draft, or not and why.
	answer text check (answer is null or length(answer) between 1 and 1000),
	answered_by integer references users(id),
	answered_at text
) strict;
create index rules_comments_revision on rules_comments(revision_id, change_id);

-- The township's legality review (合法性审查) of a draft, as recorded by the village.
create table rules_reviews (
	id integer primary key,
	revision_id integer not null references rules_revisions(id),
	reviewer_name text not null check (length(reviewer_name) between 1 and 50),
	reviewer_office text not null check (length(reviewer_office) between 1 and 100),
	result text not null check (result in ('approved', 'changes_required')),
	note text not null default '' check (length(note) <= 2000),
	reviewed_on text not null,
	recorded_by integer not null references users(id),
	recorded_at text not null
) strict;
create index rules_reviews_revision on rules_reviews(revision_id, reviewed_on);
create trigger rules_reviews_fixed before update on rules_reviews
begin select raise(abort, 'a review is part of the record'); end;

-- 备案: each adopted version is filed with the township within the period, then acknowledged.
create table rules_filings (
	id integer primary key,
	version_id integer not null unique references rules_versions(id),
	due_on text not null,
	filed_on text,
	filed_by integer references users(id),
	-- The township's acknowledgement (回执), as recorded by the village.
	acknowledged_on text check (acknowledged_on is null or acknowledged_on >= filed_on),
	acknowledged_by_name text check (acknowledged_by_name is null or length(acknowledged_by_name) between 1 and 50),
	note text not null default '' check (length(note) <= 1000),
	check (filed_on is not null or acknowledged_on is null)
) strict;

-- 道德模范 / 文明户 / 好媳妇 rounds: categories, nominations, ballots and honourees.
create table honour_rounds (
	id integer primary key,
	village_id integer not null references villages(id),
	title text not null check (length(title) between 1 and 100),
	nominations_from text not null,
	nominations_until text not null check (nominations_until >= nominations_from),
	-- How the honourees are chosen: online among adult villagers, or in a meeting.
	vote_mode text not null check (vote_mode in ('online', 'meeting')),
	voting_from text,
	voting_until text check (voting_until is null or voting_until >= voting_from),
	meeting_id integer references meetings(id),
	state text not null default 'nominating' check (state in (
		'nominating', 'reviewing', 'voting', 'counted', 'published', 'cancelled'
	)),
	notice_id integer references notices(id),
	created_by integer not null references users(id),
	created_at text not null,
	updated_at text not null
) strict;
create index honour_rounds_village on honour_rounds(village_id, state);

create table honour_categories (
	id integer primary key,
	round_id integer not null references honour_rounds(id),
	name text not null check (length(name) between 1 and 30),
	-- A person (道德模范, 好媳妇) or a household (文明户, 五好家庭) is honoured.
	subject text not null check (subject in ('person', 'household')),
	seats integer not null check (seats between 1 and 50),
	position integer not null,
	unique (round_id, name)
) strict;

create table honour_nominations (
	id integer primary key,
	category_id integer not null references honour_categories(id),
	-- Exactly one of the two, as the category's subject says.
	nominee_person_id integer references people(id),
	nominee_household_id integer references households(id),
	reason text not null check (length(reason) between 1 and 500),
	-- Who nominated: a villager (themselves for a household title), or a grid head on their behalf.
	nominated_by_person_id integer not null references people(id),
	filed_by_user_id integer not null references users(id),
	consent_kind text check (consent_kind in ('signed_note', 'read_back')),
	consent_at text,
	-- The committee's review (资格审查); only accepted nominations are on the ballot.
	review text not null default 'pending' check (review in ('pending', 'accepted', 'rejected')),
	review_note text not null default '' check (length(review_note) <= 500),
	reviewed_by integer references users(id),
	reviewed_at text,
	-- After the count: whether chosen, with the votes received and the certificate number.
	votes integer,
	honoured integer not null default 0 check (honoured in (0, 1)),
	certificate_no text,
	created_at text not null,
	check ((nominee_person_id is null) != (nominee_household_id is null))
) strict;
create index honour_nominations_category on honour_nominations(category_id, review);
create unique index honour_nominations_one_person on honour_nominations(category_id, nominee_person_id)
	where nominee_person_id is not null;
create unique index honour_nominations_one_household on honour_nominations(category_id, nominee_household_id)
	where nominee_household_id is not null;

-- One ballot per person per category: who voted is kept apart from what they chose, so the
-- choice cannot be traced to the voter.
create table honour_voters (
	category_id integer not null references honour_categories(id),
	person_id integer not null references people(id),
	voted_at text not null,
	primary key (category_id, person_id)
) strict;
create table honour_choices (
	id integer primary key,
	category_id integer not null references honour_categories(id),
	nomination_id integer not null references honour_nominations(id)
) strict;
create index honour_choices_category on honour_choices(category_id, nomination_id);
create trigger honour_voters_fixed before update on honour_voters
begin select raise(abort, 'a ballot is counted once'); end;
create trigger honour_voters_no_delete before delete on honour_voters
begin select raise(abort, 'a ballot is counted once'); end;
create trigger honour_choices_fixed before update on honour_choices
begin select raise(abort, 'a ballot is counted once'); end;
create trigger honour_choices_no_delete before delete on honour_choices
begin select raise(abort, 'a ballot is counted once'); end;

-- The hall's venues: the hall itself, the activity room, the farmhouse library, the lake stage.
create table venues (
	id integer primary key,
	village_id integer not null references villages(id),
	name text not null check (length(name) between 1 and 50),
	capacity integer not null check (capacity between 1 and 10000),
	-- Open to the sky (the lake stage): the calendar says so.
	outdoor integer not null default 0 check (outdoor in (0, 1)),
	position integer not null default 0,
	retired_on text,
	created_at text not null,
	unique (village_id, name)
) strict;

-- What is booked on a venue other than a meeting: activities and private uses. Times are the
-- village's local wall-clock ('YYYY-MM-DDTHH:MM', China has one time zone and no DST).
create table hall_events (
	id integer primary key,
	village_id integer not null references villages(id),
	venue_id integer not null references venues(id),
	kind text not null check (kind in (
		'elderly_care', -- 重阳敬老 and other care for the old
		'performance', -- 文艺演出
		'training', -- 培训讲座
		'film', -- 电影放映
		'reading', -- 农家书屋 reading and study
		'sports', -- 体育健身
		'celebration', -- 节庆
		'wedding', -- 简办婚事 (private use under the 红白理事会 rules)
		'funeral', -- 简办丧事 (private use under the 红白理事会 rules)
		'other'
	)),
	title text not null check (length(title) between 1 and 100),
	description text not null default '' check (length(description) <= 2000),
	starts_at text not null check (starts_at glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'),
	ends_at text not null check (ends_at > starts_at),
	-- On the public calendar, the feed and the posters; private uses are never public.
	public integer not null default 1 check (public in (0, 1)),
	organiser text not null default '' check (length(organiser) <= 100),
	-- For a private use: the household that asked for it.
	household_id integer references households(id),
	state text not null default 'booked' check (state in ('booked', 'cancelled')),
	cancel_reason text,
	-- How many came: counted by hand, or the QR sign-ins (attendance_method = 'qr').
	attendance integer check (attendance is null or attendance >= 0),
	attendance_method text check (attendance_method in ('count', 'qr')),
	checkin_key text unique,
	created_by integer not null references users(id),
	created_at text not null,
	updated_at text not null,
	check (kind not in ('wedding', 'funeral') or public = 0)
) strict;
create index hall_events_venue on hall_events(venue_id, starts_at);
create index hall_events_village on hall_events(village_id, starts_at);

-- QR sign-in at an event: one row per villager (or per device for a guest without an account).
create table hall_event_checkins (
	id integer primary key,
	event_id integer not null references hall_events(id),
	person_id integer references people(id),
	at text not null
) strict;
create unique index hall_event_checkins_person on hall_event_checkins(event_id, person_id)
	where person_id is not null;

-- Meetings pick their venue; 'place' keeps the name as printed on the notice. A meeting without an
-- end time is taken to last until ends_at's default in the clash rule (venues/clash.ts).
alter table meetings add column venue_id integer references venues(id);
alter table meetings add column ends_at text not null default '' check (ends_at = '' or ends_at glob '[0-2][0-9]:[0-5][0-9]');
create index meetings_venue on meetings(venue_id, meeting_date) where venue_id is not null;

-- A board notice can publish a version of the rules or a round's honourees.
alter table notices add column rules_version_id integer references rules_versions(id);
alter table notices add column honour_round_id integer references honour_rounds(id);
`;
