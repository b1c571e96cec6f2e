// What the revision page shows each reader: the draft change by change beside the text in force,
// the comments (a count for the public, the words for members, the names for staff only), the
// township's reviews, the steps in words, and the forms the reader may use now.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { isResident } from '../topics/records';
import { commentsOpenOn, COMMENT_DAYS_MIN } from './comments';
import {
	baseArticles,
	findRevision,
	listChanges,
	listComments,
	listReviews,
	type BaseArticle,
	type DraftChange,
	type Review,
	type Revision,
	type RevisionState
} from './revision-records';

export interface RevisionReader {
	member: boolean;
	staff: boolean;
	personId: number | null;
	/** May write comments down for some villagers (a grid head, representative, party member, staff). */
	filesForOthers: boolean;
}

export const STEPS = ['draft', 'comments', 'review', 'vote', 'filing'] as const;
export type Step = (typeof STEPS)[number];
export type StepStatus = 'done' | 'current' | 'todo';

/** The step each state is at: the vote and the filing are the enacting page's (enactRevision). */
const STEP_OF: Record<RevisionState, number> = {
	drafting: 0,
	consulting: 1,
	in_review: 2,
	reviewed: 3,
	enacted: 5,
	withdrawn: -1
};

export interface PageComment {
	id: number;
	/** Members only; the public sees how many, not what. */
	body: string | null;
	/** Staff only. */
	authorName: string | null;
	onBehalf: boolean;
	createdAt: string;
	answer: string | null;
	answeredAt: string | null;
}

export interface PageChange extends Omit<DraftChange, 'current'> {
	current: BaseArticle | null;
	/** 第N条 of the article it follows, for an addition (0: at the start). */
	afterPosition: number | null;
	commentCount: number;
	comments: PageComment[];
}

export interface RevisionPage {
	revision: Revision;
	/** The public reads a draft once it was put to the villagers; members read it from the start. */
	isPublic: boolean;
	steps: { step: Step; status: StepStatus }[];
	changes: PageChange[];
	reviews: Review[];
	base: BaseArticle[];
	commentsOpen: boolean;
	can: {
		comment: boolean;
		commentForOthers: boolean;
		draft: boolean;
		openComments: boolean;
		answer: boolean;
		send: boolean;
		review: boolean;
		withdraw: boolean;
		enact: boolean;
	};
	commentDaysMin: number;
}

/** The page, or null when this reader may not see it (answered as not found, so nothing leaks). */
export function revisionPage(
	db: Db,
	villageId: number,
	id: number,
	reader: RevisionReader,
	now = new Date()
): RevisionPage | null {
	const revision = findRevision(db, villageId, id);
	if (!revision) return null;
	const isPublic = revision.commentsFrom !== null;
	if (!isPublic && !reader.member) return null;
	const today = todayInChina(now);
	const base = baseArticles(db, revision.baseVersionId);
	const comments = listComments(db, revision.id);
	const at = STEP_OF[revision.state];
	const steps = STEPS.map((step, i) => ({
		step,
		status: (i < at ? 'done' : i === at ? 'current' : 'todo') as StepStatus
	}));
	const changes = listChanges(db, revision).map((c): PageChange => {
		const own = comments.filter((x) => x.changeId === c.id);
		return {
			...c,
			afterPosition:
				c.change === 'add' ? (base.find((a) => a.articleKey === c.afterKey)?.position ?? 0) : null,
			commentCount: own.length,
			comments: reader.member
				? own.map((x) => ({
						id: x.id,
						body: x.body,
						authorName: reader.staff ? x.authorName : null,
						onBehalf: x.onBehalf,
						createdAt: x.createdAt,
						answer: x.answer,
						answeredAt: x.answeredAt
					}))
				: []
		};
	});
	const commentsOpen = commentsOpenOn(revision, today);
	const open = revision.state !== 'enacted' && revision.state !== 'withdrawn';
	const staff = reader.member && reader.staff;
	return {
		revision,
		isPublic,
		steps,
		changes,
		reviews: listReviews(db, revision.id),
		base,
		commentsOpen,
		can: {
			comment:
				commentsOpen &&
				reader.member &&
				reader.personId !== null &&
				isResident(db, villageId, reader.personId),
			commentForOthers: commentsOpen && reader.member && reader.filesForOthers,
			draft: staff && revision.state === 'drafting',
			openComments: staff && revision.state === 'drafting' && changes.length > 0,
			answer: staff && open && comments.some((c) => c.answer === null),
			send: staff && revision.state === 'consulting' && (revision.commentsUntil ?? '') < today,
			review: staff && revision.state === 'in_review',
			withdraw: staff && open,
			enact: staff && revision.state === 'reviewed'
		},
		commentDaysMin: COMMENT_DAYS_MIN
	};
}
