// The vote page's live stamp is the meeting's own count of changes (issue 20): before, it was the
// village's last audit id, which told any reader of a public meeting page how many audited events
// the whole village had had, and moved with every topic or case of the village. Triggers on every
// table of the meeting's own rows count each change in the statement that makes it, so no write
// path can forget to: the meeting row, its roster and guests, agenda, motions, ballots, presence,
// recusals, proxies, the floor queue, written opinions and notices. A secret ballot moves it like
// any other ballot, by its receipt, never by its choice.

/** Each watched table, and how a row names its meeting. */
const WATCHED = [
	['meetings', 'id'],
	['meeting_roster', 'meeting_id'],
	['meeting_guests', 'meeting_id'],
	['meeting_entrustments', 'meeting_id'],
	['meeting_notices', 'meeting_id'],
	['speaker_requests', 'meeting_id'],
	['agenda_items', 'meeting_id'],
	['motions', 'meeting_id'],
	['speeches', 'agenda item'],
	['written_opinions', 'agenda item'],
	['ballot_receipts', 'motion'],
	['named_choices', 'motion'],
	['secret_tallies', 'motion'],
	['motion_presence', 'motion'],
	['motion_recusals', 'motion']
];

/** @param {string} key @param {'new' | 'old'} row */
const meetingOf = (key, row) =>
	key === 'motion'
		? `(select meeting_id from motions where id = ${row}.motion_id)`
		: key === 'agenda item'
			? `(select meeting_id from agenda_items where id = ${row}.agenda_item_id)`
			: `${row}.${key}`;

const triggers = WATCHED.flatMap(([table, key]) =>
	/** @type {const} */ ([
		['insert', 'new'],
		['update', 'new'],
		['delete', 'old']
	]).map(
		([op, row]) => `
create trigger meeting_changes_${table}_${op} after ${op} on ${table}
begin
	insert into meeting_changes (meeting_id, version)
	select m, 1 from (select ${meetingOf(key, row)} as m) where m is not null
	on conflict (meeting_id) do update set version = version + 1;
end;`
	)
).join('\n');

export default /* sql */ `
create table meeting_changes (
	meeting_id integer primary key,
	version integer not null check (version >= 1)
) strict;
${triggers}
`;
