// The demo's 4+2 matters, recorded through the procedure commands from meetings held in the past:
// the storage house reaches step 4 (its joint meeting of both committees in September, then the
// closed party assembly), waiting for today's representatives' meeting; the straw-burning village
// rule went through all four meetings recently and its resolution is under notice. The villagers'
// meeting that adopted the rule also authorised the representatives' meeting for development
// projects, which is what lets today's meeting decide the storage house.
import type { Db } from '../db';
import { addAgendaItem, addGuest, createMeeting } from '../meetings/calling';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion, openMotion } from '../votes/motions';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { recordHands } from '../votes/ballots';
import { signIn } from '../meetings/attendance';
import type { MeetingType } from '../votes/rules';
import { addDays, todayInChina } from '../calendar/dates';
import { authorizeReps, recordStep } from '../procedure/matters';
import { publishResolution } from '../procedure/publication';
import { DEMO_CLOSED_MEETING_TITLE } from './demo-closed-meeting';
import { type Actor } from '../permissions';

const STORAGE_TOPIC = '建设1000平方米果蔬储藏库';
const STRAW_TOPIC = '修订村规民约：禁止露天焚烧秸秆';
export const ROAD_TOPIC = '硬化三组至四组村道1.2公里';
const TOWNSHIP = { name: '孙明', position: '长青乡党委委员' };

/** hh:mm on a day, China time. */
const at = (date: string, hhmm = '09:00') => new Date(`${date}T${hhmm}:00+08:00`);

function must<T extends { ok: boolean }>(r: T, what: string): T & { ok: true } {
	if (!r.ok) throw new Error(`demo procedure, ${what}: ${JSON.stringify(r)}`);
	return r as T & { ok: true };
}

export interface PastMotion {
	text: string;
	topicId: number | null;
	agendaTitle: string;
	materials?: string;
	/** Show of hands: everyone signed in votes yes but `no` and `abstain`. */
	no?: number;
	abstain?: number;
	/** Everyone votes no. */
	fails?: boolean;
}

/**
 * Holds a meeting through the meeting commands, at past dates: notified on `noticeDate`, opened
 * on `meetingDate` with every voting member signed in, each motion by a show of hands, closed.
 * Returns the meeting and its motions' ids, in order.
 */
export function holdPastMeeting(
	db: Db,
	clerk: Actor,
	villageId: number,
	input: {
		type: MeetingType;
		title: string;
		noticeDate: string;
		meetingDate: string;
		place?: string;
		chairPersonId?: number | null;
		township?: boolean;
		motions: PastMotion[];
	}
): { meetingId: number; motionIds: number[] } {
	const day = input.meetingDate;
	const meetingId = must(
		createMeeting(
			db,
			clerk,
			villageId,
			{
				type: input.type,
				title: input.title,
				place: input.place ?? '村委会议事厅',
				meetingDate: day,
				startsAt: '09:00',
				chairPersonId: input.chairPersonId ?? null,
				recorderPersonId: clerk.personId
			},
			{ now: at(input.noticeDate) }
		),
		`create ${input.title}`
	).meeting.id;
	const items = input.motions.map(
		(mo) =>
			must(
				addAgendaItem(
					db,
					clerk,
					villageId,
					meetingId,
					{ title: mo.agendaTitle, topicId: mo.topicId, materials: mo.materials ?? '' },
					{ now: at(input.noticeDate) }
				),
				`agenda ${mo.agendaTitle}`
			).agendaItemId
	);
	must(notifyMeeting(db, clerk, villageId, meetingId, { now: at(input.noticeDate) }), 'notify');
	must(openMeeting(db, clerk, villageId, meetingId, { now: at(day) }), 'open');
	if (input.township)
		must(
			addGuest(
				db,
				clerk,
				villageId,
				meetingId,
				{ kind: 'township', ...TOWNSHIP },
				{ now: at(day) }
			),
			'township guest'
		);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(meetingId) as number[];
	for (const p of voters)
		must(signIn(db, clerk, villageId, meetingId, p, { now: at(day, '09:05') }), 'sign in');
	const motionIds = input.motions.map((mo, i) => {
		const id = must(
			createMotion(
				db,
				clerk,
				villageId,
				items[i],
				{ text: mo.text, method: 'hands' },
				{ now: at(day, '09:30') }
			),
			`motion ${mo.text}`
		).motion.id;
		must(openMotion(db, clerk, villageId, id, { now: at(day, '09:40') }), 'motion open');
		const tally = mo.fails
			? { yes: 0, no: voters.length, abstain: 0 }
			: { no: mo.no ?? 0, abstain: mo.abstain ?? 0, othersYes: true as const };
		must(recordHands(db, clerk, villageId, id, tally, { now: at(day, '09:45') }), 'hands');
		must(
			closeMotion(db, clerk, villageId, id, { confirmed: true, now: at(day, '09:50') }),
			'motion close'
		);
		return id;
	});
	must(
		closeMeeting(db, clerk, villageId, meetingId, { confirmed: true, now: at(day, '11:00') }),
		'close'
	);
	return { meetingId, motionIds };
}

export function seedDemoProcedure(db: Db, villageId: number, now = new Date()): void {
	const actorOf = (phone: string): Actor => {
		const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
			id: number;
			person_id: number | null;
			role: Actor['role'];
		};
		return { userId: u.id, personId: u.person_id, role: u.role };
	};
	const clerk = actorOf('13800000001');
	const secretary = actorOf('13800000002');
	const topicId = (title: string) =>
		(
			db
				.prepare('select id from topics where village_id = ? and title = ?')
				.get(villageId, title) as { id: number } | undefined
		)?.id;
	const storage = topicId(STORAGE_TOPIC);
	const straw = topicId(STRAW_TOPIC);
	if (storage === undefined || straw === undefined) return;
	const today = todayInChina(now);
	const hold = (input: Parameters<typeof holdPastMeeting>[3]) =>
		holdPastMeeting(db, clerk, villageId, { chairPersonId: secretary.personId, ...input });

	// The storage house: steps 1–2 in one joint meeting (一肩挑), step 3 the closed assembly.
	const joint = hold({
		type: 'two_committees',
		title: '两委联席会议：果蔬储藏库建设方案',
		noticeDate: '2026-09-14',
		meetingDate: '2026-09-21',
		motions: [
			{
				agendaTitle: STORAGE_TOPIC,
				topicId: storage,
				materials: '党支部听取党员、村民代表和种植大户意见并实地查看选址后提出初步方案。',
				text: '党支部提议并经两委商议，形成建设1000平方米果蔬储藏库的初步方案，提交党员大会审议。'
			}
		]
	});
	must(
		recordStep(db, secretary, villageId, storage, joint.motionIds[0], {
			now: at('2026-09-21', '12:00')
		}),
		'storage steps 1–2'
	);
	const assemblyMotion = db
		.prepare(
			`select mo.id from motions mo join meetings m on m.id = mo.meeting_id
			 where m.village_id = ? and m.title = ? order by mo.id limit 1`
		)
		.pluck()
		.get(villageId, DEMO_CLOSED_MEETING_TITLE) as number | undefined;
	if (assemblyMotion !== undefined)
		must(
			recordStep(db, clerk, villageId, storage, assemblyMotion, { now: at('2026-10-15', '12:00') }),
			'storage step 3'
		);

	// The village road: decided in June and published; its implementation and result follow in
	// the implementation seed, so one resolution of the demo has its results disclosed.
	const road = topicId(ROAD_TOPIC);
	if (road !== undefined) {
		const roadMotion = (text: string) => ({ agendaTitle: ROAD_TOPIC, topicId: road, text });
		const roadSteps: [Parameters<typeof hold>[0], string][] = [
			[
				{
					type: 'two_committees',
					title: '两委联席会议：三组至四组村道硬化方案',
					noticeDate: '2026-05-13',
					meetingDate: '2026-05-20',
					motions: [
						roadMotion(
							'党支部提议并经两委商议，形成硬化三组至四组村道1.2公里的方案，提交党员大会审议。'
						)
					]
				},
				'road steps 1–2'
			],
			[
				{
					type: 'party_assembly',
					title: '党员大会：审议村道硬化方案',
					place: '村党员活动室',
					noticeDate: '2026-05-27',
					meetingDate: '2026-06-03',
					township: true,
					motions: [roadMotion('同意村道硬化方案，提交村民会议决定。')]
				},
				'road step 3'
			],
			[
				{
					type: 'villagers_meeting',
					title: '村民会议：三组至四组村道硬化',
					place: '村委会前广场',
					noticeDate: '2026-06-08',
					meetingDate: '2026-06-20',
					township: true,
					motions: [
						{
							...roadMotion(
								'同意硬化三组至四组村道1.2公里，总投资42万元：一事一议财政奖补资金30万元，村集体自筹12万元。'
							),
							no: 3,
							abstain: 5
						}
					]
				},
				'road step 4'
			]
		];
		for (const [meeting, what] of roadSteps) {
			const held = hold(meeting);
			must(
				recordStep(db, clerk, villageId, road, held.motionIds[0], {
					now: at(meeting.meetingDate, '12:00')
				}),
				what
			);
		}
		must(publishResolution(db, clerk, villageId, road, { now: at('2026-06-22') }), 'road step 5');
	}

	// The straw-burning rule: all four meetings in the last weeks, then its resolution under notice.
	const strawJoint = hold({
		type: 'two_committees',
		title: '两委联席会议：村规民约增加禁止露天焚烧秸秆条款',
		noticeDate: addDays(today, -47),
		meetingDate: addDays(today, -40),
		motions: [
			{
				agendaTitle: STRAW_TOPIC,
				topicId: straw,
				materials: '村务监督委员会提出议题，党支部走访各网格听取意见后拟定条款草案。',
				text: '党支部提议并经两委商议，在村规民约中增加禁止露天焚烧秸秆条款，提交党员大会审议。'
			}
		]
	});
	must(
		recordStep(db, secretary, villageId, straw, strawJoint.motionIds[0], {
			now: at(addDays(today, -40), '12:00')
		}),
		'straw steps 1–2'
	);
	const strawAssembly = hold({
		type: 'party_assembly',
		title: '党员大会：审议禁止露天焚烧秸秆条款',
		place: '村党员活动室',
		noticeDate: addDays(today, -32),
		meetingDate: addDays(today, -25),
		township: true,
		motions: [
			{
				agendaTitle: STRAW_TOPIC,
				topicId: straw,
				text: '同意在村规民约中增加禁止露天焚烧秸秆条款，提交村民会议决定。',
				abstain: 1
			}
		]
	});
	must(
		recordStep(db, clerk, villageId, straw, strawAssembly.motionIds[0], {
			now: at(addDays(today, -25), '12:00')
		}),
		'straw step 3'
	);
	const villagers = hold({
		type: 'villagers_meeting',
		title: '村民会议：村规民约禁止露天焚烧秸秆条款；授权村民代表会议',
		place: '村委会前广场',
		noticeDate: addDays(today, -20),
		meetingDate: addDays(today, -8),
		township: true,
		motions: [
			{
				agendaTitle: STRAW_TOPIC,
				topicId: straw,
				text: '村规民约增加第十二条：禁止在田间、村内露天焚烧秸秆，秸秆由村统一组织还田或回收；违者由村民委员会劝阻并责令清理。',
				no: 2,
				abstain: 3
			},
			{
				agendaTitle: '授权村民代表会议决定发展项目和公益事业事项',
				topicId: null,
				text: '授权村民代表会议在一年内决定村集体发展项目、公益事业建设和生态环境事项（村规民约除外）。',
				no: 1
			}
		]
	});
	must(
		recordStep(db, clerk, villageId, straw, villagers.motionIds[0], {
			now: at(addDays(today, -8), '12:00')
		}),
		'straw step 4'
	);
	must(
		authorizeReps(
			db,
			clerk,
			villageId,
			villagers.motionIds[1],
			{
				categories: ['development', 'ecology'],
				art24Items: ['collective_project', 'public_welfare'],
				validFrom: addDays(today, -8),
				validTo: addDays(today, 357)
			},
			{ now: at(addDays(today, -8), '12:30') }
		),
		'authorisation'
	);
	must(
		publishResolution(db, clerk, villageId, straw, { now: at(addDays(today, -2)) }),
		'straw step 5'
	);
}
