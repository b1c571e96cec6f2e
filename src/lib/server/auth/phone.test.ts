import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
	it.each([
		['13800000001', '13800000001'],
		[' 138 0000 0001 ', '13800000001'],
		['138-0000-0001', '13800000001'],
		['+8613800000001', '13800000001'],
		['008613800000001', '13800000001'],
		['1380000000', null],
		['138000000012', null],
		['12800000001', null],
		['abc', null],
		['', null]
	])('%j → %j', (input, expected) => expect(normalizePhone(input)).toBe(expected));
});

describe('maskPhone', () => {
	it('keeps the first three and last four digits', () => {
		expect(maskPhone('13800000001')).toBe('138****0001');
	});
});
