// Indexes for the signed-in data pages at township scale (issue 20 item 3), each from a profile on
// the benchmark township. The dashboard's closed-loop figures count a year of a village's topics
// from the figures index alone once it also holds the triage time and the end (a village of
// 10,000 topics: about a quarter of the time of reading the table). The dashboard's
// households of each contact member find the last visit by that member in one probe instead of
// reading every visit of the household. The township's 受理率, 办结率 and 满意率 read the cases of
// the period and whether each was dispatched from indexes alone.
export default /* sql */ `
drop index topics_village_submitted_figures;
create index topics_village_submitted_figures on topics(
	village_id, submitted_at, category, state, proposer_person_id, triaged_at, end_kind
);
create index household_visits_household_member on household_visits(household_id, person_id, visited_on);
drop index service_cases_village_filed;
create index service_cases_village_filed on service_cases(village_id, filed_on, state, rating);
create index service_case_steps_case_kind on service_case_steps(case_id, kind);
`;
