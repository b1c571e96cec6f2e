// Setting up the board's state for the notice stories: the same domain commands the pages call,
// run against the test server's own database file (WAL lets a second connection write).
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { postNotice } from '../src/lib/server/notices/notices.ts';
import type { App } from './fixtures.ts';

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

/** The number (short URL) of the demo notice with this title. */
export function noticeSeq(app: App, title: string): number {
	return withDb(app, (db) => {
		const seq = db.prepare('select seq from notices where title like ?').pluck().get(`${title}%`);
		if (typeof seq !== 'number') throw new Error(`no notice ${title}`);
		return seq;
	});
}

/** A notice posted three weeks ago whose objection window has long closed. */
export function postOldNotice(app: App, title: string): number {
	return withDb(app, (db) => {
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const clerk = db
			.prepare("select id from users where phone = '13800000001'")
			.pluck()
			.get() as number;
		const r = postNotice(
			db,
			clerk,
			village,
			{ kind: 'general', title, body: '三周前的公示。', takesObjections: true },
			{ now: new Date(Date.now() - 21 * 24 * 60 * 60 * 1000) }
		);
		if (!r.ok) throw new Error(r.reason);
		return r.notice.seq;
	});
}
