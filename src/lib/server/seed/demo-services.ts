// The demo's service window, through the same commands the pages use: cases in every state with
// their own dates (the article's one-night household-registration case among them), overdue ones
// at each step, an unsatisfied one owing a follow-up, and half a year of closed cases for figures.
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { addDays, todayInChina } from '../calendar/dates';
import { isRestDay, workingDaysAfter } from '../calendar/working-days';
import { actorByPhone } from './actors';
import { fileServiceRequest, type ServiceRequestInput } from '../services/filing';
import { dispatchCase } from '../services/dispatch';
import { acceptCase, completeCase, declineCase, recordProgress } from '../services/handling';
import { rateCase, recordFollowUp } from '../services/rating';
import { referCase, withdrawCase } from '../services/ends';
import { caseToTopic } from '../services/from-topic';
import type { Rating } from '../services/records';
import { seededRandom } from '../../random.js';

/** A moment on a China date: 09:00 plus some minutes, so steps of one day keep their order. */
const at = (date: string, minutes = 0) =>
	new Date(new Date(`${date}T01:00:00Z`).getTime() + minutes * 60_000);

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo service case ${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

interface Plan {
	title: string;
	category: string;
	description: string;
	urgent?: boolean;
	/** Working days before today the case was filed. */
	filedAgo: number;
	/** Who files: the villager themself (online), the grid head or the clerk at the window. */
	via: 'self' | 'gridHead' | 'window';
	/** How far it got, in order. */
	to:
		| 'submitted'
		| 'dispatched'
		| 'declined'
		| 'in_progress'
		| 'completed'
		| 'closed'
		| 'follow_up'
		| 'reopened'
		| 'referred'
		| 'became_topic'
		| 'withdrawn';
	/** Working days the case sat before dispatch and before it was accepted (default 0). */
	waitDispatch?: number;
	waitAccept?: number;
	/** Working days from acceptance to completion. */
	took?: number;
	/** Dispatch to the demo party member with a login (刘志强), rather than another. */
	toDemoMember?: boolean;
	rating?: Rating;
	result?: string;
	progress?: string;
}

const PLANS: Plan[] = [
	{
		title: '孩子落户急需户籍证明',
		category: 'household_registration',
		description: '孩子明天办入学手续，户口登记有误，急需开具证明。',
		urgent: true,
		filedAgo: 30,
		via: 'window',
		to: 'closed',
		took: 0,
		result: '当晚召集派出所、村委会对接，次日一早更正登记并开具证明。',
		rating: 'satisfied'
	},
	{
		title: '开具居住证明',
		category: 'certificate',
		description: '孙子上学要村里开居住证明。',
		filedAgo: 3,
		via: 'self',
		to: 'completed',
		took: 1,
		toDemoMember: true,
		result: '证明已开具，盖章后交到本人手中。'
	},
	{
		title: '低保年审材料咨询',
		category: 'assistance',
		description: '老人不清楚今年低保年审要交哪些材料。',
		filedAgo: 0,
		via: 'gridHead',
		to: 'submitted'
	},
	{
		title: '村东头路灯不亮',
		category: 'repair',
		description: '村东头桥边三盏路灯一个多星期没亮，晚上走路看不清。',
		filedAgo: 4,
		via: 'gridHead',
		to: 'submitted'
	},
	{
		title: '代办新农合缴费',
		category: 'social_insurance',
		description: '老两口不会用手机缴费，请帮忙代办明年的新农合。',
		filedAgo: 0,
		via: 'window',
		to: 'dispatched',
		toDemoMember: true
	},
	{
		title: '农机购置补贴申请',
		category: 'farming',
		description: '新买的插秧机想申请补贴，不知道去哪里办。',
		filedAgo: 6,
		via: 'window',
		to: 'dispatched',
		waitDispatch: 1
	},
	{
		title: '邻里排水沟堵塞纠纷',
		category: 'dispute',
		description: '两家共用的排水沟堵了，互相推诿，雨天淹了菜地。',
		filedAgo: 2,
		via: 'gridHead',
		to: 'declined'
	},
	{
		title: '老人助听器申领',
		category: 'assistance',
		description: '八十岁老人听力下降，想了解残联助听器怎么申领。',
		filedAgo: 2,
		via: 'gridHead',
		to: 'in_progress',
		toDemoMember: true,
		progress: '已联系镇残联，等待评估时间。'
	},
	{
		title: '户口迁入咨询',
		category: 'household_registration',
		description: '儿媳想把户口迁进来，需要准备哪些材料。',
		filedAgo: 9,
		via: 'window',
		to: 'in_progress',
		progress: '材料清单已给，等户籍地开迁出证明。'
	},
	{
		title: '自来水水压太小',
		category: 'repair',
		description: '家里自来水早晚水压小，二楼没有水。',
		filedAgo: 8,
		via: 'self',
		to: 'follow_up',
		took: 1,
		result: '检查了入户阀门，已清理。',
		rating: 'unsatisfied'
	},
	{
		title: '院墙被邻居翻建占地',
		category: 'dispute',
		description: '邻居翻建院墙往我家这边占了半米。',
		filedAgo: 12,
		via: 'window',
		to: 'reopened',
		took: 2,
		result: '调解员上门调解，双方同意按原界址。',
		rating: 'unsatisfied'
	},
	{
		title: '宅基地确权边界争议',
		category: 'dispute',
		description: '与邻组对宅基地边界有争议，需要镇里确权。',
		filedAgo: 10,
		via: 'window',
		to: 'referred'
	},
	{
		title: '村口增设公交站点',
		category: 'other',
		description: '村口没有公交站，老人去镇上要走两里路，想请村里研究增设站点。',
		filedAgo: 7,
		via: 'gridHead',
		to: 'became_topic'
	},
	{
		title: '补办残疾证',
		category: 'certificate',
		description: '残疾证丢了，想补办。',
		filedAgo: 5,
		via: 'window',
		to: 'withdrawn'
	}
];

// Half a year of ordinary cases, closed with their ratings, so the monthly figures have months.
const PAST: { title: string; category: string; result: string }[] = [
	{ title: '开具收入证明', category: 'certificate', result: '当天开具。' },
	{ title: '更换破损井盖', category: 'repair', result: '已更换新井盖。' },
	{ title: '医保报销材料代办', category: 'social_insurance', result: '材料已代交镇医保站。' },
	{ title: '临时救助申请', category: 'assistance', result: '已报镇民政办，救助金到账。' },
	{ title: '玉米病虫害防治咨询', category: 'farming', result: '请农技员到田间指导。' },
	{ title: '鸡鸭扰邻纠纷', category: 'dispute', result: '网格长上门调解，已圈养。' },
	{ title: '户口本信息更正', category: 'household_registration', result: '陪同到派出所更正。' },
	{ title: '小广场健身器材报修', category: 'repair', result: '厂家上门维修。' }
];
const PAST_RATINGS: Rating[] = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied'];

/** The date `n` working days before `today`. */
function workingDaysBefore(today: string, n: number): string {
	let d = today;
	for (let left = n; left > 0;) {
		d = addDays(d, -1);
		if (!isRestDay(d)) left--;
	}
	return d;
}

export function seedDemoServices(db: Db, villageId: number, now = new Date()): void {
	const today = todayInChina(now);
	const clerk = actorByPhone(db, '13800000001');
	const gridHead = actorByPhone(db, '13800000004');
	const villager = actorByPhone(db, '13800000003');
	const demoMember = actorByPhone(db, '13800000005').personId!;
	const rand = seededRandom(17);
	const people = (grid: string, n: number) =>
		db
			.prepare(
				`select p.id from people p join households h on h.id = p.household_id join grids g on g.id = h.grid_id
				 where p.village_id = ? and g.name = ? and p.status = 'resident' and p.birth_date <= '1960-01-01'
				   and p.id not in (select person_id from users where person_id is not null)
				 order by p.id limit ?`
			)
			.pluck()
			.all(villageId, grid, n) as number[];
	const gridOne = people('第一网格', 8);
	const others = people('第三网格', 30);
	// The assignees are people with a login, so each step is theirs in the audit chain: the party
	// member 刘志强, the grid head 赵桂兰 and the secretary 李建国 (a committee member).
	const assignees = [demoMember, gridHead.personId!, actorByPhone(db, '13800000002').personId!];
	const asPerson = (personId: number): Actor =>
		[actorByPhone(db, '13800000005'), gridHead, actorByPhone(db, '13800000002')].find(
			(a) => a.personId === personId
		)!;
	let nextGridOne = 0;
	let nextOther = 0;

	function run(plan: Plan, filedOn: string, assignee: number) {
		const input: ServiceRequestInput = {
			category: plan.category,
			title: plan.title,
			description: plan.description,
			urgent: plan.urgent ?? false
		};
		let minute = 0;
		const t = (date: string) => at(date, (minute += 7));
		const filedAt = t(filedOn);
		const filed = must(
			plan.title,
			plan.via === 'self'
				? fileServiceRequest(db, villager, villageId, input, { now: filedAt })
				: fileServiceRequest(db, plan.via === 'gridHead' ? gridHead : clerk, villageId, input, {
						now: filedAt,
						onBehalf: {
							personId: plan.via === 'gridHead' ? gridOne[nextGridOne++] : others[nextOther++],
							channel: plan.via === 'gridHead' ? 'grid_point' : 'hall_window',
							consentKind: 'read_back',
							consentAt: new Date(filedAt.getTime() - 60_000).toISOString()
						}
					})
		).serviceCase;
		const id = filed.id;
		const stop = plan.to;
		if (stop === 'submitted') return;
		if (stop === 'withdrawn') {
			must('withdraw', withdrawCase(db, clerk, villageId, id, { now: t(filedOn) }));
			return;
		}
		if (stop === 'referred') {
			must(
				'refer',
				referCase(db, clerk, villageId, id, '宅基地确权属镇自然资源所职权，已转镇里。', {
					now: t(addDays(filedOn, 1))
				})
			);
			return;
		}
		if (stop === 'became_topic') {
			must('to topic', caseToTopic(db, clerk, villageId, id, { now: t(addDays(filedOn, 1)) }));
			return;
		}
		let day = plan.waitDispatch ? workingDaysAfter(filedOn, plan.waitDispatch) : filedOn;
		if (stop === 'declined') {
			must(
				'dispatch',
				dispatchCase(
					db,
					clerk,
					villageId,
					id,
					{ assigneePersonId: gridHead.personId!, note: '' },
					{ now: t(day) }
				)
			);
			must(
				'decline',
				declineCase(db, gridHead, villageId, id, '这周在县里培训，请派给别人。', {
					now: t(day)
				})
			);
			return;
		}
		must(
			'dispatch',
			dispatchCase(
				db,
				clerk,
				villageId,
				id,
				{ assigneePersonId: assignee, note: '' },
				{ now: t(day) }
			)
		);
		if (stop === 'dispatched') return;
		if (plan.waitAccept) day = workingDaysAfter(day, plan.waitAccept);
		must('accept', acceptCase(db, asPerson(assignee), villageId, id, { now: t(day) }));
		if (plan.progress)
			must(
				'progress',
				recordProgress(db, asPerson(assignee), villageId, id, plan.progress, { now: t(day) })
			);
		if (stop === 'in_progress') return;
		day = plan.took ? workingDaysAfter(day, plan.took) : day;
		must(
			'complete',
			completeCase(db, asPerson(assignee), villageId, id, plan.result!, { now: t(day) })
		);
		if (stop === 'completed') return;
		// The villager rates on her phone; the others through whoever filed for them.
		const proxy = plan.via === 'self' ? villager : plan.via === 'gridHead' ? gridHead : clerk;
		// Nobody rates their own work: the clerk takes the rating the villager gives by phone.
		const rater = proxy.personId === assignee ? clerk : proxy;
		must(
			'rate',
			rateCase(
				db,
				rater,
				villageId,
				id,
				{ rating: plan.rating!, comment: plan.rating === 'unsatisfied' ? '问题没有解决。' : '' },
				{ now: t(day) }
			)
		);
		if (stop === 'reopened')
			must(
				'follow up',
				recordFollowUp(
					db,
					clerk,
					villageId,
					id,
					{ note: '回访：界址仍有争议，重新派单由调委会处理。', reopen: true },
					{
						now: t(workingDaysAfter(day, 1))
					}
				)
			);
	}

	for (const plan of PLANS) {
		const filedOn = workingDaysBefore(today, plan.filedAgo);
		const assignee = plan.toDemoMember ? demoMember : assignees[1 + (PLANS.indexOf(plan) % 2)];
		run(plan, filedOn, assignee);
	}
	// Ten to fourteen a month over the six months before, each closed within its limit.
	for (let month = 6; month >= 1; month--) {
		for (let i = 0; i < 10 + Math.floor(rand() * 5); i++) {
			const kind = PAST[Math.floor(rand() * PAST.length)];
			const filedOn = workingDaysBefore(addDays(today, -30 * month), Math.floor(rand() * 20));
			run(
				{
					title: kind.title,
					category: kind.category,
					description: kind.title,
					filedAgo: 0,
					via: rand() < 0.4 ? 'gridHead' : 'window',
					to: 'closed',
					took: 1 + Math.floor(rand() * 3),
					result: kind.result,
					rating: PAST_RATINGS[Math.floor(rand() * PAST_RATINGS.length)]
				},
				filedOn,
				assignees[Math.floor(rand() * assignees.length)]
			);
			// Reuse the same villagers: a real village has regulars.
			nextGridOne %= gridOne.length;
			nextOther %= others.length;
		}
	}
}
