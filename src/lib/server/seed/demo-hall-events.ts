// The demo's month of hall events (新阳村: "more than 20 activities" a year in the source article,
// here a busy month of them around today): past ones with their attendance, counted by the desk or
// signed in by QR, upcoming ones, and one private wedding that never shows on the public calendar.
// All go through the hall desk's own commands; a slot that clashes with a meeting is skipped.
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { bookEvent } from '../venues/booking';
import { checkInToEvent, issueCheckinKey, recordAttendance } from '../venues/attendance';
import type { EventKind } from '../venues/records';
import { DEMO_VENUES } from './demo-venues';
import { actorByPhone } from './actors';

type Venue = (typeof DEMO_VENUES)[number]['name'];

interface Plan {
	day: number;
	kind: EventKind;
	title: string;
	venue: Venue;
	from: string;
	to: string;
	organiser?: string;
	description?: string;
	/** A typed head count, 'qr' for sign-ins by the demo's villagers, or nothing recorded. */
	came?: number | 'qr';
}

export const DEMO_WEDDING_TITLE = '简办婚事（婚宴）';
/** Today's event, open all day, where the demo's villagers can try the QR sign-in. */
export const DEMO_TODAY_EVENT_TITLE = '农家书屋开放日';

const PLANS: Plan[] = [
	{
		day: -27,
		kind: 'sports',
		title: '广场舞培训',
		venue: '文体活动室',
		from: '19:00',
		to: '20:30',
		organiser: '村妇联',
		came: 38
	},
	{
		day: -25,
		kind: 'training',
		title: '法治讲座：民法典与婚姻家庭',
		venue: '湖边议事厅',
		from: '14:30',
		to: '16:00',
		organiser: '镇司法所',
		came: 56
	},
	{
		day: -23,
		kind: 'reading',
		title: '农家书屋读书会',
		venue: '农家书屋',
		from: '15:00',
		to: '16:30',
		came: 'qr'
	},
	{
		day: -21,
		kind: 'film',
		title: '露天电影《我和我的家乡》',
		venue: '湖畔戏台',
		from: '19:00',
		to: '21:00',
		organiser: '县电影公司',
		came: 180
	},
	{
		day: -20,
		kind: 'sports',
		title: '广场舞培训',
		venue: '文体活动室',
		from: '19:00',
		to: '20:30',
		organiser: '村妇联',
		came: 41
	},
	{
		day: -18,
		kind: 'wedding',
		title: DEMO_WEDDING_TITLE,
		venue: '湖边议事厅',
		from: '11:00',
		to: '14:00'
	},
	{
		day: -16,
		kind: 'performance',
		title: '村晚排练',
		venue: '湖畔戏台',
		from: '19:00',
		to: '21:00',
		organiser: '村文艺队'
	},
	{
		day: -14,
		kind: 'sports',
		title: '乒乓球友谊赛',
		venue: '文体活动室',
		from: '14:00',
		to: '17:00',
		came: 24
	},
	{
		day: -13,
		kind: 'reading',
		title: '儿童绘本故事会',
		venue: '农家书屋',
		from: '10:00',
		to: '11:00',
		organiser: '志愿者',
		came: 18
	},
	{
		day: -11,
		kind: 'elderly_care',
		title: '重阳敬老宴',
		venue: '湖边议事厅',
		from: '11:00',
		to: '13:30',
		organiser: '村委会',
		description: '70 岁以上老人免费参加，行动不便的由网格长接送。',
		came: 112
	},
	{
		day: -9,
		kind: 'training',
		title: '法治讲座：防范电信诈骗',
		venue: '湖边议事厅',
		from: '19:00',
		to: '20:30',
		organiser: '镇派出所',
		came: 64
	},
	{
		day: -7,
		kind: 'film',
		title: '露天电影《长津湖》',
		venue: '湖畔戏台',
		from: '19:00',
		to: '21:30',
		organiser: '县电影公司',
		came: 150
	},
	{
		day: -4,
		kind: 'sports',
		title: '广场舞培训',
		venue: '文体活动室',
		from: '19:00',
		to: '20:30',
		organiser: '村妇联',
		came: 35
	},
	{
		day: -2,
		kind: 'performance',
		title: '村晚排练',
		venue: '文体活动室',
		from: '19:00',
		to: '21:00',
		organiser: '村文艺队',
		came: 30
	},
	{
		day: 0,
		kind: 'reading',
		title: DEMO_TODAY_EVENT_TITLE,
		venue: '农家书屋',
		from: '00:00',
		to: '23:59',
		description: '全天开放，来了扫门口的二维码签到。'
	},
	{
		day: 1,
		kind: 'sports',
		title: '广场舞培训',
		venue: '文体活动室',
		from: '19:00',
		to: '20:30',
		organiser: '村妇联'
	},
	{
		day: 3,
		kind: 'training',
		title: '法治讲座：土地承包与流转',
		venue: '湖边议事厅',
		from: '14:30',
		to: '16:00',
		organiser: '镇司法所'
	},
	{
		day: 5,
		kind: 'reading',
		title: '农家书屋读书会',
		venue: '农家书屋',
		from: '15:00',
		to: '16:30'
	},
	{
		day: 7,
		kind: 'film',
		title: '露天电影《我的父亲母亲》',
		venue: '湖畔戏台',
		from: '19:00',
		to: '21:00',
		organiser: '县电影公司'
	},
	{
		day: 10,
		kind: 'performance',
		title: '村晚排练',
		venue: '湖畔戏台',
		from: '19:00',
		to: '21:00',
		organiser: '村文艺队'
	},
	{
		day: 14,
		kind: 'celebration',
		title: '冬至包饺子',
		venue: '湖边议事厅',
		from: '10:00',
		to: '13:00',
		organiser: '村委会'
	},
	{
		day: 20,
		kind: 'performance',
		title: '新阳村村晚',
		venue: '湖畔戏台',
		from: '18:30',
		to: '21:30',
		organiser: '村文艺队'
	}
];

/** The demo's villagers with a login, who sign in by QR at the reading club. */
const QR_PHONES = ['13800000003', '13800000004', '13800000005', '13800000006', '13800000002'];

const instant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

export function seedDemoHallEvents(db: Db, villageId: number, now = new Date()): void {
	const clerk = actorByPhone(db, '13800000001');
	const today = todayInChina(now);
	const venueId = new Map(
		(
			db.prepare('select id, name from venues where village_id = ?').all(villageId) as {
				id: number;
				name: string;
			}[]
		).map((v) => [v.name, v.id])
	);
	const household = db
		.prepare('select id from households where village_id = ? order by id limit 1')
		.pluck()
		.get(villageId) as number;
	for (const p of PLANS) {
		const date = addDays(today, p.day);
		const booked = bookEvent(
			db,
			clerk,
			villageId,
			{
				venueId: venueId.get(p.venue)!,
				kind: p.kind,
				title: p.title,
				description: p.description,
				organiser: p.organiser,
				date,
				startTime: p.from,
				endTime: p.to,
				householdId: p.kind === 'wedding' ? household : null
			},
			// Booked a week ahead, as the desk would.
			{ now: instant(addDays(date, -7), '09:00') }
		);
		if (!booked.ok) continue;
		const id = booked.event.id;
		if (typeof p.came === 'number') {
			recordAttendance(db, clerk, villageId, id, p.came, { now: instant(date, p.to) });
		} else if (p.came === 'qr') {
			const key = issueCheckinKey(db, clerk, villageId, id, { now: instant(date, p.from) });
			if (!key.ok) continue;
			for (const phone of QR_PHONES)
				checkInToEvent(db, actorByPhone(db, phone), villageId, id, key.key, {
					now: instant(date, p.from)
				});
		}
	}
}
