// The case state machine, table-driven: every verb in every state (done or wrong_state), every
// role (done or refused), the step deadlines each verb sets on the working-day calendar, and
// refusals that change nothing.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { mergeSettings } from '../villages/settings';
import { createVillage } from '../villages/villages';
import { dispatchCase } from './dispatch';
import { acceptCase, completeCase, declineCase, recordProgress } from './handling';
import { rateCase, recordFollowUp } from './rating';
import { referCase, withdrawCase } from './ends';
import { caseToTopic } from './from-topic';
import { canViewCase } from './access';
import { overdueOf } from './deadlines';
import { CASE_STATES, findCase, stepsOf, type CaseState, type ServiceCase } from './records';
import { caseIn, caseWorld, FRIDAY, type CaseWorld } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => (db = d));

type Verb = (w: CaseWorld, c: ServiceCase, as?: Actor) => { ok: boolean; reason?: string };

/** Each verb as called by the one who normally takes it, with good input. */
const VERBS: Record<string, { call: Verb; from: CaseState[] }> = {
	dispatch: {
		// To the grid head, so a case already with the party member can be re-dispatched.
		call: (w, c, as = w.clerk) =>
			dispatchCase(
				db,
				as,
				w.village,
				c.id,
				{ assigneePersonId: w.gridHead.personId!, note: '' },
				{ now: FRIDAY }
			),
		from: ['submitted', 'dispatched']
	},
	accept: {
		call: (w, c, as = w.partyMember) => acceptCase(db, as, w.village, c.id, { now: FRIDAY }),
		from: ['dispatched']
	},
	decline: {
		call: (w, c, as = w.partyMember) =>
			declineCase(db, as, w.village, c.id, '这几天在外地', { now: FRIDAY }),
		from: ['dispatched']
	},
	progress: {
		call: (w, c, as = w.partyMember) =>
			recordProgress(db, as, w.village, c.id, '已联系派出所', { now: FRIDAY }),
		from: ['in_progress']
	},
	complete: {
		call: (w, c, as = w.partyMember) =>
			completeCase(db, as, w.village, c.id, '已办妥', { now: FRIDAY }),
		from: ['in_progress']
	},
	rate: {
		call: (w, c, as = w.villager) =>
			rateCase(
				db,
				as,
				w.village,
				c.id,
				{ rating: 'basically_satisfied', comment: '' },
				{ now: FRIDAY }
			),
		from: ['completed']
	},
	followUp: {
		call: (w, c, as = w.clerk) =>
			recordFollowUp(
				db,
				as,
				w.village,
				c.id,
				{ note: '上门回访，已解释', reopen: false },
				{ now: FRIDAY }
			),
		from: ['follow_up']
	},
	refer: {
		call: (w, c, as = w.clerk) =>
			referCase(db, as, w.village, c.id, '需要乡镇协调', { now: FRIDAY }),
		from: ['submitted', 'dispatched', 'in_progress', 'follow_up']
	},
	withdraw: {
		call: (w, c, as = w.villager) => withdrawCase(db, as, w.village, c.id, { now: FRIDAY }),
		from: ['submitted', 'dispatched', 'in_progress']
	},
	toTopic: {
		call: (w, c, as = w.clerk) => caseToTopic(db, as, w.village, c.id, { now: FRIDAY }),
		from: ['submitted', 'dispatched', 'in_progress', 'follow_up']
	}
};

const count = (table: string) =>
	db.prepare(`select count(*) from ${table}`).pluck().get() as number;
const snapshot = () => ({
	cases: db.prepare('select * from service_cases order by id').all(),
	steps: count('service_case_steps'),
	audit: count('audit'),
	topics: count('topics')
});

describe('every verb in every state', () => {
	const cells = Object.entries(VERBS).flatMap(([verb, v]) =>
		CASE_STATES.map((state) => [verb, state, v.from.includes(state)] as const)
	);
	it.each(cells)('%s on a %s case: allowed %s', (verb, state, allowed) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, state);
		// The assignee acts only on a case with them: a submitted case has no assignee.
		const noAssignee =
			state === 'submitted' && ['accept', 'decline', 'progress', 'complete'].includes(verb);
		const before = snapshot();
		const r = VERBS[verb].call(w, c);
		if (allowed) {
			expect(r).toMatchObject({ ok: true });
			expect(count('service_case_steps')).toBeGreaterThan(before.steps);
			expect(count('audit')).toBeGreaterThan(before.audit);
		} else {
			expect(r).toEqual({ ok: false, reason: noAssignee ? 'forbidden' : 'wrong_state' });
			expect(snapshot()).toEqual(before);
		}
	});
});

describe('every role for every verb', () => {
	type Who = keyof Omit<CaseWorld, 'village'>;
	const ROLES: Who[] = [
		'clerk',
		'secretary',
		'villager',
		'gridHead',
		'partyMember',
		'otherMember',
		'supervisor'
	];
	// Who may take each verb on a case in the state it starts from (the party member is assigned).
	const MAY: Record<string, Who[]> = {
		dispatch: ['clerk', 'secretary'],
		accept: ['partyMember'],
		decline: ['partyMember'],
		progress: ['partyMember', 'clerk', 'secretary'],
		complete: ['partyMember', 'clerk', 'secretary'],
		// The villager; the grid head (who may file for her); staff at the window; never the assignee.
		rate: ['villager', 'gridHead', 'clerk', 'secretary'],
		followUp: ['clerk', 'secretary'],
		refer: ['clerk', 'secretary'],
		withdraw: ['villager'],
		toTopic: ['clerk', 'secretary']
	};
	const START: Record<string, CaseState> = {
		dispatch: 'submitted',
		accept: 'dispatched',
		decline: 'dispatched',
		progress: 'in_progress',
		complete: 'in_progress',
		rate: 'completed',
		followUp: 'follow_up',
		refer: 'dispatched',
		withdraw: 'dispatched',
		toTopic: 'submitted'
	};
	const cells = Object.keys(VERBS).flatMap((verb) =>
		ROLES.map((who) => [verb, who, MAY[verb].includes(who)] as const)
	);
	it.each(cells)('%s by the %s: allowed %s', (verb, who, allowed) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, START[verb]);
		const before = snapshot();
		const r = VERBS[verb].call(w, c, w[who]);
		if (allowed) expect(r).toMatchObject({ ok: true });
		else {
			expect(r).toMatchObject({ ok: false });
			expect(snapshot()).toEqual(before);
		}
	});

	it('the assignee never rates their own work, even when they speak for the villager', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		// Back to dispatch and to the grid head, who may also file for the villager.
		expect(declineCase(db, w.partyMember, w.village, c.id, '外出', { now: FRIDAY }).ok).toBe(true);
		dispatchCase(
			db,
			w.clerk,
			w.village,
			c.id,
			{ assigneePersonId: w.gridHead.personId!, note: '' },
			{ now: FRIDAY }
		);
		acceptCase(db, w.gridHead, w.village, c.id, { now: FRIDAY });
		completeCase(db, w.gridHead, w.village, c.id, '办好了', { now: FRIDAY });
		const before = snapshot();
		expect(
			rateCase(
				db,
				w.gridHead,
				w.village,
				c.id,
				{ rating: 'satisfied', comment: '' },
				{ now: FRIDAY }
			)
		).toEqual({ ok: false, reason: 'own_work' });
		expect(snapshot()).toEqual(before);
	});

	it('another village’s clerk cannot dispatch, and learns nothing of the case', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'submitted');
		const other = createVillage(db, null, {
			slug: 'dongshan',
			name: '东山村',
			township: '',
			district: '',
			city: '',
			province: '',
			oneShoulder: false,
			clerk: { name: '陈明', phone: '13700000001' }
		});
		if (!other.ok) throw new Error(other.reason);
		const clerk: Actor = { userId: other.clerkId, personId: null, role: 'clerk' };
		const to = { assigneePersonId: w.partyMember.personId!, note: '' };
		const before = snapshot();
		expect(dispatchCase(db, clerk, w.village, c.id, to)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(dispatchCase(db, clerk, other.village.id, c.id, to)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(snapshot()).toEqual(before);
	});
});

describe('input and refusals', () => {
	it.each([
		[
			'dispatch to someone who may not be assigned',
			(w: CaseWorld, c: ServiceCase) =>
				dispatchCase(db, w.clerk, w.village, c.id, {
					assigneePersonId: w.villager.personId!,
					note: ''
				}),
			'not_assignable'
		],
		[
			'dispatch a second time to the same person',
			(w: CaseWorld, c: ServiceCase) =>
				dispatchCase(db, w.clerk, w.village, c.id, {
					assigneePersonId: w.partyMember.personId!,
					note: ''
				}),
			'same_assignee'
		],
		[
			'decline without a reason',
			(w: CaseWorld, c: ServiceCase) => declineCase(db, w.partyMember, w.village, c.id, ' 忙 '),
			'reason_required'
		],
		[
			'decline with an over-long reason',
			(w: CaseWorld, c: ServiceCase) =>
				declineCase(db, w.partyMember, w.village, c.id, '忙'.repeat(2001)),
			'reason_too_long'
		],
		[
			'accept twice (a double submit)',
			(w: CaseWorld, c: ServiceCase) => {
				acceptCase(db, w.partyMember, w.village, c.id);
				return acceptCase(db, w.partyMember, w.village, c.id);
			},
			'wrong_state'
		]
	] as const)('%s is refused', (_, act, reason) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		const steps = stepsOf(db, c.id).length;
		const r = act(w, c);
		expect(r).toEqual({ ok: false, reason });
		// A double submit records the first accept only.
		expect(stepsOf(db, c.id).length).toBe(reason === 'wrong_state' ? steps + 1 : steps);
	});

	it.each([
		[
			'progress without a note',
			(w: CaseWorld, c: ServiceCase) => recordProgress(db, w.partyMember, w.village, c.id, '  '),
			'note_required'
		],
		[
			'complete without a result',
			(w: CaseWorld, c: ServiceCase) => completeCase(db, w.partyMember, w.village, c.id, ''),
			'result_required'
		],
		[
			'complete with an over-long result',
			(w: CaseWorld, c: ServiceCase) =>
				completeCase(db, w.partyMember, w.village, c.id, '办'.repeat(2001)),
			'result_too_long'
		]
	] as const)('%s is refused', (_, act, reason) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'in_progress');
		const before = snapshot();
		expect(act(w, c)).toEqual({ ok: false, reason });
		expect(snapshot()).toEqual(before);
	});

	it.each([
		['a made-up rating', { rating: 'great', comment: '' }, 'bad_rating'],
		[
			'an over-long comment',
			{ rating: 'satisfied', comment: '好'.repeat(2001) },
			'comment_too_long'
		]
	] as const)('rating with %s is refused', (_, input, reason) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'completed');
		const before = snapshot();
		expect(rateCase(db, w.villager, w.village, c.id, input)).toEqual({ ok: false, reason });
		expect(snapshot()).toEqual(before);
	});

	it('a follow-up needs a note; a case of another village is not found', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'follow_up');
		expect(recordFollowUp(db, w.clerk, w.village, c.id, { note: '', reopen: true })).toEqual({
			ok: false,
			reason: 'note_required'
		});
		expect(acceptCase(db, w.partyMember, w.village, 999_999)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('step deadlines on the working-day calendar', () => {
	// Filed and stepped on Friday 2026-11-20; the next working day is Monday 2026-11-23.
	it.each([
		['dispatched', false, '2026-11-23'],
		['dispatched', true, '2026-11-20'],
		['in_progress', false, null],
		['completed', false, null],
		['follow_up', false, '2026-11-25'],
		['follow_up', true, '2026-11-25'],
		['closed', false, null]
	] as const)('a %s case (urgent %s) waits until %s', (state, urgent, due) => {
		const w = caseWorld(db);
		expect(caseIn(db, w, state, { urgent }).stepDueOn).toBe(due);
	});

	it('a holiday pushes the deadline: a Monday off moves acceptance to Tuesday', () => {
		const w = caseWorld(db);
		mergeSettings(db, w.village, { holidays: ['2026-11-23'] });
		expect(caseIn(db, w, 'dispatched').stepDueOn).toBe('2026-11-24');
	});

	it('a decline returns the case to dispatch, due the next working day, and keeps the reason', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		const r = declineCase(db, w.partyMember, w.village, c.id, '这几天在外地', { now: FRIDAY });
		if (!r.ok) throw new Error(r.reason);
		expect(r.serviceCase).toMatchObject({
			state: 'submitted',
			assigneePersonId: null,
			stepDueOn: '2026-11-23'
		});
		expect(stepsOf(db, c.id).at(-1)).toMatchObject({
			kind: 'declined',
			note: '这几天在外地',
			personId: w.partyMember.personId
		});
	});

	it('a case not accepted by its step deadline is overdue by the step, then by its whole limit', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		expect(overdueOf(c, '2026-11-23')).toBeNull();
		expect(overdueOf(c, '2026-11-24')).toBe('step');
		// Accepted: only the whole limit (two working days from Friday: Tuesday) binds.
		const accepted = acceptCase(db, w.partyMember, w.village, c.id, { now: FRIDAY });
		if (!accepted.ok) throw new Error(accepted.reason);
		expect(overdueOf(accepted.serviceCase, '2026-11-24')).toBeNull();
		expect(overdueOf(accepted.serviceCase, '2026-11-25')).toBe('case');
	});
});

describe('rating and follow-up', () => {
	it('不满意, a follow-up that reopens, dispatch again, and a second rating: both ratings kept', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'follow_up');
		const reopened = recordFollowUp(
			db,
			w.clerk,
			w.village,
			c.id,
			{ note: '证明写错了名字', reopen: true },
			{ now: FRIDAY }
		);
		expect(reopened).toMatchObject({
			ok: true,
			serviceCase: {
				state: 'submitted',
				assigneePersonId: null,
				result: null,
				stepDueOn: '2026-11-23'
			}
		});
		dispatchCase(db, w.clerk, w.village, c.id, {
			assigneePersonId: w.partyMember.personId!,
			note: '重开'
		});
		acceptCase(db, w.partyMember, w.village, c.id);
		completeCase(db, w.partyMember, w.village, c.id, '重新开具');
		const rated = rateCase(db, w.villager, w.village, c.id, {
			rating: 'satisfied',
			comment: '好了'
		});
		expect(rated).toMatchObject({
			ok: true,
			serviceCase: { state: 'closed', rating: 'satisfied' }
		});
		const steps = stepsOf(db, c.id);
		expect(steps.filter((s) => s.kind === 'rated').map((s) => s.rating)).toEqual([
			'unsatisfied',
			'satisfied'
		]);
		expect(steps.map((s) => s.kind)).toEqual([
			'filed',
			'dispatched',
			'accepted',
			'completed',
			'rated',
			'follow_up',
			'reopened',
			'dispatched',
			'accepted',
			'completed',
			'rated'
		]);
	});

	it('a follow-up that closes the case', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'follow_up');
		const r = recordFollowUp(
			db,
			w.clerk,
			w.village,
			c.id,
			{ note: '已解释，村民接受', reopen: false },
			{ now: FRIDAY }
		);
		expect(r).toMatchObject({
			ok: true,
			serviceCase: { state: 'closed', stepDueOn: null, rating: 'unsatisfied' }
		});
		expect(findCase(db, w.village, c.id)!.closedAt).toBe(FRIDAY.toISOString());
	});

	it('a referral keeps its reason and date for the township', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'referred');
		expect(c.stepDueOn).toBeNull();
		expect(stepsOf(db, c.id).at(-1)).toMatchObject({
			kind: 'referred',
			note: '需要派出所办理',
			at: FRIDAY.toISOString()
		});
	});
});

describe('who sees a case', () => {
	it.each([
		['villager', true],
		['gridHead', true],
		['clerk', true],
		['secretary', true],
		['partyMember', true],
		['otherMember', false],
		['supervisor', false]
	] as const)('the %s: %s', (who, sees) => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		expect(canViewCase(db, w.village, w[who], c)).toBe(sees);
	});

	it('a past assignee still sees the case they declined', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		declineCase(db, w.partyMember, w.village, c.id, '外出');
		expect(canViewCase(db, w.village, w.partyMember, findCase(db, w.village, c.id)!)).toBe(true);
		expect(canViewCase(db, w.village, w.otherMember, findCase(db, w.village, c.id)!)).toBe(false);
	});
});
