// The grid point's log (issue 17): an item answered on the spot keeps the grid head's short note of
// why, and every resolved item says when and by whom, so the weekly summary can show it.
export default /* sql */ `
alter table grid_point_items add column note text check (note is null or length(note) between 1 and 200);
alter table grid_point_items add column resolved_at text;
alter table grid_point_items add column resolved_by_user_id integer references users(id);
`;
