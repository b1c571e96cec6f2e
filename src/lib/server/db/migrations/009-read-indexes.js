// Indexes for what every page view asks (issue 7's township benchmark):
// - who counts on a date (docs/domain.md §2.5), for every topic page's co-signature thresholds:
//   adults of a village by birth date and residence, answered from the index alone;
// - the notices up on the board today, at the top of the board, found by the end of their period
//   instead of by reading every notice the village ever posted;
// - the corrections of a notice, on every notice page, found without reading the whole board;
// - the running count of an open named vote, on the meeting page every few seconds while it is
//   open, read from the index instead of from every ballot's row.
export default /* sql */ `
create index people_village_birth on people(village_id, birth_date, status, status_date);
create index notices_village_until on notices(village_id, posted_until);
create index notices_corrects on notices(corrects_id) where corrects_id is not null;
create index named_choices_motion_choice on named_choices(motion_id, choice);
`;
