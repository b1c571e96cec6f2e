// The count and the publication. Who is honoured follows the votes, seat by seat; a tie at the
// last seat is not broken by the software (no lot, no age, no list order): the tied nominees are
// shown as tied and the seat stays open for the committee to settle by a run-off round or a meeting.
import { m } from '$lib/paraglide/messages';
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { postNotice } from '../notices/notices';
import {
	categoriesOf,
	findRound,
	nominationsOf,
	publicHonourees,
	type HonourCategory,
	type HonourRound,
	type Honouree
} from './records';

const ZH = { locale: 'zh-CN' as const };

export interface CategoryResult {
	/** Nominations chosen, most votes first. */
	honoured: number[];
	/** Nominations tied for the last seat: none of them is chosen by the count. */
	tied: number[];
}

/**
 * Who a category's votes choose: the `seats` nominations with most votes, at least one each. When
 * the last seat's votes are shared by more nominations than seats remain, none of them is chosen.
 */
export function chooseHonourees(
	seats: number,
	nominations: { id: number; votes: number }[]
): CategoryResult {
	const ranked = nominations.filter((n) => n.votes > 0).sort((a, b) => b.votes - a.votes);
	if (ranked.length <= seats) return { honoured: ranked.map((n) => n.id), tied: [] };
	const last = ranked[seats - 1].votes;
	if (ranked[seats].votes !== last)
		return { honoured: ranked.slice(0, seats).map((n) => n.id), tied: [] };
	return {
		honoured: ranked.filter((n) => n.votes > last).map((n) => n.id),
		tied: ranked.filter((n) => n.votes === last).map((n) => n.id)
	};
}

/** The result of every category of a counted round, from the stored votes. */
export function roundResults(db: Db, round: HonourRound): Map<number, CategoryResult> {
	const nominations = nominationsOf(db, round.id).filter((n) => n.review === 'accepted');
	return new Map(
		categoriesOf(db, round.id).map((c: HonourCategory) => [
			c.id,
			chooseHonourees(
				c.seats,
				nominations
					.filter((n) => n.categoryId === c.id)
					.map((n) => ({ id: n.id, votes: n.votes ?? 0 }))
			)
		])
	);
}

export type CountResult =
	| { ok: true; round: HonourRound }
	| {
			ok: false;
			reason:
				'forbidden' | 'not_found' | 'wrong_state' | 'voting_still_open' | 'meeting_count_missing';
	  };

/**
 * Counts the round: online, once the voting days are over (a count never ends a vote early); in
 * meeting mode, once the meeting's count is entered. Marks the honourees.
 */
export function countRound(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	options: { now?: Date } = {}
): CountResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRound(db, villageId, roundId),
		run: (round, ctx): CountResult => {
			if (round.state !== 'voting') return { ok: false, reason: 'wrong_state' };
			const accepted = nominationsOf(db, round.id).filter((n) => n.review === 'accepted');
			if (round.voteMode === 'online') {
				if (todayInChina(ctx.now) <= round.votingUntil!)
					return { ok: false, reason: 'voting_still_open' };
				const tally = db
					.prepare('select count(*) from honour_choices where nomination_id = ?')
					.pluck();
				const set = db.prepare('update honour_nominations set votes = ? where id = ?');
				for (const n of accepted) set.run(tally.get(n.id) as number, n.id);
			} else if (round.meetingId === null || accepted.some((n) => n.votes === null)) {
				return { ok: false, reason: 'meeting_count_missing' };
			}
			const results = roundResults(db, round);
			const honour = db.prepare('update honour_nominations set honoured = 1 where id = ?');
			for (const r of results.values()) for (const id of r.honoured) honour.run(id);
			db.prepare(`update honour_rounds set state = 'counted', updated_at = ? where id = ?`).run(
				ctx.now.toISOString(),
				round.id
			);
			ctx.audit({
				action: 'honour_round.counted',
				subjectType: 'honour_round',
				subjectId: round.id,
				after: Object.fromEntries([...results].map(([c, r]) => [c, r]))
			});
			return { ok: true, round: findRound(db, villageId, round.id)! };
		}
	});
}

/** An honouree as the board and the certificate name them: a household by its head. */
export const honoureeName = (h: Pick<Honouree, 'name' | 'subject'>, locale = ZH) =>
	h.subject === 'household' ? m.hon_household_of({ name: h.name }, locale) : h.name;

function noticeBody(round: HonourRound, categories: HonourCategory[], honourees: Honouree[]) {
	const lines = categories.map((c) => {
		const names = honourees.filter((h) => h.categoryId === c.id).map((h) => honoureeName(h));
		return m.hon_notice_line(
			{
				category: c.name,
				names: names.length ? names.join(m.list_separator({}, ZH)) : m.hon_notice_none({}, ZH)
			},
			ZH
		);
	});
	return [m.hon_notice_intro({ title: round.title }, ZH), ...lines].join('\n');
}

export type PublishResult =
	| { ok: true; round: HonourRound; noticeSeq: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'wrong_state' | 'notice_refused' };

/**
 * Publishes a counted round: numbers the certificates and posts the honourees on the board (a
 * general notice linked to the round). Only the honourees are named there, never the others.
 */
export function publishRound(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	options: { now?: Date } = {}
): PublishResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRound(db, villageId, roundId),
		run: (round, ctx): PublishResult => {
			if (round.state !== 'counted') return { ok: false, reason: 'wrong_state' };
			const year = todayInChina(ctx.now).slice(0, 4);
			const honoured = nominationsOf(db, round.id).filter((n) => n.honoured);
			const number = db.prepare('update honour_nominations set certificate_no = ? where id = ?');
			honoured.forEach((n, i) =>
				number.run(
					`${year}-${String(round.id).padStart(3, '0')}-${String(i + 1).padStart(3, '0')}`,
					n.id
				)
			);
			db.prepare(`update honour_rounds set state = 'published', updated_at = ? where id = ?`).run(
				ctx.now.toISOString(),
				round.id
			);
			const categories = categoriesOf(db, round.id);
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'general',
					title: m.hon_notice_title({ title: round.title }, ZH),
					summary: m.hon_notice_summary({ count: honoured.length }, ZH),
					body: noticeBody(round, categories, publicHonourees(db, villageId, round.id)),
					honourRoundId: round.id
				},
				{ now: ctx.now }
			);
			if (!posted.ok) return { ok: false, reason: 'notice_refused' };
			db.prepare('update honour_rounds set notice_id = ? where id = ?').run(
				posted.notice.id,
				round.id
			);
			ctx.audit({
				action: 'honour_round.published',
				subjectType: 'honour_round',
				subjectId: round.id,
				after: { noticeSeq: posted.notice.seq, honourees: honoured.length }
			});
			return { ok: true, round: findRound(db, villageId, round.id)!, noticeSeq: posted.notice.seq };
		}
	});
}
