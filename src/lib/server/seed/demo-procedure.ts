// The demo's 4+2 matters, recorded through the procedure commands from meetings held in the past:
// the storage house reaches step 4 (its joint meeting of both committees in September, then the
// closed party assembly), waiting for today's representatives' meeting; the straw-burning village
// rule went through all four meetings recently and its resolution is under notice. The villagers'
// meeting that adopted the rule also authorised the representatives' meeting for development
// projects, which is what lets today's meeting decide the storage house.
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { authorizeReps, recordStep } from '../procedure/matters';
import { publishResolution } from '../procedure/publication';
import { DEMO_CLOSED_MEETING_TITLE } from './demo-closed-meeting';
import { at, holdPastMeeting, must } from './demo-past-meeting';
import { type Actor } from '../permissions';

const STORAGE_TOPIC = '建设1000平方米果蔬储藏库';
const STRAW_TOPIC = '修订村规民约：禁止露天焚烧秸秆';
export const ROAD_TOPIC = '硬化三组至四组村道1.2公里';
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

	// The storage house: steps 1–2 were recorded with the closed assembly's seed, step 3 here.
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
				art24Items: ['collective_income', 'public_welfare'],
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
