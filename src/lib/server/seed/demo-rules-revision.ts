// The demo's revision of the village rules under way: the straw-burning article (key 6) gains the
// grid heads' patrols and the support for ploughing straw back in, one article is added, and the
// draft is open for comments with four of them, one answered. Runs after the rules in force are
// seeded; without a version in force there is nothing to revise, and it seeds nothing.
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { createTopic } from '../topics/filing';
import { triageTopic } from '../topics/triage';
import { answerComment, commentOnChange, openComments } from '../village-rules/comments';
import { draftChange, openRulesRevision } from '../village-rules/drafts';
import { actorByPhone } from './actors';

const STRAW_KEY = 6;

/** China noon of the day `days` from now: every step of the demo happens on a plain day. */
const dayAt = (now: Date, days: number) =>
	new Date(`${addDays(todayInChina(now), days)}T12:00:00+08:00`);

function must<T extends { ok: boolean }>(what: string, r: T): T & { ok: true } {
	if (!r.ok) throw new Error(`demo rules revision, ${what}: ${JSON.stringify(r)}`);
	return r as T & { ok: true };
}

/** A village_rules topic free for a revision: the demo's, or one filed here when it has one. */
function rulesTopic(db: Db, villageId: number, now: Date): number {
	const free = db
		.prepare(
			`select t.id from topics t where t.village_id = ? and t.category = 'village_rules'
			   and t.state in ('submitted', 'four_plus_two')
			   and not exists (select 1 from rules_revisions r where r.topic_id = t.id)
			 order by t.id limit 1`
		)
		.pluck()
		.get(villageId) as number | undefined;
	if (free !== undefined) return free;
	const filed = must(
		'topic',
		createTopic(
			db,
			actorByPhone(db, '13800000006'),
			villageId,
			{
				title: '完善村规民约：秸秆禁烧巡查和还田',
				description: '秋收后仍有焚烧秸秆，建议写明网格员巡查和秸秆还田的支持办法。',
				category: 'village_rules',
				place: '',
				affected: '全村农户',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true, now: dayAt(now, -14) }
		)
	);
	must(
		'triage',
		triageTopic(
			db,
			actorByPhone(db, '13800000001'),
			villageId,
			filed.topic.id,
			{
				route: 'four_plus_two',
				art24: ['village_major'],
				reason: '村规民约须经村民会议讨论决定。'
			},
			{ now: dayAt(now, -13) }
		)
	);
	return filed.topic.id;
}

export function seedDemoRulesRevision(db: Db, villageId: number, now: Date): void {
	const straw = db
		.prepare(
			`select a.article_key from rules_articles a
			 join rules_versions v on v.id = a.version_id
			 join rules_documents d on d.id = v.document_id
			 where d.village_id = ? and d.kind = 'village_rules' and a.article_key = ?
			   and v.number = (select max(number) from rules_versions where document_id = d.id)`
		)
		.pluck()
		.get(villageId, STRAW_KEY) as number | undefined;
	if (straw === undefined) return;
	const clerk = actorByPhone(db, '13800000001');
	const opened = must(
		'open',
		openRulesRevision(
			db,
			clerk,
			villageId,
			{ topicId: rulesTopic(db, villageId, now), kind: 'village_rules' },
			{ now: dayAt(now, -10) }
		)
	);
	const draft = (input: Parameters<typeof draftChange>[4]) =>
		must(
			'draft',
			draftChange(db, clerk, villageId, opened.revisionId, input, { now: dayAt(now, -9) })
		);
	const change = draft({
		change: 'change',
		articleKey: STRAW_KEY,
		body: '禁止露天焚烧秸秆和垃圾。秋收期间由网格员每日巡查，发现焚烧及时劝止并报告村民委员会；村里为秸秆还田、离田利用提供机械和补助。',
		reason: '近两年秋收后仍有焚烧，原条款只有禁止，没有巡查和替代办法。'
	});
	draft({
		change: 'add',
		afterKey: STRAW_KEY,
		body: '本村规民约由村民委员会负责解释，每三年结合村民意见修订一次。',
		reason: '明确解释主体和修订周期。'
	});
	must(
		'comments',
		openComments(
			db,
			clerk,
			villageId,
			opened.revisionId,
			{ from: todayInChina(dayAt(now, -7)), until: todayInChina(dayAt(now, 7)) },
			{ now: dayAt(now, -7) }
		)
	);
	const comment = (phone: string, body: string, days: number, forName?: string) => {
		const forPerson = forName
			? (db
					.prepare('select id from people where village_id = ? and name = ?')
					.pluck()
					.get(villageId, forName) as number)
			: undefined;
		return must(
			'comment',
			commentOnChange(
				db,
				actorByPhone(db, phone),
				villageId,
				change.changeId,
				body,
				forPerson
					? {
							personId: forPerson,
							consentKind: 'read_back',
							consentAt: dayAt(now, days).toISOString()
						}
					: undefined,
				{ now: dayAt(now, days) }
			)
		);
	};
	const first = comment('13800000005', '赞成巡查。补助标准请写清楚，按亩还是按户。', -6);
	comment('13800000004', '烧秸秆呛得老人咳嗽，支持禁烧，也希望有人上门收秸秆。', -5, '张秀英');
	comment('13800000006', '建议写明劝止不听的怎么处理。', -3);
	comment('13800000003', '还田的机械要提前排好时间，别误了种麦。', -1);
	must(
		'answer',
		answerComment(
			db,
			clerk,
			villageId,
			first.commentId,
			'采纳：补助按亩计算，标准由村民代表会议定后另行公布。',
			{ now: dayAt(now, -4) }
		)
	);
}
