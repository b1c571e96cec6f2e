// For the revision tests only: a village_rules topic and a rules text in force, written straight
// into the tables, so the revision verbs can be tested before (and apart from) the text's own verbs.
import type { Db } from '../db';
import { actorByPhone } from '../seed/actors';
import { createTopic } from '../topics/filing';
import { triageTopic } from '../topics/triage';

export const BASE_ARTICLES = [
	'本村村民应当遵守国家法律法规，爱党爱国，团结邻里。',
	'村民应当爱护村内公共设施，不得私自占用集体土地。',
	'提倡移风易俗，婚事新办、丧事简办，不大操大办。',
	'村民应当保持房前屋后整洁，垃圾分类投放。',
	'爱护山林水源，不得乱砍滥伐、非法捕捞。',
	'禁止露天焚烧秸秆和垃圾。违者由村民委员会批评教育。'
];

/** Version 1 of the village's 村规民约 with the articles above (keys 1–6, article 6 the straw ban). */
export function seedBaseVersion(db: Db, villageId: number, articles = BASE_ARTICLES): number {
	const at = '2025-01-01T00:00:00.000Z';
	const documentId = Number(
		db
			.prepare(
				"insert into rules_documents (village_id, kind, title, created_at) values (?, 'village_rules', '村规民约', ?)"
			)
			.run(villageId, at).lastInsertRowid
	);
	const versionId = Number(
		db
			.prepare(
				`insert into rules_versions (document_id, number, adopted_on, effective_on, source, created_at)
				 values (?, 1, '2025-01-01', '2025-01-01', '2024年村民会议通过的文本', ?)`
			)
			.run(documentId, at).lastInsertRowid
	);
	articles.forEach((body, i) =>
		db
			.prepare(
				'insert into rules_articles (version_id, article_key, position, body) values (?, ?, ?, ?)'
			)
			.run(versionId, i + 1, i + 1, body)
	);
	return versionId;
}

/** A village_rules topic filed by the supervisor, triaged to the 4+2 track unless `submitted`. */
export function rulesTopic(
	db: Db,
	villageId: number,
	options: { triage?: boolean; category?: 'village_rules' | 'ecology' } = {}
): number {
	const filed = createTopic(
		db,
		actorByPhone(db, '13800000006'),
		villageId,
		{
			title: '修订村规民约：禁止露天焚烧秸秆',
			description: '秋收后焚烧秸秆污染严重，建议写入村规民约并明确处理办法。',
			category: options.category ?? 'village_rules',
			place: '',
			affected: '',
			estimatedCostFen: null,
			funding: ''
		},
		{ submit: true, now: new Date('2026-11-01T09:00:00+08:00') }
	);
	if (!filed.ok) throw new Error(`rules topic: ${filed.reason}`);
	if (options.triage !== false) {
		const triaged = triageTopic(
			db,
			actorByPhone(db, '13800000001'),
			villageId,
			filed.topic.id,
			{
				route: 'four_plus_two',
				art24: ['village_major'],
				reason: '村规民约须经村民会议讨论决定。'
			},
			{ now: new Date('2026-11-02T09:00:00+08:00') }
		);
		if (!triaged.ok) throw new Error(`rules topic triage: ${triaged.reason}`);
	}
	return filed.topic.id;
}
