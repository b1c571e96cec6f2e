// Indexes for the village's figures (issue 17): funds by source read an implementation's budget
// lines, and implementations by village and date, without scanning the township's tables; topics
// are counted by category, state and month from the index alone (a big village submits ten
// thousand a year: 17 ms from the table, 6 ms from this index, on the benchmark township).
export default /* sql */ `
create index implementations_village_created on implementations(village_id, created_at);
create index implementation_budget_lines_impl on implementation_budget_lines(implementation_id);
create index topics_village_submitted_figures on topics(village_id, submitted_at, category, state, proposer_person_id);
`;
