// Telling namesakes apart wherever a person is picked or listed for a choice (issue 15): a village
// has several 张伟, and a clerk who ticks the wrong one records someone else's presence or ballot.
// Pure, so every picker (console, attendance, entrustments, recusals, roster) labels people alike.
import { m } from '$lib/paraglide/messages';

export interface NamedPerson {
	id: number;
	name: string;
	/** 户号, or 'head:<name>' when the roster sheet gave only the head's name. */
	householdKey?: string | null;
	groupName?: string | null;
	gridName?: string | null;
	birthDate?: string | null;
}

type Detail = (p: NamedPerson) => string | null;

const HEAD_PREFIX = 'head:';

const household: Detail = (p) =>
	!p.householdKey
		? null
		: p.householdKey.startsWith(HEAD_PREFIX)
			? m.namesake_household_head({ head: p.householdKey.slice(HEAD_PREFIX.length) })
			: m.namesake_household({ key: p.householdKey });
const group: Detail = (p) => (p.groupName ? p.groupName : null);
const grid: Detail = (p) => (p.gridName ? p.gridName : null);
const born: Detail = (p) =>
	p.birthDate ? m.namesake_born({ year: p.birthDate.slice(0, 4) }) : null;

// The clerk knows households by number first, then the 村民小组, then the grid; the birth year
// only separates namesakes of one household (a father and son both named 建国).
const ORDER: Detail[] = [household, group, grid, born];

const labelled = (p: NamedPerson, details: Detail[]) => {
	const parts = details.map((d) => d(p)).filter((s): s is string => s !== null);
	return parts.length ? m.namesake_label({ name: p.name, detail: parts.join(' · ') }) : p.name;
};

const allDistinct = (labels: string[]) => new Set(labels).size === labels.length;

/**
 * One label per person: the name alone where it is unique, the name with the first detail that
 * tells every bearer of it apart where it is not (all details, if no single one does). Keyed by id.
 */
export function distinguishNamesakes(people: readonly NamedPerson[]): Map<number, string> {
	const byName = new Map<string, NamedPerson[]>();
	const seen = new Set<number>();
	for (const p of people) {
		if (seen.has(p.id)) continue;
		seen.add(p.id);
		byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
	}
	const labels = new Map<number, string>();
	for (const same of byName.values()) {
		if (same.length === 1) {
			labels.set(same[0].id, same[0].name);
			continue;
		}
		const one = ORDER.find((d) => allDistinct(same.map((p) => labelled(p, [d]))));
		for (const p of same) labels.set(p.id, labelled(p, one ? [one] : ORDER));
	}
	return labels;
}

/** The people with their label added, in the order given. */
export function withNamesakeLabels<T extends NamedPerson>(people: readonly T[]) {
	const labels = distinguishNamesakes(people);
	return people.map((p) => ({ ...p, label: labels.get(p.id) ?? p.name }));
}
