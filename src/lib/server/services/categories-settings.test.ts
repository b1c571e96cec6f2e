import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEFAULT_CATEGORIES, findCategory, serviceCategories } from './categories';
import { CATEGORIES_MAX, updateServiceCategories, type CategoryEdit } from './categories-settings';
import { fileServiceRequest } from './filing';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001').userId;
const villager = () => demoActor(db, '13800000003');
const edit = (key: string | null, limitDays: number, name = '', active = true): CategoryEdit => ({
	key,
	name,
	limitDays,
	active
});
const audits = () =>
	db
		.prepare("select count(*) from audit where action = 'village.service_categories_changed'")
		.pluck()
		.get() as number;

describe('setting the service categories', () => {
	it('changes a limit, retires a built-in one and adds the village’s own, audited once', () => {
		const r = updateServiceCategories(db, clerk(), village(), [
			edit('certificate', 1),
			edit('farming', 7, '', false),
			edit(null, 3, '宅基地审批')
		]);
		if (!r.ok) throw new Error(r.reason);
		const list = serviceCategories(db, village());
		expect(list).toHaveLength(DEFAULT_CATEGORIES.length + 1);
		expect(findCategory(db, village(), 'certificate')).toMatchObject({
			limitDays: 1,
			active: true
		});
		expect(findCategory(db, village(), 'farming')).toMatchObject({ active: false });
		expect(list.at(-1)).toEqual({ key: 'own_1', name: '宅基地审批', limitDays: 3, active: true });
		expect(audits()).toBe(1);
		const audit = db
			.prepare(
				"select before, after from audit where action = 'village.service_categories_changed'"
			)
			.get() as { before: string; after: string };
		expect(JSON.parse(audit.before)).toHaveLength(DEFAULT_CATEGORIES.length);
		expect(JSON.parse(audit.after)).toHaveLength(DEFAULT_CATEGORIES.length + 1);
	});

	it('files new cases under the new limit, and takes none under a retired category', () => {
		updateServiceCategories(db, clerk(), village(), [
			edit('certificate', 4),
			edit('farming', 7, '', false)
		]);
		const input = { title: '证明', description: '', urgent: false };
		const filed = fileServiceRequest(db, villager(), village(), {
			...input,
			category: 'certificate'
		});
		expect(filed.ok && filed.serviceCase.limitDays).toBe(4);
		expect(
			fileServiceRequest(db, villager(), village(), { ...input, category: 'farming' })
		).toEqual({ ok: false, reason: 'bad_category' });
	});

	it('renames the village’s own category and never reuses its key', () => {
		updateServiceCategories(db, clerk(), village(), [edit(null, 3, '宅基地')]);
		updateServiceCategories(db, clerk(), village(), [
			edit('own_1', 3, '宅基地审批'),
			edit(null, 5, '低保')
		]);
		const own = serviceCategories(db, village()).filter((c) => c.name !== null);
		expect(own.map((c) => [c.key, c.name])).toEqual([
			['own_1', '宅基地审批'],
			['own_2', '低保']
		]);
	});

	it.each([
		['a limit of 0', [edit('certificate', 0)], 'limit_days'],
		['a limit of 61', [edit('certificate', 61)], 'limit_days'],
		['a limit of 2.5', [edit('certificate', 2.5)], 'limit_days'],
		['a renamed built-in category', [edit('certificate', 2, '开证明')], 'built_in_renamed'],
		['a new category without a name', [edit(null, 2, '  ')], 'name_required'],
		['a 17-character name', [edit(null, 2, '长'.repeat(17))], 'name_too_long'],
		['the same name twice', [edit(null, 2, '低保'), edit(null, 3, '低保')], 'duplicate_name'],
		['a key the village does not have', [edit('own_9', 2, '低保')], 'unknown_category'],
		[
			'every category retired',
			DEFAULT_CATEGORIES.map((c) => edit(c.key, c.limitDays, '', false)),
			'none_active'
		],
		[
			`more than ${CATEGORIES_MAX} categories`,
			Array.from({ length: CATEGORIES_MAX - DEFAULT_CATEGORIES.length + 1 }, (_, i) =>
				edit(null, 2, `事项${i}`)
			),
			'too_many'
		]
	] as const)('refuses %s and changes nothing', (_name, edits, reason) => {
		const before = serviceCategories(db, village());
		const r = updateServiceCategories(db, clerk(), village(), edits as CategoryEdit[]);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.reason).toBe(reason);
		expect(serviceCategories(db, village())).toEqual(before);
		expect(audits()).toBe(0);
	});

	it('refuses a villager', () => {
		expect(
			updateServiceCategories(db, villager().userId, village(), [edit('certificate', 1)])
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(findCategory(db, village(), 'certificate')?.limitDays).toBe(2);
	});
});
