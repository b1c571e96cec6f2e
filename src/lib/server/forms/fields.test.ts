import { describe, expect, it } from 'vitest';
import { field, readForm } from './fields';

describe('field', () => {
	it('trims, drops NUL and control characters, and reads a file as empty text', () => {
		const form = new FormData();
		form.set('a', '  王\u0000丽\u0007 ');
		form.set('f', new File(['x'], 'x.txt'));
		expect(field(form, 'a')).toBe('王丽');
		expect(field(form, 'f')).toBe('');
		expect(field(form, 'missing')).toBe('');
	});

	it('drops direction overrides, marks and zero-width spaces, keeps joiners', () => {
		const form = new FormData();
		form.set('name', '\u202e王\u200b丽\u2066\u200f\ufeff');
		form.set('title', '通知\u202d（附件）\u202c\u2069');
		form.set('emoji', '👨\u200d👩\u200d👧');
		expect(field(form, 'name')).toBe('王丽');
		expect(field(form, 'title')).toBe('通知（附件）');
		expect(field(form, 'emoji')).toBe('👨\u200d👩\u200d👧');
	});
});

describe('readForm', () => {
	it('reads a JSON body as an empty form', async () => {
		const r = new Request('http://x/', {
			method: 'POST',
			body: '{"a":1}',
			headers: { 'content-type': 'application/json' }
		});
		expect([...(await readForm(r)).keys()]).toEqual([]);
	});
});
