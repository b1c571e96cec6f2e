// A rating step keeps the rating it gave, so a case rated 不满意, reopened and rated again shows
// both ratings in its history, while the case row holds only the latest.
export default /* sql */ `
alter table service_case_steps add column rating text
	check (rating is null or rating in ('satisfied', 'basically_satisfied', 'unsatisfied'));
`;
