// Service cases set up through the domain, on the story's own database, for the window's stories:
// a case filed and dispatched on days in the past is late today, as it would be on a real window.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { hash } from '@node-rs/argon2';
import { actorByPhone } from '../src/lib/server/seed/actors.ts';
import { fileServiceRequest } from '../src/lib/server/services/filing.ts';
import { dispatchCase } from '../src/lib/server/services/dispatch.ts';
import type { App } from './fixtures.ts';

export const PHONES = {
	clerk: '13800000001',
	villager: '13800000003', // 张秀英, 第一网格
	gridHead: '13800000004', // 赵桂兰, head of 第一网格
	partyMember: '13800000005' // 刘志强: representative and party member
} as const;
export const PARTY_MEMBER = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
export const GRID_HEAD = { name: '赵桂兰', phone: '13800000004', password: 'demo-gridhead-2026' };

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

const villageOf = (db: Db) =>
	db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * Files a request as the villager with this phone, `filedDaysAgo` days ago, and dispatches it
 * to the person with `assigneePhone` a day later when given. Returns the case's number.
 */
export function caseFiledDaysAgo(
	app: App,
	title: string,
	options: { phone?: string; category?: string; filedDaysAgo?: number; assigneePhone?: string } = {}
): string {
	return withDb(app, (db) => {
		const village = villageOf(db);
		const filedDaysAgo = options.filedDaysAgo ?? 0;
		const filed = fileServiceRequest(
			db,
			actorByPhone(db, options.phone ?? PHONES.villager),
			village,
			{ category: options.category ?? 'certificate', title, description: '', urgent: false },
			{ now: daysAgo(filedDaysAgo) }
		);
		if (!filed.ok) throw new Error(`filing: ${filed.reason}`);
		if (options.assigneePhone) {
			const assignee = actorByPhone(db, options.assigneePhone).personId!;
			const d = dispatchCase(
				db,
				actorByPhone(db, PHONES.clerk),
				village,
				filed.serviceCase.id,
				{ assigneePersonId: assignee, note: '' },
				{ now: daysAgo(Math.max(0, filedDaysAgo - 1)) }
			);
			if (!d.ok) throw new Error(`dispatch: ${d.reason}`);
		}
		return filed.serviceCase.number;
	});
}

/**
 * A party member of another grid than 第一网格's, holding no other role, given a login: linked to
 * none of the demo's first-grid villagers (not their grid, not their representative).
 */
export async function otherGridPartyMember(app: App): Promise<{ phone: string; password: string }> {
	const password = 'demo-member-2026';
	// The app's argon2id settings (auth/password.ts).
	const passwordHash = await hash(password, {
		algorithm: 2,
		memoryCost: 19456,
		timeCost: 2,
		parallelism: 1
	});
	return withDb(app, (db) => {
		const village = villageOf(db);
		const member = db
			.prepare(
				`select p.id, p.name, p.phone from people p join roles r on r.person_id = p.id
				 join households h on h.id = p.household_id join grids g on g.id = h.grid_id
				 where p.village_id = ? and r.role = 'party_member' and r.end_date is null
				   and p.phone is not null and g.name <> '第一网格' and p.status = 'resident'
				   and not exists (select 1 from roles o where o.person_id = p.id and o.role <> 'party_member')
				   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
				 order by p.id limit 1`
			)
			.get(village) as { id: number; name: string; phone: string };
		// Inserted as the clerk's account page would create it: the account commands import the
		// password module, which reads a .txt file Playwright's loader cannot.
		db.prepare(
			`insert into users (village_id, role, name, phone, password_hash, created_at, person_id)
			 values (?, 'villager', ?, ?, ?, ?, ?)`
		).run(village, member.name, member.phone, passwordHash, new Date().toISOString(), member.id);
		return { phone: member.phone, password };
	});
}
