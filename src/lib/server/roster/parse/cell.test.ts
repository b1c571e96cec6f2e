import { describe, expect, it } from 'vitest';
import { cleanCell } from './cell';

describe('cleanCell', () => {
	it('drops direction overrides and invisible characters from a name', () => {
		expect(cleanCell('\u202e王\u200b丽\u2066\u200f\ufeff')).toBe('王丽');
		expect(cleanCell('张\u202d秀英\u202c')).toBe('张秀英');
	});

	it('keeps ordinary text and unwraps an Excel text formula', () => {
		expect(cleanCell(' 李建国\r\n ')).toBe('李建国');
		expect(cleanCell('="110105"')).toBe('110105');
	});
});
