// The order the attendance checklist lists people in: by group, then household number, then name,
// as on the paper lists a clerk reads from, so one household's members stand together. Groups go in
// the order the roster created them (第一组 before 第二组), which their names do not sort into.

export interface Homed {
	personId: number;
	name: string;
	household: string;
	groupId: number | null;
}

/** Compares two people by group, household number (3 before 12), name, and finally id. */
export function byHome(a: Homed, b: Homed): number {
	return (
		(a.groupId ?? 0) - (b.groupId ?? 0) ||
		a.household.localeCompare(b.household, 'zh-CN', { numeric: true }) ||
		a.name.localeCompare(b.name, 'zh-CN') ||
		a.personId - b.personId
	);
}
