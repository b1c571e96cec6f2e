// The route tree says who each page is for: a page sits in the group of the audience the attack
// inventory lets in, so the group's layout (src/routes/**/(group)/+layout.server.ts) refuses the
// same visitors the page does, and a page moved to the wrong group fails here.
import { expect, test } from '@playwright/test';
import { ROUTES, routesOnDisk, type Gate } from './routes.ts';

const AUDIENCE: Record<string, Gate> = {
	'(public)': 'public',
	'(signed-in)': 'signedIn',
	'(member)': 'member',
	'(staff)': 'staff',
	'(supervision)': 'supervisor',
	'(admin)': 'admin',
	'(township)': 'township'
};

test('every page and endpoint sits in the group of the audience that may read it', () => {
	const disk = routesOnDisk();
	const misplaced = disk
		.map((r) => {
			const spec = ROUTES[r.route];
			return { route: r.route, group: r.group, gate: spec?.get ?? spec?.post };
		})
		.filter((r) => !r.group || AUDIENCE[r.group] !== r.gate);
	expect(misplaced).toEqual([]);
	// Every group is in use, or the table above names a folder that does not exist.
	expect(new Set(disk.map((r) => r.group))).toEqual(new Set(Object.keys(AUDIENCE)));
});
