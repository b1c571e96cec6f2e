import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { adultsAndRepresentativesOn, whoCountsOn } from './counts';
import { adultBornOnOrBefore, isAdultOn } from '../calendar/dates';
import { assignRole, endRole, type NewRole } from './roles';
import { setPersonStatus } from './people';
import { rosterFixture } from './test-fixture';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('isAdultOn (18 or older on the day)', () => {
	it.each([
		['2008-06-15', '2026-06-15', true], // turns 18 on D
		['2008-06-16', '2026-06-15', false], // turns 18 tomorrow
		['2008-06-14', '2026-06-15', true],
		['2008-02-29', '2026-02-28', false], // leap-day birthday: of age on 1 March
		['2008-02-29', '2026-03-01', true],
		['2008-02-29', '2028-02-29', true],
		['1940-01-01', '2026-01-01', true]
	])('born %s, on %s → %s', (birth, date, adult) => expect(isAdultOn(birth, date)).toBe(adult));

	it('derives the cut-off by moving the year back 18', () => {
		expect(adultBornOnOrBefore('2026-11-27')).toBe('2008-11-27');
	});
});

describe('whoCountsOn', () => {
	const D = '2026-06-15';

	function village() {
		const f = rosterFixture(db);
		const h1 = f.household();
		const h2 = f.household();
		const h3 = f.household();
		const people = {
			turns18OnD: f.person(h1, '2008-06-15', { gender: 'f' }),
			turns18Tomorrow: f.person(h1, '2008-06-16'),
			elder: f.person(h1, '1950-01-01', { gender: 'f' }),
			movedOutBefore: f.person(h2, '1980-01-01', { status: 'moved_out', statusDate: '2026-06-15' }),
			movedOutAfter: f.person(h2, '1980-01-01', { status: 'moved_out', statusDate: '2026-06-16' }),
			deceasedBefore: f.person(h3, '1930-01-01', { status: 'deceased', statusDate: '2020-01-01' }),
			child: f.person(h3, '2020-01-01')
		};
		const role = (
			personId: number,
			role: NewRole['role'],
			startDate: string,
			extra: Partial<NewRole> = {}
		) => {
			const r = assignRole(db, null, f.villageId, { personId, role, startDate, ...extra });
			if (!r.ok) throw new Error(r.reason);
			return r.role.id;
		};
		return { ...f, people, role };
	}

	it('counts adults and households of resident people on the day', () => {
		const v = village();
		const c = whoCountsOn(db, v.villageId, D);
		// turns18OnD, elder, movedOutAfter (still here on D)
		expect(c.adults).toBe(3);
		// h1 (three residents), h2 (movedOutAfter), h3 (child); deceasedBefore does not count
		expect(c.households).toBe(3);
		expect(c.residents).toBe(5);
		expect(whoCountsOn(db, v.villageId, '2026-06-16').adults).toBe(3); // +turns18Tomorrow −movedOutAfter
	});

	it.each(['2020-12-31', '2021-01-01', '2026-06-14', D, '2026-06-16', '2030-01-01'])(
		'the co-signature base on %s agrees with the full count',
		(date) => {
			const v = village();
			v.role(v.people.elder, 'village_rep', '2021-01-01');
			v.role(v.people.elder, 'villagers_committee', '2021-01-01');
			v.role(v.people.turns18OnD, 'village_rep', '2026-06-15', { endDate: '2026-06-15' });
			const leaving = v.person(v.household(), '1975-01-01');
			v.role(leaving, 'village_rep', '2021-01-01');
			setPersonStatus(db, v.clerkId, v.villageId, leaving, 'moved_out', '2026-06-16');
			const full = whoCountsOn(db, v.villageId, date);
			expect(adultsAndRepresentativesOn(db, v.villageId, date)).toEqual({
				adults: full.adults,
				representatives: full.representatives
			});
		}
	);

	it.each([
		// term start, term end, full since, counted as full, counted as probationary
		['2020-01-01', null, '2021-01-01', 1, 0],
		['2020-01-01', null, null, 0, 1], // 预备党员
		['2020-01-01', null, '2026-06-16', 0, 1], // becomes full the day after D
		['2020-01-01', null, '2026-06-15', 1, 0], // becomes full on D
		['2020-01-01', '2026-06-14', '2021-01-01', 0, 0], // term ended the day before D
		['2020-01-01', '2026-06-15', '2021-01-01', 1, 0], // term ends on D: still counts
		['2026-06-16', null, '2026-06-16', 0, 0] // starts after D
	])(
		'party member %s–%s full since %s → full %i, probationary %i',
		(start, end, fullSince, full, probationary) => {
			const v = village();
			v.role(v.people.elder, 'party_member', start, { endDate: end, fullSince });
			const c = whoCountsOn(db, v.villageId, D);
			expect([c.partyFull, c.partyProbationary]).toEqual([full, probationary]);
		}
	);

	it('counts representatives, committee members and the representatives meeting once per person', () => {
		const v = village();
		v.role(v.people.elder, 'village_rep', '2021-01-01');
		v.role(v.people.turns18OnD, 'village_rep', '2021-01-01');
		v.role(v.people.elder, 'villagers_committee', '2021-01-01');
		const leaving = v.person(v.household(), '1975-01-01');
		v.role(leaving, 'villagers_committee', '2021-01-01');
		const ended = v.role(leaving, 'branch_committee', '2021-01-01');
		expect(endRole(db, null, v.villageId, ended, '2026-06-14')).toEqual({ ok: true });
		expect(setPersonStatus(db, v.clerkId, v.villageId, leaving, 'moved_out', '2026-06-16')).toEqual(
			{ ok: true }
		);
		const c = whoCountsOn(db, v.villageId, D);
		expect(c.representatives).toBe(2);
		expect(c.committeeMembers).toBe(2);
		expect(c.branchCommittee).toBe(0);
		expect(c.repsMeetingMembers).toBe(3);
		expect(c.repsMeetingWomen).toBe(2);
		// The member who moves out on the 16th no longer counts then.
		expect(whoCountsOn(db, v.villageId, '2026-06-16').committeeMembers).toBe(1);
	});

	it('gives per-group adults, households and representatives', () => {
		const v = village();
		v.role(v.people.elder, 'village_rep', '2021-01-01');
		const [g] = whoCountsOn(db, v.villageId, D).groups;
		expect(g).toMatchObject({ name: '一组', adults: 3, households: 3, representatives: 1 });
	});
});
