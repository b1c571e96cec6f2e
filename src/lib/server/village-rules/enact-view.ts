// What the clerk sees before putting a revision in force: the draft's changes, where it stands,
// and the topic's resolutions, those of a villagers' meeting offered and the others named as such.
import type { Db } from '../db';
import { resolutionsOfTopic } from './enactment';
import type { RulesKind } from './records';

export function enactView(db: Db, villageId: number, revisionId: number) {
	const rev = db
		.prepare(
			`select r.id, r.state, r.topic_id as topicId, t.number as topicNumber, t.title as topicTitle,
			   d.title as documentTitle, d.kind, v.number as baseNumber
			 from rules_revisions r join topics t on t.id = r.topic_id
			 join rules_documents d on d.id = r.document_id
			 left join rules_versions v on v.id = r.base_version_id
			 where r.id = ? and r.village_id = ?`
		)
		.get(revisionId, villageId) as
		| {
				id: number;
				state: string;
				topicId: number;
				topicNumber: string;
				topicTitle: string;
				documentTitle: string;
				kind: RulesKind;
				baseNumber: number | null;
		  }
		| undefined;
	if (!rev) return null;
	const changes = db
		.prepare(
			`select id, change, article_key as articleKey, body, reason from rules_revision_changes
			 where revision_id = ? order by id`
		)
		.all(rev.id) as {
		id: number;
		change: 'add' | 'change' | 'remove';
		articleKey: number;
		body: string;
		reason: string;
	}[];
	return { revision: rev, changes, resolutions: resolutionsOfTopic(db, villageId, rev.topicId) };
}
