// The demo township's filing inbox (备案): the resolutions the demo published were filed when
// their notices went up; 周建华 acknowledged the oldest (the village road, in June), and the newer
// ones still wait for him. Called after the procedure's demo (seedDemoProcedure).
import type { Db } from '../db';
import { actorOfLogin } from '../permissions/login-actor';
import { acknowledgeTownshipFiling } from '../township/filings';
import { addDays } from '../calendar/dates';
import { at, must } from './demo-past-meeting';
import { DEMO_TOWNSHIP_ACCOUNTS } from './demo-township';

export function seedDemoFilings(db: Db, villageId: number): void {
	const official = DEMO_TOWNSHIP_ACCOUNTS.find((a) => a.role === 'township_official')!;
	const userId = db.prepare('select id from users where phone = ?').pluck().get(official.phone);
	const oldest = db
		.prepare(
			`select id, filed_at as filedAt from township_filings
			 where village_id = ? and state = 'filed' order by filed_at, id limit 1`
		)
		.get(villageId) as { id: number; filedAt: string } | undefined;
	const waiting = db
		.prepare("select count(*) from township_filings where village_id = ? and state = 'filed'")
		.pluck()
		.get(villageId) as number;
	// Keep at least one in the inbox: the demo shows the township's desk with work on it.
	if (!oldest || waiting < 2) return;
	must(
		acknowledgeTownshipFiling(
			db,
			actorOfLogin(db, Number(userId))!,
			villageId,
			oldest.id,
			at(addDays(oldest.filedAt.slice(0, 10), 3), '10:00')
		),
		'demo filing acknowledged'
	);
}
