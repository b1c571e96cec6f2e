// Shared by the attack files (votes, CSRF, XSS, sessions, login, uploads, secret ballots): signed-in
// HTTP clients without a browser, and read-only looks at the server's database to prove that a
// refused attack changed nothing.
import Database from 'better-sqlite3';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { expect, formPostHeaders, type App } from '../fixtures.ts';

export const FOREIGN = 'https://evil.example';

/** Demo logins beyond the ones fixtures.ts names. */
export const PEOPLE = {
	admin: { phone: '13900000000', password: 'demo-admin-2026' },
	clerk: { phone: '13800000001', password: 'demo-clerk-2026' },
	secretary: { phone: '13800000002', password: 'demo-secretary-2026' },
	villager: { phone: '13800000003', password: 'demo-villager-2026' },
	gridHead: { phone: '13800000004', password: 'demo-gridhead-2026' },
	rep: { phone: '13800000005', password: 'demo-rep-2026' },
	supervisor: { phone: '13800000006', password: 'demo-supervisor-2026' }
} as const;

export type Login = { phone: string; password: string };

/** A cookie-keeping HTTP client of the app, not signed in. */
export function client(app: App): Promise<APIRequestContext> {
	return request.newContext({ baseURL: app.url, maxRedirects: 0 });
}

export function sessionCookieOf(response: APIResponse): string | undefined {
	return response
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value)
		.find((v) => v.startsWith('session='));
}

/** A client signed in through the ordinary form post. */
export async function signedIn(app: App, who: Login): Promise<APIRequestContext> {
	const api = await client(app);
	const response = await api.post('/login', { form: who, headers: formPostHeaders(app) });
	expect(response.status(), `sign-in of ${who.phone}`).toBe(303);
	return api;
}

/** Whether the client's cookie still opens a signed-in page. */
export async function isSignedIn(api: APIRequestContext): Promise<boolean> {
	const response = await api.get('/account');
	return response.status() === 200;
}

/** A same-origin form post, as the app's own pages send it. */
export function post(
	api: APIRequestContext,
	app: App,
	path: string,
	form: Record<string, string | number>
): Promise<APIResponse> {
	return api.post(path, { form, headers: formPostHeaders(app) });
}

/** A same-origin multipart post (files and fields). */
export function postMultipart(
	api: APIRequestContext,
	app: App,
	path: string,
	multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> | FormData
): Promise<APIResponse> {
	return api.post(path, { multipart, headers: formPostHeaders(app) });
}

/** A read-only connection to the server's live database file (WAL allows a second reader). */
export function withReadDb<T>(app: App, use: (db: Database.Database) => T): T {
	const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

/** Runs a read-only query on the server's live database file. */
export function dbRead<T>(app: App, sql: string, ...params: unknown[]): T[] {
	return withReadDb(app, (db) => db.prepare(sql).all(...params) as T[]);
}

/** One value of a read-only query. */
export function dbValue<T>(app: App, sql: string, ...params: unknown[]): T {
	const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		return db
			.prepare(sql)
			.pluck()
			.get(...params) as T;
	} finally {
		db.close();
	}
}

/** A writable connection for state a UI path would make slow (expiry dates and the like). */
export function dbWrite(app: App, sql: string, ...params: unknown[]): void {
	const db = new Database(app.dbPath, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}

/** Row counts of the given tables and the audit chain's length: what a refused attack must not move. */
export function snapshot(app: App, tables: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const t of [...tables, 'audit'])
		out[t] = dbValue<number>(app, `select count(*) from "${t}"`);
	return out;
}

/** Every row of the given tables, for attacks where even an update must not happen. */
export function dump(app: App, tables: string[]): Record<string, unknown[]> {
	const out: Record<string, unknown[]> = {};
	for (const t of tables) out[t] = dbRead(app, `select * from "${t}" order by 1, 2`);
	return out;
}

export function personIdOf(app: App, phone: string): number {
	return dbValue<number>(app, 'select person_id from users where phone = ?', phone);
}

/**
 * Form action names no page has: SvelteKit's reserved `default`, names every JavaScript object
 * inherits, kit's remote-form key, and names no route could declare.
 */
export const HOSTILE_ACTION_NAMES = [
	'default',
	'__proto__',
	'constructor',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'isPrototypeOf',
	'__defineGetter__',
	'__lookupSetter__',
	'propertyIsEnumerable',
	'toLocaleString',
	'remote=__proto__',
	'remote=constructor/x',
	'',
	'no-such-action',
	'x'.repeat(5000),
	'a/b',
	'../console',
	'%2Fdefault',
	'议事',
	'%00',
	'%F0%9F%92%A9'
];
