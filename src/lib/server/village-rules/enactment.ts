// Putting an adopted revision in force (审议表决 → 备案公布): once the township has approved the draft
// and a villagers' meeting has adopted it, the clerk writes the new version, posts it on the board,
// opens its filing and closes the revision, all in one command.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate, todayInChina } from '../calendar/dates';
import { postNotice } from '../notices/notices';
import { applyChanges, type RevisionChange } from './apply';
import { openFiling } from './filing';
import { fileWithTownship } from '../procedure/township-filing';
import { articlesOf, writeVersion, type RulesKind, type RulesVersion } from './records';
import { rulesNoticeWords } from './notice-words';

interface RevisionRow {
	id: number;
	document_id: number;
	topic_id: number;
	base_version_id: number | null;
	state: string;
}

export interface DecidingResolution {
	id: number;
	number: string;
	adoptedOn: string;
	meetingId: number;
	meetingType: string;
	meetingTitle: string;
}

/** The resolutions adopted on the revision's topic, with the meeting that adopted each, latest first. */
export function resolutionsOfTopic(
	db: Db,
	villageId: number,
	topicId: number
): DecidingResolution[] {
	return db
		.prepare(
			`select r.id, r.number, r.adopted_on as adoptedOn, r.meeting_id as meetingId,
			   m.type as meetingType, m.title as meetingTitle
			 from resolutions r join meetings m on m.id = r.meeting_id
			 where r.village_id = ? and r.topic_id = ? order by r.adopted_on desc, r.id desc`
		)
		.all(villageId, topicId) as DecidingResolution[];
}

/**
 * Who was present when the deciding vote was taken, and how many of them women: the guidance asks
 * that a share of women attend the meeting that adopts the rules. The presence fixed at the vote
 * (votes/presence.ts) is read; a motion decided without it falls back to the meeting's sign-ins.
 */
export function womenAtDecision(
	db: Db,
	resolutionId: number
): { present: number; women: number } | null {
	const r = db
		.prepare('select motion_id, meeting_id from resolutions where id = ?')
		.get(resolutionId) as { motion_id: number; meeting_id: number } | undefined;
	if (!r) return null;
	const count = (sql: string, id: number) =>
		db.prepare(sql).get(id) as { present: number; women: number | null };
	let c = count(
		`select count(*) as present, sum(p.gender = 'f') as women from motion_presence mp
		 join people p on p.id = mp.person_id where mp.motion_id = ?`,
		r.motion_id
	);
	if (c.present === 0)
		c = count(
			`select count(*) as present, sum(p.gender = 'f') as women from meeting_roster mr
			 join people p on p.id = mr.person_id where mr.meeting_id = ? and mr.signed_in_at is not null`,
			r.meeting_id
		);
	return c.present === 0 ? null : { present: c.present, women: c.women ?? 0 };
}

export type EnactRefusal =
	| 'not_reviewed'
	| 'no_resolution'
	| 'not_villagers_meeting'
	| 'bad_effective_on'
	| 'before_decision'
	| 'before_current'
	| 'stale_base'
	| 'bad_changes';

export type EnactResult =
	| { ok: true; version: RulesVersion; kind: RulesKind; noticeSeq: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | EnactRefusal };

export function enactRevision(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	input: { effectiveOn: string; resolutionId?: number | null },
	options: { now?: Date } = {}
): EnactResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare('select * from rules_revisions where id = ? and village_id = ?')
				.get(revisionId, villageId) as RevisionRow | undefined,
		run: (rev, ctx): EnactResult => {
			if (rev.state !== 'reviewed') return { ok: false, reason: 'not_reviewed' };
			const resolutions = resolutionsOfTopic(db, villageId, rev.topic_id);
			const resolution =
				input.resolutionId != null
					? resolutions.find((r) => r.id === input.resolutionId)
					: resolutions[0];
			if (!resolution) return { ok: false, reason: 'no_resolution' };
			// 组织法 2026 art. 31 (2018 art. 27): only the villagers' meeting adopts the rules.
			if (resolution.meetingType !== 'villagers_meeting')
				return { ok: false, reason: 'not_villagers_meeting' };
			if (!isValidDate(input.effectiveOn)) return { ok: false, reason: 'bad_effective_on' };
			if (input.effectiveOn < resolution.adoptedOn) return { ok: false, reason: 'before_decision' };
			const latest = db
				.prepare('select max(effective_on) from rules_versions where document_id = ?')
				.pluck()
				.get(rev.document_id) as string | null;
			// A later version never takes effect before the one it replaces.
			if (latest !== null && input.effectiveOn < latest)
				return { ok: false, reason: 'before_current' };
			// A draft of a version since replaced would silently undo the change that replaced it.
			const newest = db
				.prepare('select id from rules_versions where document_id = ? order by number desc limit 1')
				.pluck()
				.get(rev.document_id) as number | undefined;
			if ((newest ?? null) !== rev.base_version_id) return { ok: false, reason: 'stale_base' };
			const changes = db
				.prepare(
					`select change, article_key as articleKey, after_key as afterKey, chapter, body
					 from rules_revision_changes where revision_id = ? order by id`
				)
				.all(rev.id) as RevisionChange[];
			const base = rev.base_version_id === null ? [] : articlesOf(db, rev.base_version_id);
			const applied = applyChanges(base, changes);
			if (!applied.ok) return { ok: false, reason: 'bad_changes' };
			const version = writeVersion(ctx, rev.document_id, {
				adoptedOn: resolution.adoptedOn,
				effectiveOn: input.effectiveOn,
				revisionId: rev.id,
				resolutionId: resolution.id,
				articles: applied.articles
			});
			const words = rulesNoticeWords(db, version.id, 'zh-CN')!;
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'general',
					title: words.title,
					summary: words.summary,
					body: words.body,
					topicId: rev.topic_id,
					resolutionId: resolution.id,
					rulesVersionId: version.id
				},
				{ now: ctx.now }
			);
			if (!posted.ok) throw new Error(`rules notice refused: ${posted.reason}`);
			db.prepare('update rules_versions set notice_id = ? where id = ?').run(
				posted.notice.id,
				version.id
			);
			const filing = openFiling(ctx, villageId, version);
			const filedWithTownship = fileWithTownship(ctx, villageId, { rulesVersionId: version.id });
			// Filed through the app is filed: the village's own record says so, or its dashboard
			// would call the version overdue while it waits in the township's inbox.
			if (filedWithTownship)
				db.prepare('update rules_filings set filed_on = ?, filed_by = ? where version_id = ?').run(
					todayInChina(ctx.now),
					actor.userId,
					version.id
				);
			db.prepare("update rules_revisions set state = 'enacted', updated_at = ? where id = ?").run(
				ctx.now.toISOString(),
				rev.id
			);
			ctx.audit({
				action: 'rules_version.enacted',
				subjectType: 'rules_version',
				subjectId: version.id,
				after: {
					revisionId: rev.id,
					number: version.number,
					resolutionId: resolution.id,
					adoptedOn: resolution.adoptedOn,
					effectiveOn: input.effectiveOn,
					noticeSeq: posted.notice.seq,
					filingDueOn: filing.dueOn,
					filedWithTownship: filedWithTownship !== null
				}
			});
			return {
				ok: true,
				version: { ...version, noticeId: posted.notice.id },
				kind: words.kind,
				noticeSeq: posted.notice.seq
			};
		}
	}) as EnactResult;
}
