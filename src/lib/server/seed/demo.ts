// The demo village 新阳村 from the source article, created on first start with an empty database.
// Deterministic: the same roster, roles, accounts and passwords every time. The roster goes in
// through the same importer a clerk uses; roles through the same commands as the roster pages.
import { env } from '$env/dynamic/private';
import type { Db } from '../db';
import { command } from '../command';
import { actorOfLogin } from '../permissions/login-actor';
import { hashPassword } from '../auth/password';
import { createAccount } from '../auth/accounts';
import { createVillage, findVillageBySlug } from '../villages/villages';
import { applyImport, sha256Hex } from '../roster/import';
import { parseRoster } from '../roster/parse/validate';
import { assignRole, type NewRole } from '../roster/roles';
import { addStructureNames } from '../roster/structure';
import { linkAccountToPerson } from '../roster/person-accounts';
import { seedDemoCollective } from './demo-collective';
import { seedDemoHouseholds } from './demo-households';

import { seedDemoGridPoints } from './demo-grid-points';
import { seedDemoImplementation } from './demo-implementation';
import { seedDemoMeetings } from './demo-meetings';
import { seedDemoNotices } from './demo-notices';
import { seedDemoProcedure } from './demo-procedure';
import { seedDemoFilings } from './demo-filings';
import { seedDemoRules } from './demo-rules';
import { seedDemoServices } from './demo-services';
import { seedDemoTopics } from './demo-topics';
import { seedDemoHonours } from './demo-honours';

import { seedDemoRulesRevision } from './demo-rules-revision';
import { seedDemoVenues } from './demo-venues';
import { DEMO_SECOND_VILLAGE, DEMO_TOWNSHIP_ACCOUNTS, seedDemoTownship } from './demo-township';
import {
	HUDONG_ROSTER_FILE,
	hudongRosterCsv,
	seedHudongRecords,
	seedHudongRoster
} from './demo-hudong';
import { seedDemoHallEvents } from './demo-hall-events';
import { seededRandom } from '../../random.js';
import { DEMO_GRIDS, DEMO_GROUPS, DEMO_PEOPLE, demoRosterCsv } from './demo-roster';

export const DEMO_VILLAGE = {
	slug: 'xinyang',
	name: '新阳村',
	township: '长青乡',
	district: '城子河区',
	city: '鸡西市',
	province: '黑龙江省',
	oneShoulder: true
};

type DemoPerson = keyof typeof DEMO_PEOPLE;

export const DEMO_ACCOUNTS: readonly {
	role: 'admin' | 'clerk' | 'secretary' | 'villager';
	title: string;
	name: string;
	phone: string;
	password: string;
	person?: DemoPerson;
}[] = [
	{
		role: 'admin',
		title: '系统管理员',
		name: '系统管理员',
		phone: '13900000000',
		password: 'demo-admin-2026'
	},
	{
		role: 'clerk',
		title: '文书',
		name: '王丽',
		phone: '13800000001',
		password: 'demo-clerk-2026',
		person: 'clerk'
	},
	{
		role: 'secretary',
		title: '党支部书记',
		name: '李建国',
		phone: '13800000002',
		password: 'demo-secretary-2026',
		person: 'secretary'
	},
	{
		role: 'villager',
		title: '村民',
		name: '张秀英',
		phone: '13800000003',
		password: 'demo-villager-2026',
		person: 'villager'
	},
	{
		role: 'villager',
		title: '网格长',
		name: '赵桂兰',
		phone: '13800000004',
		password: 'demo-gridhead-2026',
		person: 'gridHead'
	},
	{
		role: 'villager',
		title: '村民代表',
		name: '刘志强',
		phone: '13800000005',
		password: 'demo-rep-2026',
		person: 'representative'
	},
	{
		role: 'villager',
		title: '村务监督委员会',
		name: '陈淑珍',
		phone: '13800000006',
		password: 'demo-supervisor-2026',
		person: 'supervisor'
	}
];

// The current terms began with the 2021 village elections.
const TERM_START = '2021-04-01';

export function seedingEnabled(): boolean {
	// Off unless asked for: a production server must never get accounts whose passwords are public.
	return env.SEED_DEMO === '1';
}

interface SeedPerson {
	id: number;
	name: string;
	gender: 'm' | 'f';
	birthDate: string;
	householdId: number;
	grid: string;
}

/** Assigns the demo village's roles: 一肩挑 secretary, committees, 20 representatives, 35 party members. */
function seedRoles(db: Db, actorId: number, villageId: number) {
	const rand = seededRandom(7);
	const people = db
		.prepare(
			`select p.id, p.name, p.gender, p.birth_date as birthDate, p.household_id as householdId, g.name as grid
			 from people p join households h on h.id = p.household_id join grids g on g.id = h.grid_id
			 where p.village_id = ? and p.birth_date <= '1998-01-01' order by p.id`
		)
		.all(villageId) as SeedPerson[];
	const byName = (name: string) => people.find((p) => p.name === name)!;
	const fixed = Object.fromEntries(
		Object.entries(DEMO_PEOPLE).map(([k, v]) => [k, byName(v.name)])
	) as Record<DemoPerson, SeedPerson>;
	const taken = new Set<number>(Object.values(fixed).map((p) => p.id));
	const used = (p: SeedPerson) => taken.has(p.id);
	const draw = (filter: (p: SeedPerson) => boolean) => {
		const pool = people.filter((p) => !used(p) && filter(p));
		const chosen = pool[Math.floor(rand() * pool.length)];
		taken.add(chosen.id);
		return chosen;
	};
	const assign = (person: SeedPerson, role: NewRole['role'], extra: Partial<NewRole> = {}) => {
		const r = assignRole(db, actorId, villageId, {
			personId: person.id,
			role,
			startDate: TERM_START,
			...extra
		});
		if (!r.ok) throw new Error(`demo role ${role} for ${person.name}: ${r.reason}`);
	};

	const committee = [
		fixed.secretary,
		fixed.clerk,
		draw((p) => p.gender === 'm'),
		draw((p) => p.gender === 'f'),
		draw((p) => p.gender === 'm')
	];
	const committeeHouseholds = new Set(committee.map((p) => p.householdId));
	const branch = [
		fixed.secretary,
		committee[2],
		draw((p) => p.gender === 'm'),
		draw((p) => p.gender === 'f')
	];
	const supervision = [
		fixed.supervisor,
		draw((p) => !committeeHouseholds.has(p.householdId)),
		draw((p) => !committeeHouseholds.has(p.householdId))
	];
	const households = db
		.prepare(
			'select h.id, g.name as grid from households h join grids g on g.id = h.grid_id where h.village_id = ? order by h.id'
		)
		.all(villageId) as { id: number; grid: string }[];

	assign(fixed.secretary, 'branch_secretary');
	assign(fixed.secretary, 'villagers_committee', { isChair: true });
	for (const p of committee.slice(1)) assign(p, 'villagers_committee');
	for (const p of branch.slice(1)) assign(p, 'branch_committee');
	for (const p of supervision) assign(p, 'supervision_committee');
	assign(fixed.clerk, 'clerk');

	// 20 representatives, ten of them women, each representing six households of their grid.
	const reps: SeedPerson[] = [fixed.representative];
	for (let i = 1; i < 20; i++) {
		const grid = DEMO_GRIDS[Math.floor(i / 2.5)];
		reps.push(
			draw(
				(p) =>
					p.grid === grid &&
					p.gender === (i % 2 === 1 ? 'f' : 'm') &&
					!committeeHouseholds.has(p.householdId)
			)
		);
	}
	reps.forEach((p, i) =>
		assign(p, 'village_rep', { householdIds: households.slice(i * 6, i * 6 + 6).map((h) => h.id) })
	);

	DEMO_GRIDS.forEach((grid, i) => {
		const head = i === 0 ? fixed.gridHead : draw((p) => p.grid === grid);
		assign(head, 'grid_head', {
			gridId: (
				db
					.prepare('select id from grids where village_id = ? and name = ?')
					.get(villageId, grid) as { id: number }
			).id
		});
	});

	// 35 party members: the branch, most of the committee, and others; two are probationary (预备党员).
	const party = [...branch, committee[3], ...reps.slice(0, 6)];
	while (party.length < 33) party.push(draw(() => true));
	party.forEach((p) =>
		assign(p, 'party_member', { startDate: '2010-07-01', fullSince: '2011-07-01' })
	);
	for (let i = 0; i < 2; i++)
		assign(
			draw(() => true),
			'party_member',
			{ startDate: '2026-06-01' }
		);
}

/** Seeds the demo village when the database has no village yet. Returns whether it seeded. */
export async function seedDemo(db: Db, options = { topics: true }): Promise<boolean> {
	const empty = (db.prepare('select count(*) as n from villages').get() as { n: number }).n === 0;
	if (!empty) return false;
	const roster = demoRosterCsv();
	const parsed = await parseRoster(roster, '新阳村村民花名册.csv', '2026-11-01');
	if (!parsed.ok || parsed.errors.length) {
		throw new Error(
			`demo roster does not validate: ${JSON.stringify(parsed.ok ? parsed.errors.slice(0, 3) : parsed.fileError)}`
		);
	}
	const hudongRoster = await parseRoster(hudongRosterCsv(), HUDONG_ROSTER_FILE, '2026-11-01');
	if (!hudongRoster.ok || hudongRoster.errors.length)
		throw new Error(`湖东村 roster does not validate: ${JSON.stringify(hudongRoster)}`);
	const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
	const townshipHashes = {
		clerk: await hashPassword(DEMO_SECOND_VILLAGE.clerk.password),
		township: await Promise.all(DEMO_TOWNSHIP_ACCOUNTS.map((a) => hashPassword(a.password)))
	};
	// The system itself seeds: a null actor, whose nested commands each name their own village.
	command(db, {
		actor: null,
		villageId: null,
		run: () => {
			const [admin, clerk] = DEMO_ACCOUNTS;
			const adminAccount = createAccount(db, null, {
				villageId: null,
				role: admin.role,
				name: admin.name,
				phone: admin.phone,
				passwordHash: hashes[0]
			});
			if (!adminAccount.ok) throw new Error('demo admin could not be created');
			const adminId = adminAccount.account.id;
			const created = createVillage(db, adminId, {
				...DEMO_VILLAGE,
				clerk: { name: clerk.name, phone: clerk.phone }
			});
			if (!created.ok) throw new Error(`demo village could not be created: ${created.reason}`);
			const villageId = created.village.id;
			const clerkId = created.clerkId;
			command(db, {
				actor: actorOfLogin(db, adminId),
				villageId,
				run: (_, ctx) => {
					db.prepare('update users set password_hash = ? where id = ?').run(hashes[1], clerkId);
					ctx.audit({
						action: 'account.demo_password_set',
						subjectType: 'user',
						subjectId: clerkId
					});
					return { ok: true as const };
				}
			});

			addStructureNames(db, clerkId, villageId, 'group', DEMO_GROUPS);
			addStructureNames(db, clerkId, villageId, 'grid', DEMO_GRIDS);
			const imported = applyImport(db, clerkId, villageId, parsed.rows, {
				fileName: '新阳村村民花名册.csv',
				sha256: sha256Hex(roster)
			});
			if (!imported.ok)
				throw new Error(
					`demo roster import failed: ${JSON.stringify(imported.issues.slice(0, 3))}`
				);
			seedRoles(db, clerkId, villageId);
			seedDemoVenues(db, villageId);

			DEMO_ACCOUNTS.forEach((a, i) => {
				if (a.role === 'admin') return;
				const userId =
					a === clerk
						? clerkId
						: (() => {
								const r = createAccount(db, adminId, {
									villageId,
									role: a.role,
									name: a.name,
									phone: a.phone,
									passwordHash: hashes[i]
								});
								if (!r.ok) throw new Error(`demo account ${a.phone} could not be created`);
								return r.account.id;
							})();
				const person = db
					.prepare('select id from people where village_id = ? and name = ? and phone = ?')
					.get(villageId, a.name, a.phone) as { id: number };
				linkAccountToPerson(db, villageId, userId, person.id);
			});
			const hudong = seedDemoTownship(db, adminId, DEMO_VILLAGE, townshipHashes);
			seedHudongRoster(db, hudong.villageId, hudong.clerkId, hudongRoster.rows);
			if (options.topics) {
				seedDemoTopics(db, villageId);
				// One clock for every dated step, so the demo's relative dates agree with each other.
				const now = new Date();
				seedDemoMeetings(db, villageId, now);
				seedDemoHallEvents(db, villageId, now);
				seedDemoProcedure(db, villageId, now);
				seedDemoFilings(db, villageId);
				seedDemoNotices(db, villageId, now);
				seedDemoImplementation(db, villageId, now);
				seedDemoServices(db, villageId, now);
				seedDemoCollective(db, villageId);
				seedDemoHouseholds(db, villageId, now);
				seedDemoRules(db, villageId);

				seedDemoGridPoints(db, villageId, now);
				seedDemoHonours(db, villageId, now);

				// After the rules in force (seedDemoRules): it revises their straw-burning article.
				seedDemoRulesRevision(db, villageId, now);
				seedHudongRecords(db, hudong.villageId, now);
			}
			return { ok: true as const };
		}
	});
	return true;
}

export async function seedOnFirstStart(db: Db): Promise<void> {
	const seeded = seedingEnabled() && (await seedDemo(db));
	if (!findVillageBySlug(db, DEMO_VILLAGE.slug)) return;
	const lines = [
		...DEMO_ACCOUNTS,
		...DEMO_TOWNSHIP_ACCOUNTS,
		{ title: `${DEMO_SECOND_VILLAGE.name}文书`, ...DEMO_SECOND_VILLAGE.clerk }
	].map((a) => `  ${a.title}\t${a.name}\t${a.phone}\t${a.password}`);
	console.log(
		`${seeded ? 'Seeded the demo village' : 'Demo village'} ${DEMO_VILLAGE.name} (/${DEMO_VILLAGE.slug}). ` +
			`Demo accounts (as seeded; a changed password is not shown):\n${lines.join('\n')}`
	);
}
