// The layouts of the route groups refuse on their own, whatever the pages below them check: each
// load is called with the session of a real login in a real database, as hooks.server.ts makes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createAccount } from '$lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	validateSessionToken,
	type Role,
	type SessionUser
} from '$lib/server/auth/session';
import { createVillage } from '$lib/server/villages/villages';
import { load as adminLayout } from './(admin)/+layout.server';
import { load as signedInLayout } from './(signed-in)/+layout.server';
import { load as memberLayout } from './[village]/(member)/+layout.server';
import { load as staffLayout } from './[village]/(staff)/+layout.server';

// getDb() opens the file DATABASE_PATH names: point it at a fresh one for this file alone.
const dir = vi.hoisted(() => ({ path: '' }));
vi.mock('$env/dynamic/private', () => ({
	env: {
		get DATABASE_PATH() {
			return join(dir.path, 'layouts.db');
		}
	}
}));

type Who = 'anonymous' | 'admin' | 'clerk' | 'secretary' | 'villager' | 'otherClerk';
const users = new Map<Who, SessionUser | null>([['anonymous', null]]);

beforeAll(() => {
	dir.path = mkdtempSync(join(tmpdir(), 'yishiting-layouts-'));
	const db = getDb();
	let phone = 0;
	const nextPhone = () => `1380000${String(++phone).padStart(4, '0')}`;
	const village = (slug: string) => {
		const r = createVillage(db, null, {
			slug,
			name: slug,
			township: '',
			district: '',
			city: '',
			province: '',
			oneShoulder: true,
			clerk: { name: '文书', phone: nextPhone() }
		});
		if (!r.ok) throw new Error(r.reason);
		return r;
	};
	const account = (villageId: number | null, role: Role) => {
		const r = createAccount(db, null, { villageId, role, name: role, phone: nextPhone() });
		if (!r.ok) throw new Error(r.reason);
		return r.account.id;
	};
	const signedIn = (userId: number) => {
		const token = generateSessionToken();
		createSession(db, token, userId);
		return validateSessionToken(db, token).user;
	};
	const xinyang = village('xinyang');
	const dongshan = village('dongshan');
	users.set('admin', signedIn(account(null, 'admin')));
	users.set('clerk', signedIn(xinyang.clerkId));
	users.set('secretary', signedIn(account(xinyang.village.id, 'secretary')));
	users.set('villager', signedIn(account(xinyang.village.id, 'villager')));
	users.set('otherClerk', signedIn(dongshan.clerkId));
});

afterAll(() => {
	getDb().close();
	rmSync(dir.path, { recursive: true, force: true });
});

type AnyLoad = (event: never) => unknown;

/** What the layout answers this visitor at this address: it lets them in, or the refusal's status. */
function answer(load: AnyLoad, who: Who, path: string, method = 'GET') {
	const url = new URL(path, 'http://yishiting.test');
	const event = {
		locals: { user: users.get(who) },
		url,
		request: new Request(url, { method }),
		params: { village: path.split('/')[1] }
	};
	try {
		load(event as never);
		return 'enters';
	} catch (e) {
		if (isRedirect(e)) return `${e.status} ${e.location}`;
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe.each([
	[
		'(staff)',
		staffLayout,
		'/xinyang/roster?grid=1',
		{
			anonymous: '303 /login?next=%2Fxinyang%2Froster%3Fgrid%3D1',
			villager: 403,
			admin: 403,
			otherClerk: 403,
			clerk: 'enters',
			secretary: 'enters'
		}
	],
	[
		'(member)',
		memberLayout,
		'/xinyang/topics',
		{
			anonymous: '303 /login?next=%2Fxinyang%2Ftopics',
			admin: 403,
			otherClerk: 403,
			villager: 'enters',
			clerk: 'enters',
			secretary: 'enters'
		}
	],
	[
		'(admin)',
		adminLayout,
		'/admin',
		{
			anonymous: '303 /login?next=%2Fadmin',
			villager: 403,
			clerk: 403,
			otherClerk: 403,
			admin: 'enters'
		}
	],
	[
		'(signed-in)',
		signedInLayout,
		'/account',
		{ anonymous: '303 /login?next=%2Faccount', villager: 'enters', admin: 'enters' }
	]
] as const)('the %s layout', (_, load, path, expected) => {
	it.each(Object.entries(expected))(`answers %s at ${path} with %s`, (who, status) => {
		expect(answer(load as AnyLoad, who as Who, path)).toBe(status);
		expect(answer(load as AnyLoad, who as Who, path, 'HEAD')).toBe(status);
	});

	// After a form post the action has answered (it checks for itself, tests/attacks/access-actions)
	// or SvelteKit refused an action the page lacks: that 4xx must not become a redirect to sign in
	// (tests/attacks/action-names).
	it('leaves the answer after a form post to the action', () => {
		expect(answer(load as AnyLoad, 'anonymous', path, 'POST')).toBe('enters');
	});
});

describe('the village layouts', () => {
	it.each([
		['(staff)', staffLayout],
		['(member)', memberLayout]
	] as const)(
		'%s: a village that does not exist is not found, for its would-be staff too',
		(_, load) => {
			expect(answer(load as AnyLoad, 'clerk', '/no-such-village/roster')).toBe(404);
			expect(answer(load as AnyLoad, 'anonymous', '/no-such-village/roster')).toBe(404);
		}
	);
});
