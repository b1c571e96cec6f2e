// The demo village's rules (新阳村): the 村规民约 of 2019 as typed in from the paper original, its
// 2024 revision adopted by the villagers' meeting before the village used the app (recorded as
// existing text, with that source), both filed and acknowledged; and the 村民自治章程 of 2019.
// The revision under way in 2026 (the straw-burning article, article_key 6) is seeded on top.
import { command } from '../command';
import type { Db } from '../db';
import { acknowledgeFiling, fileRulesVersion, openFiling } from '../village-rules/filing';
import { recordExistingText } from '../village-rules/recording';
import { findDocument, writeVersion, type RulesVersion } from '../village-rules/records';
import { actorByPhone } from './actors';

/** The straw-burning article: the key the demo's revision under way changes. */
export const STRAW_ARTICLE_KEY = 6;

const GENERAL = '第一章 总则';
const CUSTOMS = '第二章 移风易俗';
const ENVIRONMENT = '第三章 环境卫生';
const NEIGHBOURS = '第四章 邻里和睦与平安建设';

const V1: { key: number; chapter: string; body: string }[] = [
	{
		key: 1,
		chapter: GENERAL,
		body: '为弘扬社会主义核心价值观，推进自治、法治、德治相结合，根据《中华人民共和国村民委员会组织法》等法律法规，结合本村实际，制定本村规民约。'
	},
	{
		key: 2,
		chapter: GENERAL,
		body: '本村规民约适用于本村全体村民。村民应当遵守法律法规和本村规民约，积极参与村内公共事务。'
	},
	{
		key: 3,
		chapter: CUSTOMS,
		body: '红白喜事提倡从简办理，婚事新办、丧事简办，不大操大办，不攀比炫富。'
	},
	{
		key: 4,
		chapter: CUSTOMS,
		body: '反对高价彩礼，提倡婚嫁自愿、男女平等。出嫁、离婚、丧偶妇女依法享有的各项权益受尊重和保护。'
	},
	{
		key: 5,
		chapter: ENVIRONMENT,
		body: '村民应当保持房前屋后整洁，生活垃圾投放到指定地点，不乱堆乱放、乱倒污水。'
	},
	{
		key: STRAW_ARTICLE_KEY,
		chapter: ENVIRONMENT,
		body: '秋收后不在田间地头焚烧秸秆，秸秆由各户自行清理。'
	},
	{
		key: 7,
		chapter: NEIGHBOURS,
		body: '邻里之间互谅互让、团结互助。发生矛盾先行协商，协商不成的可请村人民调解委员会调解。'
	},
	{
		key: 8,
		chapter: NEIGHBOURS,
		body: '子女应当赡养老人，关心老人的生活和精神需求，不得虐待、遗弃老人。'
	},
	{
		key: 9,
		chapter: NEIGHBOURS,
		body: '遵守交通规则，不酒后驾驶；电动车规范停放充电，不私拉乱接电线。'
	},
	{
		key: 10,
		chapter: NEIGHBOURS,
		body: '抵制黄赌毒，不参与封建迷信活动，发现违法犯罪线索及时向村委会或公安机关报告。'
	},
	{
		key: 11,
		chapter: NEIGHBOURS,
		body: '违反本村规民约的，由村民委员会批评教育、督促改正；违反法律法规的，移交有关部门依法处理。'
	}
];

// The 2024 revision: the wedding article names the council's guidance, straw burning is forbidden
// outright with its use encouraged, and an article on public facilities is added after it.
const V2_CHANGES: Record<number, string> = {
	3: '红白喜事提倡从简办理，婚事新办、丧事简办，宴请规模参照村红白理事会的建议，不大操大办，不攀比炫富。',
	[STRAW_ARTICLE_KEY]:
		'禁止在田间地头、房前屋后露天焚烧秸秆和垃圾。提倡秸秆还田、收储和综合利用，村委会协助联系收储。'
};
const V2_ADDED = {
	key: 12,
	after: STRAW_ARTICLE_KEY,
	chapter: ENVIRONMENT,
	body: '爱护村内道路、路灯、健身器材和绿化等公共设施，不损坏、不侵占。'
};

const CHARTER = [
	'第一章 总则',
	'第一条 本章程依据《中华人民共和国村民委员会组织法》制定，是本村村民自治的基本规范。',
	'第二条 村民会议是本村的最高决策机构，村民代表会议在村民会议授权范围内议事。',
	'第二章 民主决策与民主监督',
	'第三条 涉及村民利益的重大事项，按照“四议两公开”程序，由村民会议或者村民代表会议讨论决定。',
	'第四条 村务监督委员会对村务决策和公开情况进行监督，村民有权查询村务并提出意见。',
	'第五条 村务、财务按规定定期在公开栏和议事厅网站公开，接受村民监督。'
].join('\n');

const SOURCE_2019 = '2019年4月村民会议通过，村委会存档原件';
const SOURCE_2024 = '2024年村民会议通过';
const TOWNSHIP = '镇民政办 李主任';

function file(db: Db, villageId: number, v: RulesVersion, filedOn: string, ackOn: string) {
	const clerk = actorByPhone(db, '13800000001');
	const f = fileRulesVersion(db, clerk, villageId, v.id, { filedOn, note: '纸质文本送镇民政办' });
	if (!f.ok) throw new Error(`demo rules filing: ${f.reason}`);
	const a = acknowledgeFiling(db, clerk, villageId, v.id, {
		acknowledgedOn: ackOn,
		byName: TOWNSHIP
	});
	if (!a.ok) throw new Error(`demo rules acknowledgement: ${a.reason}`);
}

export function seedDemoRules(db: Db, villageId: number): void {
	const clerk = actorByPhone(db, '13800000001');
	const v1 = recordExistingText(db, clerk, villageId, {
		kind: 'village_rules',
		title: '新阳村村规民约',
		text: V1.map((a) => `${a.chapter}\n第${a.key}条 ${a.body}`).join('\n'),
		source: SOURCE_2019,
		adoptedOn: '2019-04-20',
		effectiveOn: '2019-05-01'
	});
	if (!v1.ok) throw new Error(`demo rules: ${v1.reason}`);
	file(db, villageId, v1.version, '2019-04-26', '2019-05-06');

	const v2 = command(db, {
		actor: clerk,
		villageId,
		run: (_, ctx) => {
			const doc = findDocument(db, villageId, 'village_rules')!;
			const articles = V1.map((a) => ({
				articleKey: a.key,
				chapter: a.chapter,
				body: V2_CHANGES[a.key] ?? a.body
			}));
			const at = articles.findIndex((a) => a.articleKey === V2_ADDED.after) + 1;
			articles.splice(at, 0, {
				articleKey: V2_ADDED.key,
				chapter: V2_ADDED.chapter,
				body: V2_ADDED.body
			});
			const version = writeVersion(ctx, doc.id, {
				adoptedOn: '2024-03-16',
				effectiveOn: '2024-04-01',
				source: SOURCE_2024,
				articles
			});
			openFiling(ctx, villageId, version);
			ctx.audit({
				action: 'rules_document.recorded',
				subjectType: 'rules_document',
				subjectId: doc.id,
				after: { kind: 'village_rules', versionId: version.id, source: SOURCE_2024 }
			});
			return version;
		}
	}) as RulesVersion;
	file(db, villageId, v2, '2024-03-22', '2024-03-29');

	const charter = recordExistingText(db, clerk, villageId, {
		kind: 'charter',
		title: '新阳村村民自治章程',
		text: CHARTER,
		source: SOURCE_2019,
		adoptedOn: '2019-04-20',
		effectiveOn: '2019-05-01'
	});
	if (!charter.ok) throw new Error(`demo charter: ${charter.reason}`);
	file(db, villageId, charter.version, '2019-04-26', '2019-05-06');
}
