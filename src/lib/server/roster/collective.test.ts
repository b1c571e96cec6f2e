import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { rosterFixture } from './test-fixture';
import { peopleCountingOn } from './counts';
import { addCollectiveMember, endCollectiveMembership, listCollectiveMembers } from './collective';

let db: Db;
let cleanup: () => void;
let f: ReturnType<typeof rosterFixture>;
let clerk: Actor;
let [adult, minor, movedOut, deceased] = [0, 0, 0, 0];

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	f = rosterFixture(db);
	clerk = { userId: f.clerkId, personId: null, role: 'clerk' };
	const h = f.household();
	adult = f.person(h, '1970-05-01', { name: '张成员' });
	minor = f.person(h, '2012-05-01', { name: '张小' });
	movedOut = f.person(h, '1975-05-01', {
		name: '张外出',
		status: 'moved_out',
		statusDate: '2026-03-01'
	});
	deceased = f.person(h, '1940-05-01', {
		name: '张故',
		status: 'deceased',
		statusDate: '2026-03-01'
	});
	for (const personId of [adult, minor, movedOut, deceased])
		expect(addCollectiveMember(db, clerk, f.villageId, { personId, since: '2025-06-01' })).toEqual({
			ok: true
		});
});
afterEach(() => cleanup());

const counting = (date: string) => peopleCountingOn(db, f.villageId, date, 'collective_member');

describe('who counts at a members’ meeting', () => {
	it.each([
		['before anyone was confirmed', '2025-05-31', []],
		['on the day membership was confirmed', '2025-06-01', ['adult', 'movedOut', 'deceased']],
		['after a death, a member who moved out still counts', '2026-03-01', ['adult', 'movedOut']]
	])('%s (%s)', (_name, date, expected) => {
		const ids = { adult, movedOut, deceased } as Record<string, number>;
		expect(counting(date)).toEqual(expected.map((k) => ids[k]));
	});

	it('counts a minor member only from their eighteenth birthday', () => {
		expect(counting('2030-04-30')).not.toContain(minor);
		expect(counting('2030-05-01')).toContain(minor);
	});

	it('stops counting a member from the day the membership ended', () => {
		expect(
			endCollectiveMembership(db, clerk, f.villageId, { personId: adult, until: '2026-06-01' })
		).toEqual({ ok: true });
		expect(counting('2026-05-31')).toContain(adult);
		expect(counting('2026-06-01')).not.toContain(adult);
	});
});

describe('the register’s refusals change nothing', () => {
	const auditCount = () => db.prepare('select count(*) from audit').pluck().get() as number;
	it.each([
		[
			'a second open membership',
			() => addCollectiveMember(db, clerk, f.villageId, { personId: adult, since: '2026-01-01' }),
			'already_member'
		],
		[
			'a date that is not a date',
			() => addCollectiveMember(db, clerk, f.villageId, { personId: adult, since: '2026-02-30' }),
			'bad_date'
		],
		[
			'a person of no village',
			() => addCollectiveMember(db, clerk, f.villageId, { personId: 99999, since: '2026-01-01' }),
			'not_found'
		],
		[
			'ending before it began',
			() =>
				endCollectiveMembership(db, clerk, f.villageId, { personId: adult, until: '2025-01-01' }),
			'bad_date'
		],
		[
			'ending a membership that is not open',
			() =>
				endCollectiveMembership(db, clerk, f.villageId, { personId: 99999, until: '2026-01-01' }),
			'not_found'
		],
		[
			'a villager instead of staff',
			() =>
				addCollectiveMember(db, { userId: 99999, personId: adult, role: 'villager' }, f.villageId, {
					personId: adult,
					since: '2026-01-01'
				}),
			'forbidden'
		]
	])('%s', (_name, attempt, reason) => {
		const [audits, register] = [auditCount(), listCollectiveMembers(db, f.villageId)];
		expect(attempt()).toEqual({ ok: false, reason });
		expect(auditCount()).toBe(audits);
		expect(listCollectiveMembers(db, f.villageId)).toEqual(register);
	});

	it('lets a member rejoin after the membership ended', () => {
		endCollectiveMembership(db, clerk, f.villageId, { personId: adult, until: '2026-01-01' });
		expect(
			addCollectiveMember(db, clerk, f.villageId, { personId: adult, since: '2026-02-01' })
		).toEqual({ ok: true });
		expect(listCollectiveMembers(db, f.villageId).filter((m) => m.personId === adult)).toHaveLength(
			2
		);
	});
});
