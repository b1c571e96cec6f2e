// What the case page shows and which of its forms the reader may use now, decided by the same
// predicates and state table as the verbs; and the schemas its forms are parsed with.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { choice, id, text } from '../forms';
import { distinguishNamesakes } from '../roster/namesakes';
import { findTopic } from '../topics/records';
import { assigneeCandidates, type AssigneeKind } from './assignees';
import { findCategory } from './categories';
import { overdueOf, type Overdue } from './deadlines';
import { categoryName } from './messages';
import { FROM, isAssignee, isOwner, speaksFor, type CaseVerb } from './moves';
import { CASE_TEXT_MAX, RATINGS, stepsOf, type CaseStep, type ServiceCase } from './records';
import { referralStatusOf, type ReferralStatus } from '../villages/township-referral';

export const dispatchForm = z.object({
	assignee: id(() => m.case_choose_assignee()),
	note: text(CASE_TEXT_MAX)
});
export const declineForm = z.object({ reason: text(CASE_TEXT_MAX) });
export const progressForm = z.object({ note: text(CASE_TEXT_MAX) });
export const completeCaseForm = z.object({ result: text(CASE_TEXT_MAX) });
export const rateForm = z.object({
	rating: choice(RATINGS, () => m.error_choose_one()),
	comment: text(CASE_TEXT_MAX)
});
export const followUpForm = z.object({
	note: text(CASE_TEXT_MAX),
	next: choice(['close', 'reopen'], () => m.case_choose_next())
});
export const referForm = z.object({ reason: text(CASE_TEXT_MAX) });

/** The verbs whose form the actor may use on the case now. */
export function caseForms(
	db: Db,
	villageId: number,
	actor: Actor,
	c: ServiceCase,
	today: string
): CaseVerb[] {
	const staff = isStaffOf(db, actor, villageId);
	const assignee = isAssignee(actor, c);
	const who: Record<CaseVerb, boolean> = {
		dispatch: staff,
		accept: assignee,
		decline: assignee,
		progress: assignee || staff,
		complete: assignee || staff,
		rate: !assignee && speaksFor(db, actor, villageId, c, today),
		followUp: staff,
		refer: staff,
		withdraw: isOwner(actor, c) && c.topicId === null,
		toTopic: staff && c.topicId === null
	};
	return (Object.keys(FROM) as CaseVerb[]).filter(
		(v) => who[v] && (FROM[v] as readonly string[]).includes(c.state)
	);
}

export interface StepView extends CaseStep {
	byName: string | null;
	personName: string | null;
}

export interface CandidateView {
	personId: number;
	label: string;
	kinds: AssigneeKind[];
	gridName: string | null;
}

export interface CasePage {
	serviceCase: ServiceCase;
	categoryName: string;
	villagerName: string;
	filerName: string;
	assigneeName: string | null;
	overdue: Overdue;
	steps: StepView[];
	topic: { number: string } | null;
	/** A referred case: the township's answer deadline, then its answer notice on the board. */
	township: ReferralStatus | null;
	forms: CaseVerb[];
	/** Everyone the case may be dispatched to today, namesakes told apart; only for dispatch. */
	candidates: CandidateView[];
}

const personName = (db: Db, personId: number | null) =>
	personId === null
		? null
		: ((db.prepare('select name from people where id = ?').pluck().get(personId) as string) ??
			null);

export function casePage(
	db: Db,
	villageId: number,
	actor: Actor,
	c: ServiceCase,
	today: string
): CasePage {
	const forms = caseForms(db, villageId, actor, c, today);
	const userName = db.prepare('select name from users where id = ?').pluck();
	const steps = stepsOf(db, c.id).map((s) => ({
		...s,
		byName: s.byUserId === null ? null : (userName.get(s.byUserId) as string),
		personName: personName(db, s.personId)
	}));
	let candidates: CandidateView[] = [];
	if (forms.includes('dispatch')) {
		const found = assigneeCandidates(db, villageId, today);
		const details = db.prepare(
			`select h.household_key as householdKey, p.birth_date as birthDate
			 from people p join households h on h.id = p.household_id where p.id = ?`
		);
		const labels = distinguishNamesakes(
			found.map((f) => ({
				id: f.personId,
				name: f.name,
				gridName: f.gridName,
				...(details.get(f.personId) as { householdKey: string; birthDate: string })
			}))
		);
		candidates = found.map((f) => ({
			personId: f.personId,
			label: labels.get(f.personId) ?? f.name,
			kinds: f.kinds,
			gridName: f.gridName
		}));
	}
	return {
		serviceCase: c,
		categoryName: categoryName(
			findCategory(db, villageId, c.category) ?? { key: c.category, name: null }
		),
		villagerName: personName(db, c.personId)!,
		filerName: userName.get(c.filedByUserId) as string,
		assigneeName: personName(db, c.assigneePersonId),
		overdue: overdueOf(c, today),
		steps,
		topic: c.topicId === null ? null : { number: findTopic(db, villageId, c.topicId)!.number },
		township:
			c.state === 'referred' ? referralStatusOf(db, villageId, { serviceCaseId: c.id }) : null,
		forms,
		candidates
	};
}
