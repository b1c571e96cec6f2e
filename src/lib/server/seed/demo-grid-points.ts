// The demo's grid points (网格议事点) and volunteers (帮办): three weeks of what villagers raised at
// each grid head's home, in every outcome (some still open), and the elderly volunteers who help
// with errands. Everything goes through the same commands the grid heads and the clerk use.
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { recordGridPointItem, resolveGridPointItem, type Resolution } from '../grid-points/log';
import { peopleOfGrid } from '../grid-points/records';
import { addVolunteer } from '../services/volunteers';
import { actorByPhone } from './actors';

type Plan = { text: string; daysAgo: number; offRoster?: boolean; then: Resolution | null };

// Each grid takes these in turn, shifted, so no two grids' logs read alike.
const PLANS: Plan[] = [
	{
		text: '村口到三组的路灯坏了两盏，晚上老人出门看不清路。',
		daysAgo: 16,
		then: { kind: 'service_case', category: 'repair', urgent: false }
	},
	{
		text: '垃圾清运从一周两次变成一次，夏天味道大，能不能恢复？',
		daysAgo: 15,
		then: { kind: 'topic', category: 'ecology', title: '恢复垃圾清运每周两次' }
	},
	{
		text: '想问低保今年怎么复核，家里老人住院了要带什么材料。',
		daysAgo: 13,
		then: { kind: 'service_case', category: 'assistance', urgent: false }
	},
	{
		text: '问宅基地翻建要不要审批，找谁办。',
		daysAgo: 11,
		then: { kind: 'note', note: '当场答复：先到村委会登记，镇里统一审批，已给了办事指南。' }
	},
	{
		text: '农机购置补贴今年申请到几月份？',
		daysAgo: 9,
		then: { kind: 'note', note: '当场答复：年底前都可以申请，已把镇农技站电话给他。' }
	},
	{
		text: '孙子上学要开居住证明。',
		daysAgo: 8,
		then: { kind: 'service_case', category: 'certificate', urgent: false }
	},
	{
		text: '路过的收购商问村里果园能不能统一收购。',
		daysAgo: 6,
		offRoster: true,
		then: { kind: 'note', note: '不是本村村民，已请他直接联系村委会。' }
	},
	{
		text: '医保卡丢了，老人腿脚不便去不了镇上补办。',
		daysAgo: 4,
		then: { kind: 'service_case', category: 'social_insurance', urgent: true }
	},
	{ text: '水渠有一段塌了，浇地的水过不去。', daysAgo: 2, then: null },
	{ text: '邻居家的树枝伸到我家院子，想请村里调解。', daysAgo: 1, then: null },
	{ text: '活动室晚上能不能开放给跳广场舞的用？', daysAgo: 0, offRoster: true, then: null }
];

const VOLUNTEERS: { skills: string; since: string }[] = [
	{ skills: '陪同就医', since: '2025-03-05' },
	{ skills: '代办社保、医保', since: '2025-03-05' },
	{ skills: '代买药品、生活用品', since: '2025-06-01' },
	{ skills: '读报、念通知给独居老人', since: '2025-09-09' },
	{ skills: '调解邻里小事', since: '2026-01-10' },
	{ skills: '维修小家电', since: '2026-04-01' }
];

/** Seeds the grid points' logs and the volunteers of the demo village. */
export function seedDemoGridPoints(db: Db, villageId: number, now: Date): void {
	const clerk = actorByPhone(db, '13800000001');
	const gridHead = actorByPhone(db, '13800000004');
	const today = todayInChina(now);
	const grids = db
		.prepare('select id from grids where village_id = ? order by id')
		.pluck()
		.all(villageId) as number[];
	const headOf = (gridId: number) =>
		db
			.prepare(
				`select 1 from roles where person_id = ? and role = 'grid_head' and grid_id = ?
				 and (end_date is null or end_date >= ?)`
			)
			.get(gridHead.personId, gridId, today)
			? gridHead
			: clerk;
	grids.forEach((gridId, g) => {
		// 赵桂兰 keeps her own log; the other grid heads have no login, so the clerk enters theirs.
		const actor = headOf(gridId);
		const people = peopleOfGrid(db, villageId, gridId, today);
		const plans = PLANS.filter((_, i) => (i + g) % 4 !== 3);
		plans.forEach((plan, i) => {
			const person = plan.offRoster ? null : people[(i * 3 + g) % people.length];
			const recorded = recordGridPointItem(
				db,
				actor,
				villageId,
				{
					gridId,
					raisedOn: addDays(today, -plan.daysAgo),
					personId: person?.id ?? null,
					text: plan.text
				},
				{ now }
			);
			if (!recorded.ok) throw new Error(`demo grid point item: ${recorded.reason}`);
			if (!plan.then) return;
			const resolved = resolveGridPointItem(db, actor, villageId, recorded.item.id, plan.then, {
				now
			});
			if (!resolved.ok) throw new Error(`demo grid point resolution: ${resolved.reason}`);
		});
	});

	// The village's elderly volunteers (老年志愿者): residents past sixty holding no other role.
	const elders = db
		.prepare(
			`select p.id from people p where p.village_id = ? and p.status = 'resident'
			   and p.birth_date <= ? and not exists (select 1 from roles r where r.person_id = p.id)
			 order by p.household_id, p.id`
		)
		.pluck()
		.all(villageId, addDays(today, -60 * 366)) as number[];
	VOLUNTEERS.forEach((v, i) => {
		const personId = elders[(i * 7) % elders.length];
		const added = addVolunteer(
			db,
			clerk,
			villageId,
			{ personId, skills: v.skills, startDate: v.since },
			{ now }
		);
		if (!added.ok) throw new Error(`demo volunteer: ${added.reason}`);
	});
}
