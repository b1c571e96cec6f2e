import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { fileServiceRequest, type ServiceRequestInput } from './filing';
import { stepsOf } from './records';
import { mergeSettings } from '../villages/settings';
import { DEFAULT_CATEGORIES, serviceCategories } from './categories';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格

const input: ServiceRequestInput = {
	category: 'certificate',
	title: '开具居住证明',
	description: '孙子上学要居住证明。',
	urgent: false
};
// Friday 2026-11-20, 10:00 in China.
const FRIDAY = new Date('2026-11-20T02:00:00Z');

function personOfOtherGrid(): number {
	return db
		.prepare(
			`select p.id from people p join households h on h.id = p.household_id join grids g on g.id = h.grid_id
			 where p.village_id = ? and g.name <> '第一网格' and p.status = 'resident' and p.birth_date < '2000-01-01'
			 order by p.id limit 1`
		)
		.pluck()
		.get(village()) as number;
}

describe('filing a service request (点单)', () => {
	it('files for oneself with a gapless number, the limit in working days, and a first step', () => {
		const a = fileServiceRequest(db, villager(), village(), input, { now: FRIDAY });
		const b = fileServiceRequest(db, villager(), village(), input, { now: FRIDAY });
		if (!a.ok || !b.ok) throw new Error('refused');
		expect(a.serviceCase.number).toMatch(/^[A-Z]+-FW-2026-\d{4}$/);
		expect(Number(b.serviceCase.number.slice(-4))).toBe(Number(a.serviceCase.number.slice(-4)) + 1);
		expect(a.serviceCase).toMatchObject({
			state: 'submitted',
			channel: 'online',
			personId: villager().personId,
			limitDays: 2,
			filedOn: '2026-11-20',
			// Two working days after a Friday: Tuesday; dispatched within one: Monday.
			dueOn: '2026-11-24',
			stepDueOn: '2026-11-23'
		});
		expect(stepsOf(db, a.serviceCase.id).map((s) => s.kind)).toEqual(['filed']);
		const audit = db
			.prepare("select count(*) from audit where action = 'service_case.filed' and subject_id = ?")
			.pluck()
			.get(String(a.serviceCase.id));
		expect(audit).toBe(1);
	});

	it('files for a villager of the grid head’s own grid, with the consent', () => {
		const r = fileServiceRequest(db, gridHead(), village(), input, {
			now: FRIDAY,
			onBehalf: {
				personId: villager().personId!,
				channel: 'grid_point',
				consentKind: 'read_back',
				consentAt: '2026-11-20T01:50:00.000Z'
			}
		});
		if (!r.ok) throw new Error(r.reason);
		expect(r.serviceCase).toMatchObject({
			personId: villager().personId,
			filedByUserId: gridHead().userId,
			channel: 'grid_point',
			consentKind: 'read_back'
		});
	});

	it('uses the village’s own limits from settings', () => {
		mergeSettings(db, village(), {
			serviceCategories: DEFAULT_CATEGORIES.map((c) =>
				c.key === 'certificate' ? { ...c, limitDays: 1 } : c
			)
		});
		expect(serviceCategories(db, village()).find((c) => c.key === 'certificate')?.limitDays).toBe(
			1
		);
		const r = fileServiceRequest(db, villager(), village(), input, { now: FRIDAY });
		expect(r.ok && r.serviceCase.dueOn).toBe('2026-11-23');
	});

	const count = () => db.prepare('select count(*) from service_cases').pluck().get();
	it.each([
		[
			'an unknown category',
			() => fileServiceRequest(db, villager(), village(), { ...input, category: 'x' }),
			'bad_category'
		],
		[
			'an empty title',
			() => fileServiceRequest(db, villager(), village(), { ...input, title: '  ' }),
			'title_required'
		],
		[
			'an 81-character title',
			() => fileServiceRequest(db, villager(), village(), { ...input, title: '长'.repeat(81) }),
			'title_too_long'
		],
		[
			'a 2,001-character text',
			() =>
				fileServiceRequest(db, villager(), village(), { ...input, description: '长'.repeat(2001) }),
			'description_too_long'
		],
		[
			'a login with no person (the clerk for themself)',
			() => fileServiceRequest(db, { ...clerk(), personId: null }, village(), input),
			'not_a_villager'
		],
		[
			'a grid head for someone of another grid',
			() =>
				fileServiceRequest(db, gridHead(), village(), input, {
					onBehalf: {
						personId: personOfOtherGrid(),
						channel: 'grid_point',
						consentKind: 'signed_note',
						consentAt: '2026-11-20T01:00:00.000Z'
					},
					now: FRIDAY
				}),
			'not_your_villager'
		],
		[
			'a villager for a neighbour',
			() =>
				fileServiceRequest(db, villager(), village(), input, {
					onBehalf: {
						personId: gridHead().personId!,
						channel: 'phone',
						consentKind: 'signed_note',
						consentAt: '2026-11-20T01:00:00.000Z'
					},
					now: FRIDAY
				}),
			'not_your_villager'
		],
		[
			'a consent given after the filing',
			() =>
				fileServiceRequest(db, gridHead(), village(), input, {
					onBehalf: {
						personId: villager().personId!,
						channel: 'grid_point',
						consentKind: 'read_back',
						consentAt: '2026-11-20T03:00:00.000Z'
					},
					now: FRIDAY
				}),
			'consent_in_future'
		]
	])('refuses %s and changes nothing', (_name, act, reason) => {
		const before = count();
		expect(act()).toEqual({ ok: false, reason });
		expect(count()).toBe(before);
	});

	it('refuses a retired category', () => {
		mergeSettings(db, village(), {
			serviceCategories: DEFAULT_CATEGORIES.map((c) =>
				c.key === 'certificate' ? { ...c, active: false } : c
			)
		});
		expect(fileServiceRequest(db, villager(), village(), input)).toEqual({
			ok: false,
			reason: 'bad_category'
		});
	});
});
