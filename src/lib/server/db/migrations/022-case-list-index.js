// The service window's list (services/queries.ts) reads a village's cases open first, urgent
// first among them, then newest: this index holds them in that order, so a page of 5,000 cases
// is read from its end without sorting them all. The expression must match the query's exactly.
export default /* sql */ `
create index service_cases_village_list on service_cases(
	village_id, state in ('submitted', 'dispatched', 'in_progress', 'follow_up'), urgent
);
`;
