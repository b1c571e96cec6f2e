import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { version } from '$app/environment';
import { getDb } from '$lib/server/db';
import { migrationLevel } from '$lib/server/db/migrate.js';
import { sqliteVersion } from '$lib/server/db/open.js';

export const GET: RequestHandler = () => {
	const db = getDb();
	return json(
		{ status: 'ok', app: version, sqlite: sqliteVersion(db), migration: migrationLevel(db) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
