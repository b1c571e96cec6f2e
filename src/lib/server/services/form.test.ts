import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { categoriesForm, categoryEditsOf, fileServiceForm, serviceOnBehalf } from './form';

const formOf = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	return f;
};

describe('the filing form', () => {
	const base = { category: 'certificate', title: '开具居住证明', description: '' };

	it('reads a request for oneself', () => {
		const r = parseForm(fileServiceForm, formOf({ ...base, urgent: 'on' }));
		expect(r.ok && r.data).toMatchObject({ ...base, urgent: true, forPerson: null });
		expect(r.ok && serviceOnBehalf(r.data)).toBeUndefined();
	});

	it('reads a read-back in China’s time', () => {
		const r = parseForm(
			fileServiceForm,
			formOf({
				...base,
				forPerson: '12',
				channel: 'grid_point',
				consentKind: 'read_back',
				consentAt: '2026-11-20T09:30'
			})
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(serviceOnBehalf(r.data)).toEqual({
			personId: 12,
			channel: 'grid_point',
			consentKind: 'read_back',
			consentAt: '2026-11-20T01:30:00.000Z'
		});
	});

	it.each([
		['no title', { ...base, title: ' ' }, 'title'],
		['no category', { ...base, category: '' }, 'category'],
		[
			'a channel not for on-behalf filing',
			{ ...base, forPerson: '12', channel: 'online', consentKind: 'signed_note' },
			'channel'
		],
		['no consent kind', { ...base, forPerson: '12', channel: 'phone' }, 'consentKind'],
		[
			'a read-back without its time',
			{ ...base, forPerson: '12', channel: 'phone', consentKind: 'read_back' },
			'consentAt'
		]
	])('refuses %s', (_name, fields, field) => {
		const r = parseForm(fileServiceForm, formOf(fields as Record<string, string>));
		expect(r.ok).toBe(false);
		expect(!r.ok && Object.keys(r.errors)).toContain(field);
	});
});

describe('the categories form', () => {
	it('reads filled rows, skips blank ones, and takes a new row as active', () => {
		const r = parseForm(
			categoriesForm,
			formOf({
				key_0: 'certificate',
				limit_0: '3',
				active_0: 'on',
				key_1: 'farming',
				limit_1: '7',
				name_2: '低保',
				limit_2: '5',
				key_3: 'repair',
				limit_3: '两天'
			})
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const edits = categoryEditsOf(r.data as Record<string, string | boolean>);
		expect(edits.slice(0, 3)).toEqual([
			{ key: 'certificate', name: '', limitDays: 3, active: true },
			{ key: 'farming', name: '', limitDays: 7, active: false },
			{ key: null, name: '低保', limitDays: 5, active: true }
		]);
		expect(edits[3].limitDays).toBeNaN();
		expect(edits).toHaveLength(4);
	});
});
