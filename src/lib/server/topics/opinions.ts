// Opinions on a topic: written by a villager or taken down on their behalf, read a page at a time,
// and hidden by staff when abusive (the text stays in the archive and the audit log).
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { isStaffOf } from '../permissions/village';
import { pageWindow, type Page } from '../roster/people';
import { findTopic, isResident } from './records';
import { HIDE_REASON_MAX, TERMINAL_STATES, type OnBehalfChannel } from './rules';

export interface Opinion {
	id: number;
	authorName: string;
	personId: number | null;
	filedByName: string;
	onBehalf: boolean;
	channel: string;
	body: string;
	createdAt: string;
	hidden: boolean;
	hiddenReason: string | null;
}

const OPINION_COLUMNS = `o.id, o.author_name as authorName, o.person_id as personId, u.name as filedByName,
	(o.person_id is not u.person_id) as onBehalf, o.channel, o.body, o.created_at as createdAt,
	(o.hidden_at is not null) as hidden, o.hidden_reason as hiddenReason`;

type OpinionRow = Omit<Opinion, 'hidden' | 'onBehalf'> & { hidden: number; onBehalf: number };

const opinionOf = (r: OpinionRow): Opinion => ({
	...r,
	hidden: r.hidden === 1,
	onBehalf: r.onBehalf === 1
});

export const OPINIONS_PER_PAGE = 30;

/**
 * One page of a topic's opinions, newest first so that one just written shows at the top: a
 * topic a whole village talks about has hundreds, too many for a cheap phone on one page.
 */
export function opinionsPage(
	db: Db,
	topicId: number,
	includeHidden: boolean,
	requestedPage: number | undefined,
	pageSize = OPINIONS_PER_PAGE
): Page<Opinion> & { visible: number } {
	const counts = db
		.prepare(
			`select count(*) as total, coalesce(sum(hidden_at is null), 0) as visible
			 from topic_opinions where topic_id = ?`
		)
		.get(topicId) as { total: number; visible: number };
	const total = includeHidden ? counts.total : counts.visible;
	const { page, pages, offset } = pageWindow(total, requestedPage, pageSize);
	const rows = db
		.prepare(
			`select ${OPINION_COLUMNS} from topic_opinions o join users u on u.id = o.filed_by_user_id
			 where o.topic_id = ? ${includeHidden ? '' : 'and o.hidden_at is null'}
			 order by o.id desc limit ? offset ?`
		)
		.all(topicId, pageSize, offset) as OpinionRow[];
	return { items: rows.map(opinionOf), total, page, pageSize, pages, visible: counts.visible };
}

/**
 * A second post of the same words by the same person on the same topic within this many seconds
 * is the same opinion sent twice (a double tap, a resent form on a slow line), not a new one.
 */
export const OPINION_REPEAT_SECONDS = 60;

export type OpinionResult =
	| { ok: true; opinionId: number; repeated: boolean }
	| { ok: false; reason: 'not_found' | 'not_a_villager' | 'not_your_villager' | 'wrong_state' };

export function addOpinion(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	body: string,
	onBehalf?: { personId: number; channel: OnBehalfChannel },
	options: { now?: Date } = {}
): OpinionResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => findTopic(db, villageId, topicId),
		run: (t, ctx): OpinionResult => {
			if (t.state === 'draft' || TERMINAL_STATES.includes(t.state))
				return { ok: false, reason: 'wrong_state' };
			const personId = onBehalf ? onBehalf.personId : actor.personId;
			if (personId === null || !isResident(db, villageId, personId))
				return { ok: false, reason: 'not_a_villager' };
			if (onBehalf && !mayFileFor(db, villageId, actor, onBehalf.personId))
				return { ok: false, reason: 'not_your_villager' };
			const person = db
				.prepare('select name from people where id = ? and village_id = ?')
				.get(personId, villageId) as { name: string } | undefined;
			if (!person) return { ok: false, reason: 'not_a_villager' };
			// Inside the same immediate transaction as the insert, so two taps racing see each other.
			const since = new Date(ctx.now.getTime() - OPINION_REPEAT_SECONDS * 1000).toISOString();
			const repeated = db
				.prepare(
					`select id from topic_opinions where topic_id = ? and person_id = ? and filed_by_user_id = ?
					 and body = ? and created_at >= ? and hidden_at is null order by id desc limit 1`
				)
				.pluck()
				.get(topicId, personId, actor.userId, body, since) as number | undefined;
			if (repeated !== undefined) return { ok: true, opinionId: repeated, repeated: true };
			const { lastInsertRowid } = db
				.prepare(
					`insert into topic_opinions (topic_id, person_id, author_name, filed_by_user_id, channel, body, created_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					topicId,
					personId,
					person.name,
					actor.userId,
					onBehalf?.channel ?? 'online',
					body,
					ctx.now.toISOString()
				);
			ctx.audit({
				action: 'topic.opinion_added',
				subjectType: 'topic',
				subjectId: topicId,
				after: {
					opinionId: Number(lastInsertRowid),
					personId,
					channel: onBehalf?.channel ?? 'online',
					body
				}
			});
			return { ok: true, opinionId: Number(lastInsertRowid), repeated: false };
		}
		// No `may` or `allowed`: command never answers forbidden here.
	}) as OpinionResult;
}

export type HideOpinionResult =
	| { ok: true; topicId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_hidden' | 'hide_reason_too_long' };

/** Hides an abusive opinion from the page; the text stays in the archive and the audit log. */
export function hideOpinion(
	db: Db,
	actor: Actor,
	villageId: number,
	opinionId: number,
	reason: string
): HideOpinionResult {
	// Refused whole, never cut: the reason is what the villager is shown in place of their words.
	if ([...reason].length > HIDE_REASON_MAX) return { ok: false, reason: 'hide_reason_too_long' };
	return command(db, {
		actor,
		villageId,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare(
					'select o.id, o.topic_id as topicId, o.hidden_at as hiddenAt from topic_opinions o join topics t on t.id = o.topic_id where o.id = ? and t.village_id = ?'
				)
				.get(opinionId, villageId) as
				{ id: number; topicId: number; hiddenAt: string | null } | undefined,
		run: (row, ctx): HideOpinionResult => {
			if (row.hiddenAt) return { ok: false, reason: 'already_hidden' };
			db.prepare(
				'update topic_opinions set hidden_at = ?, hidden_by = ?, hidden_reason = ? where id = ?'
			).run(ctx.now.toISOString(), actor.userId, reason, opinionId);
			ctx.audit({
				action: 'topic.opinion_hidden',
				subjectType: 'topic',
				subjectId: row.topicId,
				after: { opinionId, reason }
			});
			return { ok: true, topicId: row.topicId };
		}
	});
}
