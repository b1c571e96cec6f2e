import { describe, expect, it } from 'vitest';
import { caseRefusalMessage, categoriesRefusalMessage, categoryName } from './messages';
import { BUILT_IN_CATEGORIES } from './categories';

describe('service-case words', () => {
	it('names every built-in category, each differently', () => {
		const names = BUILT_IN_CATEGORIES.map((key) => categoryName({ key, name: null }));
		for (const [i, key] of BUILT_IN_CATEGORIES.entries()) expect(names[i]).not.toBe(key);
		expect(new Set(names).size).toBe(names.length);
	});

	it('uses the village’s own name for its own category', () => {
		expect(categoryName({ key: 'well', name: '水井维护' })).toBe('水井维护');
	});

	it('words a refusal with its limit', () => {
		expect(caseRefusalMessage('title_too_long')).toContain('80');
	});
});

describe('categories refusals', () => {
	it.each(['limit_days', 'name_too_long', 'too_many'] as const)(
		'words %s with its bound',
		(reason) => {
			const bound = { limit_days: '60', name_too_long: '16', too_many: '30' }[reason];
			expect(categoriesRefusalMessage({ ok: false, reason })).toContain(bound);
		}
	);

	it('names the duplicated category', () => {
		expect(
			categoriesRefusalMessage({ ok: false, reason: 'duplicate_name', row: '低保' })
		).toContain('低保');
	});
});
