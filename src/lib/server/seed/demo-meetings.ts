// The demo village's meetings: a representatives' meeting notified four days ago and ready to open
// today (so the hall can be tried at once), and a villagers' meeting called for two weeks ahead.
// Dates are relative to the day of seeding; every step goes through the meeting commands.
import type { Db } from '../db';
import { actorByPhone } from './actors';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { notifyMeeting } from '../meetings/notice';
import { addDays, todayInChina } from '../calendar/dates';
import { listVenues } from '../venues/records';
import { seedDemoClosedMeeting } from './demo-closed-meeting';

const chinaMorning = (date: string) => new Date(`${date}T01:00:00Z`); // 09:00 in China

const actorOf = actorByPhone;

export const DEMO_TODAY_MEETING_TITLE = '村民代表会议：果蔬储藏库建设方案';

export function seedDemoMeetings(db: Db, villageId: number, now = new Date()): void {
	// Meetings 1, 2 and 3 as the stories know them: the closed assembly, then these two, called
	// while its vote waits for the storage house's joint meeting.
	seedDemoClosedMeeting(db, villageId, () => callDemoMeetings(db, villageId, now));
}

/** Today's representatives' meeting and the villagers' meeting two weeks ahead, notified. */
function callDemoMeetings(db: Db, villageId: number, now: Date): void {
	const clerk = actorOf(db, '13800000001');
	const secretary = actorOf(db, '13800000002');
	const today = todayInChina(now);
	// Both upcoming meetings are in the hall itself, as the source article's meetings are.
	const hall = listVenues(db, villageId).find((v) => v.name === '湖边议事厅')?.id ?? null;
	const topicId = (title: string) =>
		(
			db
				.prepare('select id from topics where village_id = ? and title = ?')
				.get(villageId, title) as { id: number } | undefined
		)?.id ?? null;

	const call = (
		input: Parameters<typeof createMeeting>[3],
		agenda: { title: string; topic?: string; materials: string }[],
		noticeDate: string
	) => {
		const at = chinaMorning(noticeDate);
		const created = createMeeting(db, clerk, villageId, input, { now: at });
		if (!created.ok) throw new Error(`demo meeting ${input.title}: ${created.reason}`);
		for (const item of agenda) {
			const r = addAgendaItem(
				db,
				clerk,
				villageId,
				created.meeting.id,
				{
					title: item.title,
					topicId: item.topic ? topicId(item.topic) : null,
					materials: item.materials
				},
				{ now: at }
			);
			if (!r.ok) throw new Error(`demo agenda ${item.title}: ${r.reason}`);
		}
		const n = notifyMeeting(db, clerk, villageId, created.meeting.id, { now: at });
		if (!n.ok) throw new Error(`demo notice ${input.title}: ${n.reason}`);
	};

	call(
		{
			type: 'reps_meeting',
			title: DEMO_TODAY_MEETING_TITLE,
			meetingDate: today,
			startsAt: '09:00',
			endsAt: '11:30',
			venueId: hall,
			chairPersonId: secretary.personId,
			recorderPersonId: clerk.personId
		},
		[
			{
				title: '建设1000平方米果蔬储藏库',
				topic: '建设1000平方米果蔬储藏库',
				materials:
					'选址：村东头原砖厂空地。建筑面积1000平方米。总投资72.4万元：中央扶持资金50万元，村集体自筹22.4万元。' +
					'党支部会议、两委联席会议已提出方案，党员大会已审议通过。'
			}
		],
		addDays(today, -4)
	);

	call(
		{
			type: 'villagers_meeting',
			title: '村民会议：修订村规民约',
			meetingDate: addDays(today, 14),
			startsAt: '14:00',
			endsAt: '16:30',
			venueId: hall,
			chairPersonId: secretary.personId,
			recorderPersonId: clerk.personId
		},
		[
			{
				title: '修订村规民约（环境卫生、红白喜事简办）',
				materials: '修订草案已在各网格张贴，请村民会前阅读并提出意见。'
			}
		],
		today
	);
}
