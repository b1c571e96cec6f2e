// Indexes for the signed-in data pages at township scale (issue 20 item 3), each kept only where a
// profile on the benchmark township showed a gain. The dashboard's closed-loop figures count a
// year of a village's topics (10,000) from the figures index alone once it also holds the triage
// time and the end. The township overview's 受理率 finds the dispatched cases from an index.
// (Widening the cases' filing index to cover the rates made the planner sort the window's list of
// 5,000 cases instead of reading its own index, and an index of visits by household and member
// did not speed up the dashboard's contact households: both left out.)
export default /* sql */ `
drop index topics_village_submitted_figures;
create index topics_village_submitted_figures on topics(
	village_id, submitted_at, category, state, proposer_person_id, triaged_at, end_kind
);
create index service_case_steps_case_kind on service_case_steps(case_id, kind);
`;
