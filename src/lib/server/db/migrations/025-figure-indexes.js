// Indexes for the village's figures (issue 17): funds by source read an implementation's budget
// lines, and implementations by village and date, without scanning the township's tables.
export default /* sql */ `
create index implementations_village_created on implementations(village_id, created_at);
create index implementation_budget_lines_impl on implementation_budget_lines(implementation_id);
`;
