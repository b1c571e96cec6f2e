// The demo's later stages, through the same commands the pages use: the performance stage (a
// directly handled case) with its implementation, two funding sources, progress, completion and
// the supervision committee's opinion posted as the result notice; and the fruit-tree topic's
// consultation (parties, materials, a past consultation meeting, the outcome notice, submitted to
// a decision meeting). Past steps carry their own dates; the notices are posted days ago.
import type { Db } from '../db';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { addSpeech } from '../meetings/attendance';
import { closeMeeting } from '../procedure/closing';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { addDays, todayInChina } from '../calendar/dates';
import { ROAD_TOPIC } from './demo-procedure';
import { addParty, linkMeeting, recordMaterialsSent } from '../consultation/preparation';
import { chooseRoute, recordOutcome } from '../consultation/outcome';
import {
	completeImplementation,
	recordProgress,
	startImplementation
} from '../implementation/progress';
import { discloseResult } from '../implementation/disclosure';
import { type Actor } from '../permissions';

const morning = (date: string) => new Date(`${date}T01:00:00Z`); // 09:00 in China

function actorOf(db: Db, phone: string): Actor {
	const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
		id: number;
		person_id: number;
		role: Actor['role'];
	};
	return { userId: u.id, personId: u.person_id, role: u.role };
}

function must<T extends { ok: boolean }>(what: string, r: T): T {
	if (!r.ok) throw new Error(`demo ${what}: ${JSON.stringify(r)}`);
	return r;
}

export function seedDemoImplementation(db: Db, villageId: number, now = new Date()): void {
	const clerk = actorOf(db, '13800000001');
	const secretary = actorOf(db, '13800000002');
	const villager = actorOf(db, '13800000003');
	const rep = actorOf(db, '13800000005');
	const supervisor = actorOf(db, '13800000006');
	const topicId = (title: string) =>
		(
			db
				.prepare('select id from topics where village_id = ? and title = ?')
				.get(villageId, title) as { id: number }
		).id;
	const today = todayInChina(now);

	/** Implements a decided topic from start to the disclosed result, each step on its own date. */
	const implement = (
		what: string,
		topic: number,
		plan: { text: string; startedOn: string; budget: { source: string; amountFen: number }[] },
		progress: readonly (readonly [string, number, number, string])[],
		completion: { completedOn: string; summary: string },
		disclosure: { opinion: string; on: string }
	) => {
		must(
			`${what} implementation`,
			startImplementation(
				db,
				clerk,
				villageId,
				topic,
				{ responsiblePersonId: secretary.personId, plan: plan.text, budget: plan.budget },
				{ now: morning(plan.startedOn) }
			)
		);
		for (const [date, percent, spentFen, note] of progress)
			must(
				`${what} progress`,
				recordProgress(
					db,
					secretary,
					villageId,
					topic,
					{ onDate: date, percent, spentFen, note },
					{ now: morning(date) }
				)
			);
		must(
			`${what} completion`,
			completeImplementation(db, secretary, villageId, topic, completion, {
				now: morning(completion.completedOn)
			})
		);
		must(
			`${what} disclosure`,
			discloseResult(
				db,
				supervisor,
				villageId,
				topic,
				{ opinion: disclosure.opinion },
				{ now: morning(disclosure.on) }
			)
		);
	};

	implement(
		'stage',
		topicId('建一个文艺演出舞台'),
		{
			text: '在村委会前广场北侧建钢结构舞台，台面12米×8米，配顶棚和照明。',
			startedOn: '2026-04-15',
			budget: [
				{ source: '上级文化专项资金', amountFen: 8_000_000 },
				{ source: '村集体自筹', amountFen: 4_000_000 }
			]
		},
		[
			['2026-05-10', 40, 5_000_000, '基础和钢架完成。'],
			['2026-06-05', 100, 11_850_000, '台面、顶棚、照明安装完毕，已验收。']
		],
		{ completedOn: '2026-06-08', summary: '舞台建成并投入使用，秧歌队已在舞台演出三场。' },
		{
			opinion: '经核查，资金按预算使用，结余1.5万元留存村集体账户；工程已验收，质量合格。',
			on: addDays(today, -2)
		}
	);

	// The village road, a 4+2 matter published in June: built over the summer, its result
	// disclosed with the supervision committee's opinion (step 6).
	implement(
		'road',
		topicId(ROAD_TOPIC),
		{
			text: '7月开工，路基整平后浇筑4.5米宽、18厘米厚水泥路面，两侧修排水沟，8月底前完工验收。',
			startedOn: '2026-07-01',
			budget: [
				{ source: '一事一议财政奖补资金', amountFen: 30_000_000 },
				{ source: '村集体自筹', amountFen: 12_000_000 }
			]
		},
		[
			['2026-07-20', 45, 18_500_000, '路基整平完成，浇筑路面0.5公里。'],
			['2026-08-25', 100, 41_200_000, '1.2公里路面和排水沟全部完工，乡交通站参加验收。']
		],
		{ completedOn: '2026-08-28', summary: '村道硬化1.2公里完工并通过验收，结余0.8万元。' },
		{
			opinion: '经核查，工程量与验收记录一致，资金按预算使用，结余0.8万元已入村集体账户。',
			on: '2026-09-05'
		}
	);

	const trees = topicId('荒山栽种果树4900棵');
	const parties = [rep.personId!, villager.personId!];
	for (const personId of parties)
		must(
			'tree party',
			addParty(
				db,
				clerk,
				villageId,
				trees,
				{ personId, interest: '承包地邻近后山' },
				{
					now: morning('2026-03-25')
				}
			)
		);
	must(
		'tree party',
		addParty(
			db,
			clerk,
			villageId,
			trees,
			{ name: '种植大户周强', interest: '拟承包荒坡栽种' },
			{
				now: morning('2026-03-25')
			}
		)
	);
	must(
		'tree materials',
		recordMaterialsSent(db, clerk, villageId, trees, '2026-03-28', { now: morning('2026-03-28') })
	);
	const meeting = must(
		'tree meeting',
		createMeeting(
			db,
			clerk,
			villageId,
			{
				type: 'consultation',
				title: '协商议事会：后山荒坡栽种果树',
				meetingDate: '2026-04-02',
				startsAt: '19:00',
				chairPersonId: secretary.personId,
				recorderPersonId: clerk.personId
			},
			{ now: morning('2026-03-28') }
		)
	);
	if (!meeting.ok) return;
	const item = must(
		'tree agenda',
		addAgendaItem(
			db,
			clerk,
			villageId,
			meeting.meeting.id,
			{
				title: '荒山栽种果树4900棵',
				topicId: trees,
				materials: '后山荒坡约70亩，拟栽苹果、核桃。'
			},
			{ now: morning('2026-03-28') }
		)
	);
	if (!item.ok) return;
	must(
		'tree notice',
		notifyMeeting(db, clerk, villageId, meeting.meeting.id, {
			attendees: parties,
			now: morning('2026-03-28')
		})
	);
	const day = new Date('2026-04-02T11:00:00Z');
	must('tree open', openMeeting(db, clerk, villageId, meeting.meeting.id, { now: day }));
	for (const [personId, speakerName, summary] of [
		[rep.personId, '刘志强', '同意栽种，但要先修一条上山便道，方便管护和运果。'],
		[villager.personId, '张秀英', '我家承包地挨着后山，希望划清边界，不占耕地。'],
		[null, '种植大户周强', '愿意承包管护，前三年请村里协调技术指导。']
	] as const)
		must(
			'tree speech',
			addSpeech(
				db,
				clerk,
				villageId,
				item.agendaItemId,
				{ personId, speakerName, summary },
				{ now: day }
			)
		);
	must(
		'tree close',
		closeMeeting(db, clerk, villageId, meeting.meeting.id, { confirmed: true, now: day })
	);
	must(
		'tree link',
		linkMeeting(db, clerk, villageId, trees, meeting.meeting.id, { now: morning('2026-04-03') })
	);
	must(
		'tree outcome',
		recordOutcome(
			db,
			clerk,
			villageId,
			trees,
			'各方同意在后山荒坡栽种果树4900棵：先修上山便道；划清与承包地的边界，不占耕地；由种植大户承包管护，村里协调技术指导。',
			{ now: morning(addDays(today, -3)) }
		)
	);
	must(
		'tree route',
		chooseRoute(
			db,
			clerk,
			villageId,
			trees,
			{ route: 'submit', reason: '涉及集体荒坡的承包，提交村民代表会议决定。' },
			{ now: morning(addDays(today, -3)) }
		)
	);
}
