// The people of the service-case tests in the demo village, and a case brought to any state by
// the real verbs, so each test starts from a case that got where it is the way a real one does.
import { createAccount } from '../auth/accounts';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId } from '../seed/demo-test-db';
import { fileServiceRequest } from './filing';
import { dispatchCase } from './dispatch';
import { acceptCase, completeCase } from './handling';
import { rateCase } from './rating';
import { referCase, withdrawCase } from './ends';
import { caseToTopic } from './from-topic';
import { findCase, type CaseState, type ServiceCase } from './records';

// Friday 2026-11-20, 10:00 in China.
export const FRIDAY = new Date('2026-11-20T02:00:00Z');

export interface CaseWorld {
	village: number;
	clerk: Actor;
	secretary: Actor;
	/** 张秀英 of 第一网格, who files for herself. */
	villager: Actor;
	/** 赵桂兰, head of 第一网格: speaks for the villager and may be dispatched to. */
	gridHead: Actor;
	/** A party member of another grid, given a login: the usual assignee. */
	partyMember: Actor;
	/** A second party member of another grid with a login, who has nothing to do with the case. */
	otherMember: Actor;
	supervisor: Actor;
}

function memberWithLogin(db: Db, villageId: number, notInGrid: string, skip: number[]): Actor {
	const p = db
		.prepare(
			`select p.id, p.name, p.phone from people p join roles r on r.person_id = p.id
			 join households h on h.id = p.household_id join grids g on g.id = h.grid_id
			 where p.village_id = ? and r.role = 'party_member' and r.end_date is null
			   and p.phone is not null and g.name <> ? and p.status = 'resident'
			   and not exists (select 1 from roles o where o.person_id = p.id and o.role <> 'party_member')
			   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
			   and p.id not in (select value from json_each(?))
			 order by p.id limit 1`
		)
		.get(villageId, notInGrid, JSON.stringify(skip)) as { id: number; name: string; phone: string };
	const login = createAccount(db, null, {
		villageId,
		role: 'villager',
		name: p.name,
		phone: p.phone
	});
	if (!login.ok) throw new Error(login.reason);
	db.prepare('update users set person_id = ? where id = ?').run(p.id, login.account.id);
	return { userId: login.account.id, personId: p.id, role: 'villager' };
}

export function caseWorld(db: Db): CaseWorld {
	const village = demoVillageId(db);
	const partyMember = memberWithLogin(db, village, '第一网格', []);
	return {
		village,
		clerk: demoActor(db, '13800000001'),
		secretary: demoActor(db, '13800000002'),
		villager: demoActor(db, '13800000003'),
		gridHead: demoActor(db, '13800000004'),
		partyMember,
		otherMember: memberWithLogin(db, village, '第一网格', [partyMember.personId!]),
		supervisor: demoActor(db, '13800000006')
	};
}

const must = <T extends { ok: boolean }>(r: T): T => {
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r;
};

/**
 * A case filed by the villager on Friday and taken by the real verbs to `state`. Cases that end
 * early (referred, became a topic, withdrawn) end after being dispatched or accepted, so the
 * assignee is still on them.
 */
export function caseIn(
	db: Db,
	w: CaseWorld,
	state: CaseState,
	options: { urgent?: boolean; now?: Date } = {}
): ServiceCase {
	const now = options.now ?? FRIDAY;
	const filed = fileServiceRequest(
		db,
		w.villager,
		w.village,
		{
			category: 'certificate',
			title: '开具居住证明',
			description: '孙子上学要用。',
			urgent: !!options.urgent
		},
		{ now }
	);
	if (!filed.ok) throw new Error(filed.reason);
	const id = filed.serviceCase.id;
	const o = { now };
	const path: Partial<Record<CaseState, (() => unknown)[]>> = {
		dispatched: [
			() =>
				dispatchCase(
					db,
					w.clerk,
					w.village,
					id,
					{ assigneePersonId: w.partyMember.personId!, note: '' },
					o
				)
		],
		in_progress: [() => acceptCase(db, w.partyMember, w.village, id, o)],
		completed: [() => completeCase(db, w.partyMember, w.village, id, '证明已开好，送到家里。', o)],
		follow_up: [
			() => rateCase(db, w.villager, w.village, id, { rating: 'unsatisfied', comment: '太慢了' }, o)
		],
		closed: [
			() => rateCase(db, w.villager, w.village, id, { rating: 'satisfied', comment: '' }, o)
		],
		referred: [() => referCase(db, w.clerk, w.village, id, '需要派出所办理', o)],
		became_topic: [() => caseToTopic(db, w.clerk, w.village, id, o)],
		withdrawn: [() => withdrawCase(db, w.villager, w.village, id, o)]
	};
	const order: Record<CaseState, CaseState[]> = {
		submitted: [],
		dispatched: ['dispatched'],
		in_progress: ['dispatched', 'in_progress'],
		completed: ['dispatched', 'in_progress', 'completed'],
		follow_up: ['dispatched', 'in_progress', 'completed', 'follow_up'],
		closed: ['dispatched', 'in_progress', 'completed', 'closed'],
		referred: ['dispatched', 'referred'],
		became_topic: ['dispatched', 'became_topic'],
		withdrawn: ['dispatched', 'in_progress', 'withdrawn']
	};
	for (const s of order[state]) for (const step of path[s]!) must(step() as { ok: boolean });
	return findCase(db, w.village, id)!;
}
