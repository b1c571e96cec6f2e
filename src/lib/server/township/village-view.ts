// The township's read-only view of one village: its overview row explained, its 4+2 matters, and
// each late item by name. Nothing personal: no villager's name, phone or objection text, only what
// the village's own staff lists show of the work that is behind.
import type { Db } from '../db';
import { isOverdue, openObjections } from '../notices/objections';
import { serviceCategories } from '../services/categories';
import { categoryName } from '../services/messages';
import { overdueCases, type LateStep } from '../services/queries';
import type { TownshipVillage } from '../villages/townships';
import { villageRow, type MatterLine, type OverviewRow, type Period } from './overview';

export interface LateTopic {
	number: string;
	title: string;
	triageDue: string;
}

export interface LateObjection {
	noticeSeq: number;
	noticeTitle: string;
	ordinal: number;
	answerDue: string;
}

export interface LateCase {
	number: string;
	category: string;
	dueOn: string;
	stepDueOn: string | null;
	lateStep: LateStep | null;
}

export interface TownshipVillageView {
	row: OverviewRow;
	matters: MatterLine[];
	late: { topics: LateTopic[]; objections: LateObjection[]; cases: LateCase[] };
}

/** The lists are capped: the row's counts stay exact, the page names the first of each. */
const LIST_MAX = 50;

export function townshipVillageView(
	db: Db,
	village: TownshipVillage,
	today: string,
	period: Period
): TownshipVillageView {
	const { row, matters } = villageRow(db, village, today, period);
	const topics = db
		.prepare(
			`select number, title, triage_due as triageDue from topics
			 where village_id = ? and state = 'submitted' and triage_due < ? order by triage_due, id limit ?`
		)
		.all(village.id, today, LIST_MAX) as LateTopic[];
	const objections = openObjections(db, village.id)
		.filter((o) => isOverdue(o, today))
		.slice(0, LIST_MAX)
		.map((o) => ({
			noticeSeq: o.noticeSeq,
			noticeTitle: o.noticeTitle,
			ordinal: o.ordinal,
			answerDue: o.answerDue
		}));
	const names = new Map(serviceCategories(db, village.id).map((c) => [c.key, categoryName(c)]));
	const cases = overdueCases(db, village.id, LIST_MAX, today).map((c) => ({
		number: c.number,
		category: names.get(c.category) ?? c.category,
		dueOn: c.dueOn,
		stepDueOn: c.stepDueOn,
		lateStep: c.lateStep
	}));
	return { row, matters, late: { topics, objections, cases } };
}
