// A closed meeting's venue and end time are part of its record like its place and start: the
// frozen-meeting trigger of 016 predates the two columns 026 added, so it is widened to them.
export default /* sql */ `
drop trigger meetings_closed_frozen;
create trigger meetings_closed_frozen before update on meetings when old.state = 'closed' and (
	new.id is not old.id or new.village_id is not old.village_id or new.type is not old.type
	or new.title is not old.title or new.place is not old.place
	or new.venue_id is not old.venue_id or new.ends_at is not old.ends_at
	or new.meeting_date is not old.meeting_date or new.starts_at is not old.starts_at
	or new.group_id is not old.group_id or new.chair_person_id is not old.chair_person_id
	or new.recorder_person_id is not old.recorder_person_id or new.state is not old.state
	or new.notice_date is not old.notice_date or new.rule_set_id is not old.rule_set_id
	or new.rule_json is not old.rule_json or new.households_total is not old.households_total
	or new.opened_at is not old.opened_at or new.closed_at is not old.closed_at
	or new.audit_head_id is not old.audit_head_id or new.audit_head_hash is not old.audit_head_hash
	or new.created_by is not old.created_by or new.created_at is not old.created_at)
begin select raise(abort, 'a closed meeting never changes'); end;
`;
