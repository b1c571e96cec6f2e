import { describe, expect, it } from 'vitest';
import { caseRefusalMessage, categoryName } from './messages';
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
