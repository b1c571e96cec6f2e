import { describe, expect, it } from 'vitest';
import { caseFiltersFrom, caseViewOf, type CaseView } from './list-page';

describe('which list a person sees', () => {
	it.each([
		// staff, assignee, asked for → shown, offered
		[true, false, null, 'all', ['all', 'mine']],
		[true, true, 'assigned', 'assigned', ['all', 'assigned', 'mine']],
		[false, true, null, 'assigned', ['assigned', 'mine']],
		[false, true, 'mine', 'mine', ['assigned', 'mine']],
		// A villager never gets the window, nor a party member who is not staff.
		[false, false, 'all', 'mine', ['mine']],
		[false, true, 'all', 'assigned', ['assigned', 'mine']],
		[false, false, 'assigned', 'mine', ['mine']]
	] as const)(
		'staff %s, assignee %s, asking for %s: %s',
		(staff, assignee, requested, view, views) => {
			expect(caseViewOf({ staff, assignee }, requested as CaseView | null)).toEqual({
				view,
				views
			});
		}
	);
});

describe('the list’s query string', () => {
	it('keeps what it knows and ignores the rest', () => {
		const f = caseFiltersFrom(
			new URL('http://x/v/services?view=all&state=dispatched&grid=3&assignee=x&overdue=1&page=2')
		);
		expect(f).toMatchObject({
			view: 'all',
			state: 'dispatched',
			gridId: 3,
			assigneePersonId: null,
			overdue: true,
			page: 2
		});
		expect(caseFiltersFrom(new URL('http://x/v/services?view=every&state=lost'))).toMatchObject({
			view: null,
			state: null,
			overdue: false,
			page: 1
		});
	});
});
