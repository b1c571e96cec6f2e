// The demo board's own notices: the quarter's village affairs (open to objections, with one
// objection answered and its objector, not satisfied, referring it to the township, whose inbox
// then holds it) and the month's finances. Dates are relative to the day of seeding; every
// step goes through the notice and objection commands.
import type { Db } from '../db';
import { postStaffNotice } from '../notices/notices';
import { answerObjection, escalateObjection, fileObjection } from '../notices/objections';
import { type Actor } from '../permissions';

const DAY = 24 * 60 * 60 * 1000;

function actorOf(db: Db, phone: string): Actor {
	const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
		id: number;
		person_id: number | null;
		role: Actor['role'];
	};
	return { userId: u.id, personId: u.person_id, role: u.role };
}

export const DEMO_GENERAL_NOTICE_TITLE = '关于2026年村集体经济收益分配方案的公示';
export const DEMO_FINANCE_NOTICE_TITLE = '新阳村财务收支公开';

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo ${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

export function seedDemoNotices(db: Db, villageId: number, now = new Date()): void {
	const clerk = actorOf(db, '13800000001');
	const villager = actorOf(db, '13800000003');
	const twoDaysAgo = new Date(now.getTime() - 2 * DAY);
	const general = must(
		'general notice',
		postStaffNotice(
			db,
			clerk,
			villageId,
			{
				kind: 'general',
				title: DEMO_GENERAL_NOTICE_TITLE,
				summary: '村集体经济收益42.6万元，拟提取公积公益金30%，其余按户分配，每户约1,180元。',
				body: [
					'经村民代表会议讨论，2026年村集体经济收益分配方案如下：',
					'一、全年村集体经济收益426,000元（果蔬储藏库租金、荒山承包费等）。',
					'二、提取公积公益金127,800元（30%），用于村内道路维护和公益事业。',
					'三、其余298,200元按户分配，全村253户，每户约1,180元。',
					'公示期内，村民对方案有异议的，可以登录本公开栏提出，也可以到议事厅窗口当面反映。'
				].join('\n'),
				takesObjections: true
			},
			{ now: twoDaysAgo }
		)
	).notice;
	const month = now.toISOString().slice(0, 7);
	must(
		'finance notice',
		postStaffNotice(
			db,
			clerk,
			villageId,
			{
				kind: 'finance',
				title: `${DEMO_FINANCE_NOTICE_TITLE}（${month}）`,
				summary: '本月收入5.3万元，支出3.1万元，期末结余19.6万元。',
				body: [
					'一、本月收入合计53,000元',
					'  1. 果蔬储藏库租金 30,000元',
					'  2. 荒山承包费 15,000元',
					'  3. 上级转移支付（办公经费） 8,000元',
					'二、本月支出合计31,000元',
					'  1. 村内道路维修 18,500元',
					'  2. 议事厅水电及办公用品 4,300元',
					'  3. 村干部误工补贴 8,200元',
					'三、期末结余196,000元',
					'以上收支凭证存村财务室，村务监督委员会已审核。'
				].join('\n')
			},
			{ now }
		)
	);
	const filed = must(
		'objection',
		fileObjection(
			db,
			villager,
			villageId,
			general.id,
			'外出务工户的分配是否和在村户一样？方案里没有写清楚。',
			{ now: new Date(now.getTime() - DAY) }
		)
	).objection;
	must(
		'answer',
		answerObjection(
			db,
			clerk,
			villageId,
			filed.id,
			'按户籍在本村的农户分配，外出务工户与在村户一样，每户一份。分配时到议事厅窗口签字领取，也可以委托家人代领。',
			{ now }
		)
	);
	must('referral', escalateObjection(db, villager, villageId, filed.id, { now }));
}
