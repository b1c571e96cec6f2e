import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { assignHouseholds, endHouseholdContact } from './contacts';
import { updateVisitCadence, visitCadenceDays, visitDue } from './cadence';
import {
	coverageByGrid,
	memberHouseholds,
	membersWithHouseholds,
	overdueByMember
} from './coverage';
import { followUpVisit, logHouseholdVisit } from './visits';
import { currentContact, residentsOf } from './records';
import { partyMemberActor } from './test-fixture';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003');
const gridHead = () => demoActor(db, '13800000004');

// Friday 2026-11-20, 10:00 in China.
const NOW = new Date('2026-11-20T02:00:00Z');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

/** Households with residents that no one looks after, outside the member's own grid first. */
function freeHouseholds(n: number, member?: Actor): number[] {
	return db
		.prepare(
			`select h.id from households h where h.village_id = ?
			 and exists (select 1 from people p where p.household_id = h.id and p.status = 'resident')
			 and not exists (select 1 from household_contacts c where c.household_id = h.id and c.end_date is null)
			 and h.grid_id is not (select h2.grid_id from people p2 join households h2 on h2.id = p2.household_id where p2.id = ?)
			 order by h.id limit ?`
		)
		.pluck()
		.all(village(), member?.personId ?? -1, n) as number[];
}

const auditCount = (action: string) =>
	db.prepare('select count(*) from audit where action = ?').pluck().get(action) as number;

function assigned(member: Actor, n = 2, now = NOW): number[] {
	const households = freeHouseholds(n, member);
	const r = assignHouseholds(
		db,
		clerk(),
		village(),
		{ personId: member.personId!, householdIds: households },
		{ now }
	);
	if (!r.ok) throw new Error(r.reason);
	return households;
}

function probationaryPerson(): number {
	return db
		.prepare(
			"select person_id from roles where village_id = ? and role = 'party_member' and full_since is null limit 1"
		)
		.pluck()
		.get(village()) as number;
}

describe('assigning households to party members', () => {
	it.each([
		['the clerk', clerk, true],
		['the branch secretary', secretary, true],
		['a grid head', gridHead, false],
		['a villager', villager, false]
	])('%s may assign: %s', (_, who, allowed) => {
		const member = partyMemberActor(db, village());
		const households = freeHouseholds(2, member);
		const r = assignHouseholds(
			db,
			who(),
			village(),
			{ personId: member.personId!, householdIds: households },
			{ now: NOW }
		);
		expect(r.ok).toBe(allowed);
		expect(auditCount('household.contact_assigned')).toBe(allowed ? 2 : 0);
		if (allowed) expect(currentContact(db, village(), households[0])?.startDate).toBe('2026-11-20');
	});

	it('assigns a probationary member (预备党员), refuses someone who is not a party member', () => {
		const households = freeHouseholds(1);
		expect(
			assignHouseholds(
				db,
				clerk(),
				village(),
				{ personId: probationaryPerson(), householdIds: households },
				{ now: NOW }
			).ok
		).toBe(true);
		const r = assignHouseholds(
			db,
			clerk(),
			village(),
			{ personId: villager().personId!, householdIds: freeHouseholds(1) },
			{ now: NOW }
		);
		expect(r).toEqual({ ok: false, reason: 'not_a_party_member' });
	});

	it('refuses a probationary member before their party membership began', () => {
		const r = assignHouseholds(
			db,
			clerk(),
			village(),
			{ personId: probationaryPerson(), householdIds: freeHouseholds(1) },
			{ now: at('2026-05-31') }
		);
		expect(r).toEqual({ ok: false, reason: 'not_a_party_member' });
	});

	it('keeps one contact per household: a second is refused and nothing of the batch is assigned', () => {
		const first = partyMemberActor(db, village());
		const second = partyMemberActor(db, village());
		const [taken] = assigned(first, 1);
		const [free] = freeHouseholds(1, second);
		const r = assignHouseholds(
			db,
			clerk(),
			village(),
			{ personId: second.personId!, householdIds: [free, taken] },
			{ now: NOW }
		);
		expect(r).toEqual({ ok: false, reason: 'already_has_contact' });
		expect(currentContact(db, village(), free)).toBeUndefined();
		expect(currentContact(db, village(), taken)?.personId).toBe(first.personId);
	});

	it.each([
		[[], 'no_households'],
		[Array.from({ length: 21 }, (_, i) => i + 1), 'too_many_households'],
		[[999_999], 'household_not_found']
	])('refuses households %j: %s', (householdIds, reason) => {
		const member = partyMemberActor(db, village());
		expect(
			assignHouseholds(
				db,
				clerk(),
				village(),
				{ personId: member.personId!, householdIds },
				{ now: NOW }
			)
		).toEqual({ ok: false, reason });
	});

	it('ends an assignment: the household is free again, ending twice is refused', () => {
		const member = partyMemberActor(db, village());
		const [household] = assigned(member, 1);
		const contact = currentContact(db, village(), household)!;
		expect(
			endHouseholdContact(db, villager(), village(), contact.id, { now: at('2026-11-25') }).ok
		).toBe(false);
		const r = endHouseholdContact(db, clerk(), village(), contact.id, { now: at('2026-11-25') });
		expect(r.ok && r.contact.endDate).toBe('2026-11-25');
		expect(currentContact(db, village(), household)).toBeUndefined();
		expect(endHouseholdContact(db, clerk(), village(), contact.id).ok).toBe(false);
		expect(auditCount('household.contact_ended')).toBe(1);
	});
});

describe('coverage per grid', () => {
	it('counts covered households per grid and lists the uncovered ones', () => {
		const before = coverageByGrid(db, village());
		const member = partyMemberActor(db, village());
		const [household] = assigned(member, 1);
		const after = coverageByGrid(db, village());
		const grid = after.find(
			(g) => g.uncovered.length !== before.find((b) => b.gridId === g.gridId)!.uncovered.length
		)!;
		const was = before.find((b) => b.gridId === grid.gridId)!;
		expect(grid.covered).toBe(was.covered + 1);
		expect(grid.households).toBe(was.households);
		expect(was.uncovered.map((h) => h.id)).toContain(household);
		expect(grid.uncovered.map((h) => h.id)).not.toContain(household);
	});
});

describe('a visit (走访)', () => {
	const visit = (
		member: Actor,
		householdId: number,
		over: Partial<Record<string, string>> = {},
		now = NOW
	) =>
		logHouseholdVisit(
			db,
			member,
			village(),
			{
				householdId,
				visitedOn: '2026-11-20',
				means: 'in_person',
				heard: '老人腿脚不便，想办残疾证。',
				...over
			},
			{ now }
		);

	it.each([
		[{}, true],
		[{ means: 'phone' }, true],
		[{ means: 'wechat' }, true],
		[{ means: 'letter' }, 'bad_means'],
		[{ visitedOn: '2026-11-21' }, 'visit_in_future'],
		[{ visitedOn: '2026-11-10' }, 'visit_before_assignment'],
		[{ visitedOn: '2026-11-31' }, 'bad_date'],
		[{ heard: '听'.repeat(1000) }, true],
		[{ heard: '听'.repeat(1001) }, 'heard_too_long']
	])('%j → %s', (over, expected) => {
		const member = partyMemberActor(db, village());
		const [household] = assigned(member, 1, at('2026-11-11'));
		const r = visit(member, household, over as Record<string, string>);
		expect(r.ok ? true : r.reason).toBe(expected);
		expect(auditCount('household.visit_logged')).toBe(expected === true ? 1 : 0);
	});

	it('is logged only by the household’s current contact', () => {
		const member = partyMemberActor(db, village());
		const other = partyMemberActor(db, village());
		const [household] = assigned(member, 1);
		expect(visit(other, household)).toEqual({ ok: false, reason: 'not_your_household' });
		expect(visit(clerk(), household)).toEqual({ ok: false, reason: 'not_your_household' });
		const contact = currentContact(db, village(), household)!;
		endHouseholdContact(db, clerk(), village(), contact.id, { now: NOW });
		expect(visit(member, household)).toEqual({ ok: false, reason: 'not_your_household' });
	});
});

describe('cadence and overdue', () => {
	it.each([
		// last visit, start, today, cadence → due, overdue
		['2026-11-13', '2026-10-01', '2026-11-20', 7, '2026-11-20', false],
		['2026-11-13', '2026-10-01', '2026-11-21', 7, '2026-11-20', true],
		[null, '2026-11-10', '2026-11-17', 7, '2026-11-17', false],
		[null, '2026-11-10', '2026-11-18', 7, '2026-11-17', true],
		['2026-11-19', '2026-10-01', '2026-11-20', 1, '2026-11-20', false],
		['2026-11-18', '2026-10-01', '2026-11-20', 1, '2026-11-19', true],
		['2026-12-30', '2026-10-01', '2027-01-07', 7, '2027-01-06', true]
	])(
		'last %s, start %s, on %s every %i days: due %s, overdue %s',
		(last, start, today, cadence, due, overdue) => {
			expect(visitDue({ lastVisit: last, startDate: start }, cadence, today)).toEqual({
				dueOn: due,
				overdue
			});
		}
	);

	it.each([
		[0, false],
		[1, true],
		[14, true],
		[90, true],
		[91, false],
		[7.5, false]
	])('a cadence of %s days is accepted: %s', (days, ok) => {
		const r = updateVisitCadence(db, clerk(), village(), days);
		expect(r.ok).toBe(ok);
		expect(visitCadenceDays(db, village())).toBe(ok ? days : 7);
		expect(auditCount('village.visit_cadence_changed')).toBe(ok ? 1 : 0);
	});

	it('only staff set the cadence', () => {
		expect(updateVisitCadence(db, gridHead(), village(), 14)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(visitCadenceDays(db, village())).toBe(7);
	});

	it('a member behind on a household shows on their list and on the dashboard’s count', () => {
		const member = partyMemberActor(db, village());
		const [visited, neglected] = assigned(member, 2, at('2026-11-01'));
		logHouseholdVisit(
			db,
			member,
			village(),
			{ householdId: visited, visitedOn: '2026-11-15', means: 'phone', heard: '' },
			{ now: at('2026-11-15') }
		);
		const list = memberHouseholds(db, village(), member.personId!, NOW);
		expect(list.find((h) => h.householdId === visited)).toMatchObject({
			lastVisit: '2026-11-15',
			dueOn: '2026-11-22',
			overdue: false
		});
		expect(list.find((h) => h.householdId === neglected)).toMatchObject({
			lastVisit: null,
			dueOn: '2026-11-08',
			overdue: true
		});
		expect(
			overdueByMember(db, village(), NOW).find((m) => m.personId === member.personId)?.overdue
		).toBe(1);
		updateVisitCadence(db, clerk(), village(), 30);
		expect(
			overdueByMember(db, village(), NOW).find((m) => m.personId === member.personId)
		).toBeUndefined();
	});
});

describe("the dashboard's overdue count, from due dates alone", () => {
	// What the card showed before it read only due dates: every member's full list, filtered.
	const fromFullLists = (now: Date) =>
		membersWithHouseholds(db, village(), now)
			.filter((m) => m.overdue > 0)
			.map((m) => ({ personId: m.personId, name: m.name, overdue: m.overdue }))
			.sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'));

	it.each([
		['2026-11-20', 7],
		['2026-11-09', 7],
		['2026-11-23', 7],
		['2026-12-31', 7],
		['2026-11-20', 1],
		['2026-11-20', 30],
		['2027-03-01', 90]
	])('on %s with a cadence of %i days: the same members and counts', (day, cadence) => {
		const member = partyMemberActor(db, village());
		// The fourth household is never visited.
		const [visited, lapsed, ended] = assigned(member, 4, at('2026-11-01'));
		const probationary = probationaryPerson();
		const [theirs] = freeHouseholds(1);
		expect(
			assignHouseholds(
				db,
				clerk(),
				village(),
				{ personId: probationary, householdIds: [theirs] },
				{ now: at('2026-11-05') }
			).ok
		).toBe(true);
		const visit = (householdId: number, visitedOn: string) =>
			expect(
				logHouseholdVisit(
					db,
					member,
					village(),
					{ householdId, visitedOn, means: 'in_person', heard: '' },
					{ now: at(visitedOn) }
				).ok
			).toBe(true);
		visit(visited, '2026-11-03');
		visit(visited, '2026-11-18');
		visit(lapsed, '2026-11-02');
		visit(ended, '2026-11-19');
		const contact = currentContact(db, village(), ended)!;
		expect(endHouseholdContact(db, clerk(), village(), contact.id, { now: NOW }).ok).toBe(true);
		updateVisitCadence(db, clerk(), village(), cadence);
		const now = at(day);
		const expected = fromFullLists(now);
		expect(overdueByMember(db, village(), now)).toEqual(expected);
		if (day === '2026-12-31') expect(expected.length).toBeGreaterThan(0);
	});
});

describe('follow-up from a visit (转为办事 / 转为议题)', () => {
	function visited(member: Actor) {
		const [household] = assigned(member, 1, at('2026-11-11'));
		const r = logHouseholdVisit(
			db,
			member,
			village(),
			{
				householdId: household,
				visitedOn: '2026-11-20',
				means: 'in_person',
				heard: '想办残疾证。'
			},
			{ now: NOW }
		);
		if (!r.ok) throw new Error(r.reason);
		return { household, visit: r.visit, person: residentsOf(db, village(), household)[0].id };
	}

	it('a party member files for people of a household they look after, even of another grid', () => {
		const member = partyMemberActor(db, village());
		const { person } = visited(member);
		expect(mayFileFor(db, village(), member, person, '2026-11-20')).toBe(true);
		expect(mayFileFor(db, village(), member, person, '2026-11-10')).toBe(false);
	});

	it('files a service request on the visit’s read-back and links it, in one transaction', () => {
		const member = partyMemberActor(db, village());
		const { visit, person } = visited(member);
		const r = followUpVisit(
			db,
			member,
			village(),
			{
				visitId: visit.id,
				kind: 'service',
				personId: person,
				title: '办理残疾证',
				category: 'assistance'
			},
			{ now: NOW }
		);
		if (!r.ok) throw new Error(r.reason);
		const c = db.prepare('select * from service_cases where number = ?').get(r.number) as Record<
			string,
			unknown
		>;
		expect(c).toMatchObject({
			person_id: person,
			channel: 'household_visit',
			consent_kind: 'read_back',
			consent_at: visit.recordedAt,
			description: '想办残疾证。'
		});
		expect(r.visit.serviceCaseId).toBe(c.id);
		expect(auditCount('household.visit_followed_up')).toBe(1);
		expect(auditCount('service_case.filed')).toBe(1);
		expect(
			followUpVisit(
				db,
				member,
				village(),
				{ visitId: visit.id, kind: 'topic', personId: person, title: '再来一次', category: '' },
				{ now: NOW }
			)
		).toEqual({ ok: false, reason: 'already_followed_up' });
	});

	it('creates a topic on the visit’s read-back and links it', () => {
		const member = partyMemberActor(db, village());
		const { visit, person } = visited(member);
		const r = followUpVisit(
			db,
			member,
			village(),
			{ visitId: visit.id, kind: 'topic', personId: person, title: '修村口的路灯', category: '' },
			{ now: NOW }
		);
		if (!r.ok) throw new Error(r.reason);
		const t = db
			.prepare('select id, channel, proposer_person_id, consent_kind from topics where number = ?')
			.get(r.number) as Record<string, unknown>;
		expect(t).toMatchObject({
			channel: 'household_visit',
			proposer_person_id: person,
			consent_kind: 'read_back'
		});
		expect(r.visit.topicId).toBe(t.id);
	});

	it.each([
		['a bad category', { category: 'nonsense' }, 'bad_category'],
		['an empty title', { title: ' ' }, 'title_required'],
		['a person of another household', { personId: -1 }, 'not_of_household']
	])('refused for %s: nothing filed, the visit unlinked, nothing audited', (_, over, reason) => {
		const member = partyMemberActor(db, village());
		const { visit, person } = visited(member);
		const other = db
			.prepare('select id from people where village_id = ? and household_id <> ? limit 1')
			.pluck()
			.get(village(), visit.householdId) as number;
		const input = {
			visitId: visit.id,
			kind: 'service' as const,
			personId: person,
			title: '办理残疾证',
			category: 'assistance',
			...over
		};
		if (input.personId === -1) input.personId = other;
		const cases = db.prepare('select count(*) from service_cases').pluck().get();
		expect(followUpVisit(db, member, village(), input, { now: NOW })).toEqual({
			ok: false,
			reason
		});
		expect(db.prepare('select count(*) from service_cases').pluck().get()).toBe(cases);
		expect(
			db.prepare('select service_case_id from household_visits where id = ?').pluck().get(visit.id)
		).toBeNull();
		expect(auditCount('household.visit_followed_up')).toBe(0);
		expect(auditCount('service_case.filed')).toBe(0);
	});

	it('is not for another member or the clerk', () => {
		const member = partyMemberActor(db, village());
		const other = partyMemberActor(db, village());
		const { visit, person } = visited(member);
		const input = {
			visitId: visit.id,
			kind: 'service' as const,
			personId: person,
			title: '办理残疾证',
			category: 'assistance'
		};
		expect(followUpVisit(db, other, village(), input, { now: NOW }).ok).toBe(false);
		expect(followUpVisit(db, clerk(), village(), input, { now: NOW }).ok).toBe(false);
		expect(db.prepare('select count(*) from service_cases').pluck().get()).toBe(0);
	});
});
