// A dozen topics of 新阳村 in several states, through the same commands the pages use: the
// article's storage house, fruit trees, performance stage and household-registration case among them.
import type { Db } from '../db';
import { actorByPhone } from './actors';
import { addOpinion } from '../topics/opinions';
import { triageToService, type TriageToServiceResult } from '../services/from-topic';
import { dispatchCase } from '../services/dispatch';
import { acceptCase, completeCase } from '../services/handling';
import { rateCase } from '../services/rating';
import { cosign } from '../topics/cosigning';
import { createTopic } from '../topics/filing';
import type { TopicInput } from '../topics/records';
import type { Art24Item, TopicState } from '../topics/rules';

interface DemoTopic {
	by: string; // phone of the filer
	for?: string; // name of the villager filed for
	at: string; // when it was filed
	input: TopicInput;
	draft?: boolean;
	triage?: {
		route: 'consultation' | 'four_plus_two' | 'direct' | 'merge' | 'not_accepted';
		reason?: string;
		art24?: Art24Item[];
		mergeInto?: number;
	};
	complete?: string;
	cosigners?: number;
	opinions?: string[];
}

const topic = (
	title: string,
	category: TopicInput['category'],
	description: string,
	extra: Partial<TopicInput> = {}
): TopicInput => ({
	title,
	description,
	category,
	place: '',
	affected: '',
	estimatedCostFen: null,
	funding: '',
	...extra
});

export const DEMO_TOPICS: DemoTopic[] = [
	{
		by: '13800000004',
		for: '张秀英',
		at: '2026-03-02T09:00:00+08:00',
		input: topic(
			'建设1000平方米果蔬储藏库',
			'development',
			'村里果蔬丰收时卖不上价，希望建一座储藏库，错峰销售，带动村集体增收。',
			{
				place: '村东头原砖厂空地',
				affected: '全村种植户',
				estimatedCostFen: 72_400_000,
				funding: '中央扶持资金50万元，村集体自筹22.4万元'
			}
		),
		triage: {
			route: 'four_plus_two',
			// 组织法 2026 第二十八条: the collective's own funds and a public project; the project's
			// approval as a collective venture would be the collective members' meeting's (第二十八条 moved it).
			art24: ['collective_income', 'public_welfare'],
			reason: '涉及村集体经济收益的使用和公益事业建设，按“四议两公开”办理。'
		},
		cosigners: 12,
		opinions: ['储藏库建好了，冬天也能卖菜，我赞成。', '希望选址离大路近一点，方便拉货。']
	},
	{
		by: '13800000005',
		at: '2026-03-20T10:00:00+08:00',
		input: topic(
			'荒山栽种果树4900棵',
			'ecology',
			'后山荒坡一直闲着，建议栽种果树，既绿化又增收，请先征求涉及农户意见。',
			{
				place: '后山荒坡',
				affected: '后山周边农户'
			}
		),
		triage: { route: 'consultation', reason: '涉及农户的承包地边界，先开协商议事会听取意见。' },
		cosigners: 6,
		opinions: ['我家承包地挨着后山，愿意参加协商。']
	},
	{
		by: '13800000003',
		at: '2026-04-08T08:30:00+08:00',
		input: topic(
			'建一个文艺演出舞台',
			'culture',
			'村里秧歌队、广场舞队没有像样的场地，逢年过节演出只能在土场子上，希望建个舞台。',
			{
				place: '村委会前广场'
			}
		),
		triage: { route: 'direct', reason: '利用现有广场改造，村里直接办理。' },
		complete: '舞台已于6月建成并投入使用，秧歌队已在舞台演出三场。'
	},
	{
		by: '13800000001',
		for: '刘志强',
		at: '2026-05-11T20:30:00+08:00',
		input: topic(
			'孩子上学急需办理户籍迁入',
			'livelihood',
			'孩子下月入学，户籍迁入手续卡住了，急需村里帮忙协调。',
			{ affected: '一户' }
		),
		triage: { route: 'direct', reason: '连夜召开紧急协调会，由村委会与派出所对接。' },
		complete: '当晚协调会后，次日由文书陪同到派出所办妥户籍迁入。'
	},
	{
		by: '13800000004',
		at: '2026-10-20T09:00:00+08:00',
		input: topic(
			'村道路灯坏了七盏，请维修',
			'livelihood',
			'从村口到二组的路灯有七盏不亮，晚上老人出门不安全。',
			{ place: '村口至二组' }
		),
		cosigners: 3
	},
	{
		by: '13800000002',
		at: '2026-06-15T09:00:00+08:00',
		input: topic(
			'引进果树种植技术员',
			'talent',
			'果树栽下后缺少技术指导，建议引进一名技术员，给种植户培训。'
		),
		triage: { route: 'consultation' }
	},
	{
		by: '13800000006',
		at: '2026-07-01T09:00:00+08:00',
		input: topic(
			'修订村规民约：禁止露天焚烧秸秆',
			'village_rules',
			'秋收后焚烧秸秆污染严重，建议写入村规民约并明确处理办法。'
		),
		triage: {
			route: 'four_plus_two',
			art24: ['village_major'],
			reason: '村规民约须经村民会议讨论决定。'
		}
	},
	{
		by: '13800000004',
		for: '张秀英',
		at: '2026-08-03T16:00:00+08:00',
		input: topic('邻里宅基地边界纠纷调解', 'dispute', '与邻居家院墙边界有争议，请村里帮助调解。', {
			affected: '两户'
		}),
		triage: { route: 'direct', reason: '由网格长和村调解委员会上门调解。' }
	},
	{
		by: '13800000003',
		at: '2026-08-20T19:00:00+08:00',
		input: topic('在村委会院内跳广场舞到晚上十点', 'culture', '希望晚上可以在村委会院内跳到十点。'),
		triage: {
			route: 'not_accepted',
			reason: '村委会院内夜间须保持安静，已安排新建舞台广场供活动使用。'
		}
	},
	{
		by: '13800000005',
		at: '2026-03-05T09:00:00+08:00',
		input: topic('希望建冷库储存蔬菜', 'development', '冬天蔬菜没地方放，希望建冷库。'),
		triage: {
			route: 'merge',
			reason: '与“建设1000平方米果蔬储藏库”为同一事项，合并办理。',
			mergeInto: 0
		}
	},
	{
		by: '13800000003',
		at: '2026-11-02T09:00:00+08:00',
		input: topic(
			'增设垃圾分类投放点',
			'ecology',
			'三组、四组离垃圾点太远，建议增设两处分类投放点。',
			{ place: '三组、四组' }
		)
	},
	{
		by: '13800000003',
		at: '2026-11-20T09:00:00+08:00',
		input: topic('自来水管道老化改造', 'livelihood', '（草稿）二组自来水管道经常漏水。'),
		draft: true
	},
	{
		by: '13800000005',
		at: '2026-05-06T10:00:00+08:00',
		input: topic(
			'硬化三组至四组村道1.2公里',
			'development',
			'三组到四组的土路雨天泥泞，农机和学生通行困难，建议硬化为水泥路面。',
			{
				place: '三组至四组',
				affected: '三组、四组农户',
				estimatedCostFen: 42_000_000,
				funding: '一事一议财政奖补资金30万元，村集体自筹12万元'
			}
		),
		triage: {
			route: 'four_plus_two',
			art24: ['public_welfare'],
			reason: '公益事业建设项目，按“四议两公开”办理。'
		}
	}
];

/**
 * A directly handled topic's case, done the way the window does it: dispatched to the party member
 * 刘志强 (or the grid head), accepted, completed with what was done, and rated by the clerk, who took the villager's
 * word; the topic then ends with the case's result.
 */
function handleDemoCase(db: Db, villageId: number, caseId: number, result: string) {
	const clerk = actorByPhone(db, '13800000001');
	const person = db.prepare('select person_id from service_cases where id = ?').pluck().get(caseId);
	// Nobody handles their own request: 刘志强's goes to the grid head 赵桂兰.
	const member = actorByPhone(
		db,
		person === actorByPhone(db, '13800000005').personId ? '13800000004' : '13800000005'
	);
	for (const r of [
		dispatchCase(db, clerk, villageId, caseId, { assigneePersonId: member.personId!, note: '' }),
		acceptCase(db, member, villageId, caseId),
		completeCase(db, member, villageId, caseId, result),
		rateCase(db, clerk, villageId, caseId, { rating: 'satisfied', comment: '' })
	])
		if (!r.ok) throw new Error(`demo case ${caseId}: ${r.reason}`);
}

export function seedDemoTopics(db: Db, villageId: number): { number: string; state: TopicState }[] {
	const actor = (phone: string) => actorByPhone(db, phone);
	const clerk = actor('13800000001');
	const personByName = (name: string) =>
		(
			db
				.prepare('select id from people where village_id = ? and name = ?')
				.get(villageId, name) as { id: number }
		).id;
	const adults = db
		.prepare(
			"select p.id from people p where p.village_id = ? and p.birth_date <= '1990-01-01' and p.status = 'resident' order by p.id"
		)
		.pluck()
		.all(villageId) as number[];
	const created: { id: number; number: string }[] = [];
	for (const t of DEMO_TOPICS) {
		const onBehalf = t.for
			? {
					personId: personByName(t.for),
					channel: 'grid_point' as const,
					consentKind: 'read_back' as const,
					consentAt: t.at
				}
			: undefined;
		const r = createTopic(db, actor(t.by), villageId, t.input, {
			submit: !t.draft,
			onBehalf,
			now: new Date(t.at)
		});
		if (!r.ok) throw new Error(`demo topic ${t.input.title}: ${r.reason}`);
		created.push({ id: r.topic.id, number: r.topic.number });
		// Co-signers sign through the same command, as the villagers they are (no login needed here).
		const others = adults.filter((personId) => personId !== r.topic.proposerPersonId);
		others.slice(0, t.cosigners ?? 0).forEach((personId, i) => {
			const signed = cosign(
				db,
				{ userId: clerk.userId, personId, role: 'villager' },
				villageId,
				r.topic.id,
				new Date(t.at)
			);
			if (!signed.ok && signed.reason !== 'already_cosigned')
				throw new Error(`demo co-sign ${i}: ${signed.reason}`);
		});
		for (const body of t.opinions ?? [])
			addOpinion(db, actor('13800000004'), villageId, r.topic.id, body);
		let d: TriageToServiceResult | null = null;
		if (t.triage) {
			// Through the window, as the clerk's triage form does: 直接办理 opens the topic's case.
			d = triageToService(db, clerk, villageId, r.topic.id, {
				route: t.triage.route,
				reason: t.triage.reason ?? '',
				art24: t.triage.art24 ?? [],
				mergeIntoNumber:
					t.triage.mergeInto !== undefined ? created[t.triage.mergeInto].number : undefined
			});
			if (!d.ok) throw new Error(`demo triage ${t.input.title}: ${d.reason}`);
		}
		if (t.complete) {
			const c = d?.ok ? d.serviceCase : null;
			if (!c) throw new Error(`demo topic ${t.input.title}: no case to complete`);
			handleDemoCase(db, villageId, c.id, t.complete);
		}
	}
	return created.map((c) => ({
		number: c.number,
		state: (db.prepare('select state from topics where id = ?').get(c.id) as { state: TopicState })
			.state
	}));
}
