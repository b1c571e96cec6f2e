import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { version } from '$app/environment';
import { getDb } from '$lib/server/db';
import { migrationLevel } from '$lib/server/db/migrate.js';

export const GET: RequestHandler = () => {
	const db = getDb();
	const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
	return json(
		{ status: 'ok', app: version, sqlite, migration: migrationLevel(db) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
