// The demo village's roster as a clerk would keep it: a 村民花名册 spreadsheet (CSV) generated
// deterministically, so every fresh start and every test sees the same 新阳村.
import { idCheckDigit } from '../roster/parse/id-number';
import { ROSTER_TEMPLATE_HEADER } from '../roster/parse/template';
import { seededRandom } from '../../random.js';

export const DEMO_GROUPS = ['第一村民小组', '第二村民小组', '第三村民小组', '第四村民小组'];
export const DEMO_GRIDS = [
	'第一网格',
	'第二网格',
	'第三网格',
	'第四网格',
	'第五网格',
	'第六网格',
	'第七网格',
	'第八网格'
];
export const DEMO_HOUSEHOLDS = 120;

// People the demo accounts and the story need, placed in fixed households.
export const DEMO_PEOPLE = {
	secretary: {
		name: '李建国',
		gender: 'm',
		birth: '1968-05-16',
		household: 1,
		phone: '13800000002'
	},
	clerk: { name: '王丽', gender: 'f', birth: '1986-09-03', household: 2, phone: '13800000001' },
	villager: {
		name: '张秀英',
		gender: 'f',
		birth: '1951-02-11',
		household: 3,
		phone: '13800000003'
	},
	gridHead: {
		name: '赵桂兰',
		gender: 'f',
		birth: '1972-11-30',
		household: 4,
		phone: '13800000004'
	},
	representative: {
		name: '刘志强',
		gender: 'm',
		birth: '1975-04-08',
		household: 5,
		phone: '13800000005'
	},
	supervisor: {
		name: '陈淑珍',
		gender: 'f',
		birth: '1966-08-19',
		household: 30,
		phone: '13800000006'
	}
} as const;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const MALE = [
	'建国',
	'志强',
	'国庆',
	'振华',
	'德明',
	'永胜',
	'海涛',
	'立新',
	'宝山',
	'长林',
	'文斌',
	'春生',
	'玉林',
	'学军',
	'福贵',
	'金龙',
	'树森',
	'铁柱',
	'洪亮',
	'俊杰'
];
const FEMALE = [
	'秀英',
	'桂兰',
	'淑珍',
	'玉梅',
	'丽华',
	'春燕',
	'凤英',
	'红梅',
	'晓燕',
	'素芬',
	'桂芳',
	'海燕',
	'淑华',
	'美玲',
	'彩霞',
	'雪梅',
	'翠花',
	'丽娟',
	'金凤',
	'慧敏'
];
const REGION = '230306'; // 鸡西市城子河区

interface Member {
	name: string;
	gender: 'm' | 'f';
	birth: string;
	relation: string;
	phone: string;
}

function pad(n: number, width: number) {
	return String(n).padStart(width, '0');
}

/** A fictional but well-formed 18-digit resident ID number (correct check digit). */
function idNumber(birth: string, gender: 'm' | 'f', serial: number): string {
	const seq = pad((serial * 2 + (gender === 'm' ? 1 : 0)) % 1000, 3);
	const body = `${REGION}${birth.replaceAll('-', '')}${seq}`;
	return body + idCheckDigit(body);
}

/** The roster as rows under the template's header, one person a row. */
export function demoRosterRows(): string[][] {
	const rand = seededRandom(20260101);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
	const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
	const birth = (fromYear: number, toYear: number) =>
		`${between(fromYear, toYear)}-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`;
	const fixed = Object.values(DEMO_PEOPLE);
	let phoneSerial = 0;
	const phone = () => `1371${pad(++phoneSerial, 7)}`;
	const rows: string[][] = [];
	let serial = 0;
	for (let h = 1; h <= DEMO_HOUSEHOLDS; h++) {
		const grid = Math.floor((h - 1) / (DEMO_HOUSEHOLDS / DEMO_GRIDS.length));
		const group = Math.floor(grid / 2);
		const surname = pick([...SURNAMES]);
		const special = fixed.find((p) => p.household === h);
		const headGender: 'm' | 'f' = special ? special.gender : rand() < 0.8 ? 'm' : 'f';
		const headBirth = special ? special.birth : birth(1950, 1985);
		const members: Member[] = [
			{
				name: special ? special.name : surname + pick(headGender === 'm' ? MALE : FEMALE),
				gender: headGender,
				birth: headBirth,
				relation: '户主',
				phone: special ? special.phone : rand() < 0.9 ? phone() : ''
			}
		];
		const headYear = Number(headBirth.slice(0, 4));
		if (rand() < 0.85) {
			const g = headGender === 'm' ? 'f' : 'm';
			members.push({
				name: pick([...SURNAMES]) + pick(g === 'm' ? MALE : FEMALE),
				gender: g,
				birth: birth(headYear - 3, headYear + 4),
				relation: '配偶',
				phone: rand() < 0.6 ? phone() : ''
			});
		}
		if (rand() < 0.25) {
			const g = rand() < 0.6 ? 'f' : 'm';
			members.push({
				name: surname + pick(g === 'm' ? MALE : FEMALE),
				gender: g,
				birth: birth(1930, Math.min(1950, headYear - 18)),
				relation: g === 'm' ? '父亲' : '母亲',
				phone: ''
			});
		}
		const adultChildren = rand() < 0.4 ? 1 : rand() < 0.25 ? 2 : 0;
		const minors = between(0, 2);
		for (let c = 0; c < adultChildren + minors; c++) {
			const g = rand() < 0.5 ? 'f' : 'm';
			const adult = c < adultChildren;
			members.push({
				name: surname + pick(g === 'm' ? MALE : FEMALE),
				gender: g,
				birth: adult ? birth(Math.max(headYear + 20, 1990), 2007) : birth(2009, 2022),
				relation: g === 'm' ? '儿子' : '女儿',
				phone: adult && rand() < 0.7 ? phone() : ''
			});
		}
		const seen = new Set<string>();
		for (const member of members) {
			// Same name and birthday in one household would be one person twice.
			const key = `${member.name}|${member.birth}`;
			if (seen.has(key)) continue;
			seen.add(key);
			serial++;
			rows.push([
				String(serial),
				member.name,
				member.gender === 'm' ? '男' : '女',
				member.birth,
				idNumber(member.birth, member.gender, serial),
				member.relation,
				pad(h, 3),
				`新阳村${group + 1}组${pad(h, 3)}号`,
				member.phone,
				DEMO_GROUPS[group],
				DEMO_GRIDS[grid]
			]);
		}
	}
	return rows;
}

/** The roster file as a clerk would upload it: CSV, UTF-8 with a BOM, a title row on top. */
export function demoRosterCsv(): Uint8Array {
	const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
	const lines = [
		'新阳村村民花名册',
		ROSTER_TEMPLATE_HEADER.join(','),
		...demoRosterRows().map((r) => r.map(quote).join(','))
	];
	return new TextEncoder().encode('\ufeff' + lines.join('\r\n') + '\r\n');
}
