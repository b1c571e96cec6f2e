// 湖东村, the demo township's second village: a small roster (its clerk 孙海燕 on it), imported the
// way a clerk imports one, and a few records through the pages' commands that leave it late in the
// township's overview (a topic past its triage deadline, a service case never dispatched, no
// disclosure this quarter), so the overview shows a late village beside 新阳村.
import type { Db } from '../db';
import { idCheckDigit } from '../roster/parse/id-number';
import { ROSTER_TEMPLATE_HEADER } from '../roster/parse/template';
import type { RosterRow } from '../roster/parse/validate';
import { applyImport, sha256Hex } from '../roster/import';
import { addStructureNames } from '../roster/structure';
import { linkAccountToPerson } from '../roster/person-accounts';
import { createTopic } from '../topics/filing';
import { fileServiceRequest } from '../services/filing';
import { actorByPhone } from './actors';
import { DEMO_SECOND_VILLAGE } from './demo-township';

const GROUPS = ['第一村民小组', '第二村民小组'];
const GRIDS = ['第一网格', '第二网格'];
const DAY = 24 * 60 * 60 * 1000;
export const HUDONG_ROSTER_FILE = '湖东村村民花名册.csv';

// name, gender, birth, relation, household, phone; the first is the clerk, on the roster as a villager.
const PEOPLE: [string, 'm' | 'f', string, string, number, string][] = [
	[DEMO_SECOND_VILLAGE.clerk.name, 'f', '1984-06-12', '户主', 1, DEMO_SECOND_VILLAGE.clerk.phone],
	['钱志军', 'm', '1982-02-03', '配偶', 1, ''],
	['何德福', 'm', '1955-09-21', '户主', 2, '13800000022'],
	['何桂芝', 'f', '1957-03-14', '配偶', 2, ''],
	['周永强', 'm', '1970-11-08', '户主', 3, '13800000023'],
	['周丽娟', 'f', '1996-05-30', '女儿', 3, ''],
	['郑春花', 'f', '1962-01-17', '户主', 4, '13800000024'],
	['冯国平', 'm', '1968-07-25', '户主', 5, '13800000025'],
	['冯小燕', 'f', '1971-12-02', '配偶', 5, ''],
	['许长海', 'm', '1949-04-09', '户主', 6, '']
];

/** The roster file as the clerk would upload it: CSV, UTF-8 with a BOM. */
export function hudongRosterCsv(): Uint8Array {
	const rows = PEOPLE.map(([name, gender, birth, relation, household, phone], i) => {
		const body = `230306${birth.replaceAll('-', '')}${String(500 + i * 2 + (gender === 'm' ? 1 : 0))}`;
		const group = household <= 3 ? 0 : 1;
		return [
			String(i + 1),
			name,
			gender === 'm' ? '男' : '女',
			birth,
			body + idCheckDigit(body),
			relation,
			String(household).padStart(3, '0'),
			`湖东村${group + 1}组${household}号`,
			phone,
			GROUPS[group],
			GRIDS[group]
		].join(',');
	});
	const lines = ['湖东村村民花名册', ROSTER_TEMPLATE_HEADER.join(','), ...rows];
	return new TextEncoder().encode('\ufeff' + lines.join('\r\n') + '\r\n');
}

/** Imports the parsed roster as the clerk and links the clerk's login to her roster entry. */
export function seedHudongRoster(db: Db, villageId: number, clerkId: number, rows: RosterRow[]) {
	addStructureNames(db, clerkId, villageId, 'group', GROUPS);
	addStructureNames(db, clerkId, villageId, 'grid', GRIDS);
	const imported = applyImport(db, clerkId, villageId, rows, {
		fileName: HUDONG_ROSTER_FILE,
		sha256: sha256Hex(hudongRosterCsv())
	});
	if (!imported.ok)
		throw new Error(`湖东村 roster import failed: ${JSON.stringify(imported.issues.slice(0, 3))}`);
	const clerk = db
		.prepare('select id from people where village_id = ? and phone = ?')
		.pluck()
		.get(villageId, DEMO_SECOND_VILLAGE.clerk.phone) as number;
	linkAccountToPerson(db, villageId, clerkId, clerk);
}

const personNamed = (db: Db, villageId: number, name: string) =>
	db
		.prepare('select id from people where village_id = ? and name = ?')
		.pluck()
		.get(villageId, name) as number;

/** What leaves 湖东村 late: filed weeks ago at the window and never moved on. */
export function seedHudongRecords(db: Db, villageId: number, now: Date) {
	const clerk = actorByPhone(db, DEMO_SECOND_VILLAGE.clerk.phone);
	const filedAt = new Date(now.getTime() - 20 * DAY);
	const consentAt = new Date(filedAt.getTime() - 60_000).toISOString();
	const topic = createTopic(
		db,
		clerk,
		villageId,
		{
			title: '村西排水沟堵塞，雨天积水进院',
			description: '村西排水沟多年没有清淤，一下雨水就漫进几户人家的院子，希望村里组织清淤。',
			category: 'livelihood',
			place: '村西排水沟',
			affected: '第二村民小组沿沟住户',
			estimatedCostFen: null,
			funding: ''
		},
		{
			submit: true,
			now: filedAt,
			onBehalf: {
				personId: personNamed(db, villageId, '何德福'),
				channel: 'hall_window',
				consentKind: 'read_back',
				consentAt
			}
		}
	);
	if (!topic.ok) throw new Error(`湖东村 topic: ${topic.reason}`);
	const request = fileServiceRequest(
		db,
		clerk,
		villageId,
		{
			category: 'certificate',
			title: '开具家庭经济困难证明',
			description: '孩子上学申请助学金，需要村里开具家庭经济困难证明。',
			urgent: false
		},
		{
			now: filedAt,
			onBehalf: {
				personId: personNamed(db, villageId, '郑春花'),
				channel: 'hall_window',
				consentKind: 'read_back',
				consentAt
			}
		}
	);
	if (!request.ok) throw new Error(`湖东村 service request: ${request.reason}`);
}
