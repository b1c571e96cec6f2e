// The village affairs supervision committee's workspace (村务监督委员会, 组织法 2026 art. 37): what
// waits for its opinion, the objections still unanswered, the disclosure cadence it watches, and
// each implementation's spending against its budget. Read only; the opinion is discloseResult's.
import type { Db } from '../db';
import { implementationOf } from '../implementation/implementation';
import { disclosureCadence, type DisclosureCadence } from '../notices/notices';
import { isOverdue, openObjections } from '../notices/objections';

/** Where an implementation stands, as the committee follows it. */
export type SpendingStage = 'in_progress' | 'completed' | 'disclosed';

export interface SpendingLine {
	topicId: number;
	number: string;
	title: string;
	responsibleName: string;
	budgetFen: number;
	/** Money spent by the last progress report (cumulative, in fen). */
	spentFen: number;
	percent: number;
	overBudget: boolean;
	stage: SpendingStage;
}

export interface AwaitingOpinion extends SpendingLine {
	completedOn: string;
	summary: string;
}

/** An unanswered objection, without who filed it: the committee watches the answer, not the person. */
export interface WatchedObjection {
	id: number;
	noticeSeq: number;
	noticeTitle: string;
	ordinal: number;
	text: string;
	filedAt: string;
	answerDue: string;
	overdue: boolean;
	escalated: boolean;
}

export interface SupervisionWorkspace {
	awaiting: AwaitingOpinion[];
	objections: WatchedObjection[];
	cadence: DisclosureCadence;
	spending: SpendingLine[];
}

function spendingOf(db: Db, villageId: number, topicId: number) {
	const impl = implementationOf(db, villageId, topicId)!;
	const last = impl.progress.at(-1);
	const spentFen = last?.spentFen ?? 0;
	const topic = db.prepare('select number, title from topics where id = ?').get(topicId) as {
		number: string;
		title: string;
	};
	const line: SpendingLine = {
		topicId,
		number: topic.number,
		title: topic.title,
		responsibleName: impl.responsibleName,
		budgetFen: impl.budgetFen,
		spentFen,
		percent: last?.percent ?? 0,
		overBudget: spentFen > impl.budgetFen,
		stage: impl.disclosure ? 'disclosed' : impl.completion ? 'completed' : 'in_progress'
	};
	return { impl, line };
}

/** The workspace of the village's supervision committee on `today`. */
export function supervisionWorkspace(
	db: Db,
	villageId: number,
	today: string
): SupervisionWorkspace {
	const topicIds = db
		.prepare('select topic_id from implementations where village_id = ? order by id desc')
		.pluck()
		.all(villageId) as number[];
	const awaiting: AwaitingOpinion[] = [];
	const spending: SpendingLine[] = [];
	for (const topicId of topicIds) {
		const { impl, line } = spendingOf(db, villageId, topicId);
		spending.push(line);
		// A 4+2 matter is implemented only after its resolution is published (step 5), so every
		// completed one may take the committee's opinion (step 6) at once.
		if (!impl.completion || impl.disclosure) continue;
		awaiting.push({
			...line,
			completedOn: impl.completion.completedOn,
			summary: impl.completion.summary
		});
	}
	return {
		awaiting: awaiting.sort((a, b) => a.completedOn.localeCompare(b.completedOn)),
		objections: openObjections(db, villageId).map((o) => ({
			id: o.id,
			noticeSeq: o.noticeSeq,
			noticeTitle: o.noticeTitle,
			ordinal: o.ordinal,
			text: o.text,
			filedAt: o.filedAt,
			answerDue: o.answerDue,
			overdue: isOverdue(o, today),
			escalated: o.escalatedAt !== null
		})),
		cadence: disclosureCadence(db, villageId, today),
		spending
	};
}
