// A party members' assembly held and closed in the past, with its minutes: step 3 of the 4+2 for
// the storage house (党员大会审议), which today's representatives' meeting builds on, after the
// joint meeting of both committees that proposed it (steps 1–2; a vote opens only on the step the
// matter is at). Every step goes through the meeting and minutes commands, at fixed past dates.
import type { Db } from '../db';
import { actorByPhone } from './actors';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { addSpeech, markLeft, signIn } from '../meetings/attendance';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { listRoster } from '../meetings/records';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { recordHands } from '../votes/ballots';
import { confirmMinutes, setMinutesText } from '../meetings/minutes';
import { submitWrittenOpinion } from '../meetings/opinions';
import { recordStep } from '../procedure/matters';
import { holdPastMeeting } from './demo-past-meeting';

export const DEMO_CLOSED_MEETING_TITLE = '党员大会：审议果蔬储藏库建设方案';
export const DEMO_CLOSED_MEETING_DATE = '2026-10-15';
const NOTICE_DATE = '2026-10-08';
const STORAGE_TOPIC = '建设1000平方米果蔬储藏库';
const VILLAGER_PHONE = '13800000003';

/** hh:mm on the meeting day, China time. */
const at = (hhmm: string, date = DEMO_CLOSED_MEETING_DATE) => new Date(`${date}T${hhmm}:00+08:00`);

const actorOf = actorByPhone;

function must<T extends { ok: boolean }>(r: T, what: string): T & { ok: true } {
	if (!r.ok) throw new Error(`demo closed meeting, ${what}: ${JSON.stringify(r)}`);
	return r as T & { ok: true };
}

/** Steps 1–2 of the storage house: the joint meeting of both committees (一肩挑) in September. */
function proposeStorageHouse(db: Db, villageId: number, topicId: number): void {
	const clerk = actorOf(db, '13800000001');
	const secretary = actorOf(db, '13800000002');
	const joint = holdPastMeeting(db, clerk, villageId, {
		type: 'two_committees',
		title: '两委联席会议：果蔬储藏库建设方案',
		noticeDate: '2026-09-14',
		meetingDate: '2026-09-21',
		chairPersonId: secretary.personId,
		motions: [
			{
				agendaTitle: STORAGE_TOPIC,
				topicId,
				materials: '党支部听取党员、村民代表和种植大户意见并实地查看选址后提出初步方案。',
				text: '党支部提议并经两委商议，形成建设1000平方米果蔬储藏库的初步方案，提交党员大会审议。'
			}
		]
	});
	must(
		recordStep(db, secretary, villageId, topicId, joint.motionIds[0], {
			now: at('12:00', '2026-09-21')
		}),
		'storage steps 1–2'
	);
}

/**
 * Seeds the closed assembly; returns its id. The storage-house topic is linked when seeded.
 * `beforeVote` runs while the assembly's vote waits for the storage house's joint meeting: the demo
 * calls its other meetings there, so they keep the numbers the stories link to.
 */
export function seedDemoClosedMeeting(
	db: Db,
	villageId: number,
	beforeVote: () => void = () => {}
): number {
	const clerk = actorOf(db, '13800000001');
	const secretary = actorOf(db, '13800000002');
	const villagerPerson = actorOf(db, VILLAGER_PHONE).personId;
	const topicId =
		(
			db
				.prepare('select id from topics where village_id = ? and title = ?')
				.get(villageId, STORAGE_TOPIC) as { id: number } | undefined
		)?.id ?? null;

	const meetingId = must(
		createMeeting(
			db,
			clerk,
			villageId,
			{
				type: 'party_assembly',
				title: DEMO_CLOSED_MEETING_TITLE,
				place: '村党员活动室',
				meetingDate: DEMO_CLOSED_MEETING_DATE,
				startsAt: '09:00',
				chairPersonId: secretary.personId,
				recorderPersonId: clerk.personId
			},
			{ now: at('09:00', NOTICE_DATE) }
		),
		'create'
	).meeting.id;
	const itemId = must(
		addAgendaItem(
			db,
			clerk,
			villageId,
			meetingId,
			{
				title: '审议建设1000平方米果蔬储藏库方案',
				topicId,
				materials:
					'党支部会议提议、两委联席会议商议形成的方案：选址村东头原砖厂空地，建筑面积1000平方米，' +
					'总投资72.4万元（中央扶持资金50万元，村集体自筹22.4万元）。'
			},
			{ now: at('09:05', NOTICE_DATE) }
		),
		'agenda'
	).agendaItemId;
	must(notifyMeeting(db, clerk, villageId, meetingId, { now: at('09:10', NOTICE_DATE) }), 'notice');
	must(openMeeting(db, clerk, villageId, meetingId, { now: at('09:00') }), 'open');

	// 28 of the 33 full members and one of the two probationary members sign in; the secretary is
	// among them and the demo villager (张秀英) is not, whatever the draw put on the roster.
	const roster = listRoster(db, meetingId);
	const voting = roster.filter((r) => r.voting);
	const present = [
		secretary.personId!,
		...voting
			.map((r) => r.personId)
			.filter((p) => p !== secretary.personId && p !== villagerPerson)
			.slice(0, 27)
	];
	const probationary = roster.find((r) => !r.voting && r.personId !== villagerPerson)!.personId;
	[...present, probationary].forEach((p, i) =>
		must(
			signIn(db, clerk, villageId, meetingId, p, {
				now: new Date(at('08:40').getTime() + i * 30_000)
			}),
			'sign-in'
		)
	);

	const speaker = roster.find((r) => r.personId === present[1])!;
	must(
		addSpeech(
			db,
			clerk,
			villageId,
			itemId,
			{
				personId: speaker.personId,
				speakerName: speaker.name,
				summary: '支持建储藏库。建议施工时优先雇用本村劳力，建成后的租金收入每年向全体村民公开。'
			},
			{ now: at('09:25') }
		),
		'speech'
	);
	// A written opinion from an attendee's phone (书面意见), appended while the meeting is open.
	const writer = roster.find((r) => r.personId === present[2])!;
	const opinionText = '同意方案。希望储藏库冷库部分采用节能设备，降低以后的电费。';
	// The writer acts on their own phone: the clerk's login with the writer's person, as the
	// topic seed does for co-signers.
	must(
		submitWrittenOpinion(
			db,
			{ userId: clerk.userId, personId: writer.personId, role: 'villager' },
			villageId,
			itemId,
			opinionText,
			{ now: at('09:30'), meetingId }
		),
		'written opinion'
	);

	const motionId = must(
		createMotion(
			db,
			clerk,
			villageId,
			itemId,
			{
				text: '同意建设1000平方米果蔬储藏库方案，提交村民代表会议表决。',
				method: 'hands'
			},
			{ now: at('09:40') }
		),
		'motion'
	).motion.id;
	beforeVote();
	if (topicId !== null) proposeStorageHouse(db, villageId, topicId);
	must(openMotion(db, clerk, villageId, motionId, { now: at('09:45') }), 'motion open');
	must(
		recordHands(
			db,
			clerk,
			villageId,
			motionId,
			{ no: 1, abstain: 2, othersYes: true },
			{ now: at('09:50') }
		),
		'hands'
	);
	must(
		closeMotion(db, clerk, villageId, motionId, { confirmed: true, now: at('09:51') }),
		'motion close'
	);
	must(
		markLeft(db, clerk, villageId, meetingId, present[present.length - 1], { now: at('10:00') }),
		'left'
	);
	must(
		setMinutesText(
			db,
			clerk,
			villageId,
			meetingId,
			[
				'会议由党支部书记李建国主持，文书王丽记录。',
				'李建国介绍了储藏库方案的由来：村民提出议题，党支部会议提议，两委联席会议商议形成方案。',
				'与会党员对选址、资金来源和建成后的管理进行了讨论。',
				'会议以举手表决方式审议通过该方案，同意提交村民代表会议表决。'
			].join('\n'),
			{ now: at('10:10') }
		),
		'minutes text'
	);
	must(
		closeMeeting(db, clerk, villageId, meetingId, { confirmed: true, now: at('10:20') }),
		'close'
	);

	// 20 attendees confirm on their phones over the next day; the secretary has not yet.
	present
		.slice(1, 21)
		.forEach((personId, i) =>
			must(
				confirmMinutes(
					db,
					{ userId: clerk.userId, personId, role: 'villager' },
					villageId,
					meetingId,
					{ now: new Date(at('10:30').getTime() + i * 45 * 60_000) }
				),
				'confirm'
			)
		);
	return meetingId;
}
