import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { todayInChina } from '../calendar/dates';
import {
	assignRoleForm,
	endRoleForm,
	householdForm,
	importPreviewForm,
	personForm,
	recordRelationForm,
	removeRelationForm,
	structureNamesForm
} from './forms';
import { MAX_NAME_LENGTH } from './parse/fields';
import { MAX_UPLOAD_BYTES } from './parse/read-file';
import { HOUSEHOLD_ADDRESS_MAX, RELATION_MAX } from './people';

const formOf = (fields: Record<string, string | File>) => {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	return form;
};

const person = { name: '张三', gender: 'm', birthDate: '1980-01-02', phone: '', relation: '户主' };

describe('roster forms', () => {
	it('splits the names box on new lines and Chinese or Latin commas', () => {
		const r = parseForm(structureNamesForm, formOf({ names: '一组\n二组，三组、四组,五组' }));
		expect(r.ok && r.data.names).toEqual(['一组', '二组', '三组', '四组', '五组']);
	});

	it('reads a household edit, a blank group or grid meaning none', () => {
		const r = parseForm(
			householdForm,
			formOf({ address: ' 东街 3 号 ', groupId: '4', gridId: '' })
		);
		expect(r.ok && r.data).toEqual({ address: '东街 3 号', groupId: 4, gridId: null });
	});

	it('refuses an address one character over the limit, naming it', () => {
		const r = parseForm(householdForm, formOf({ address: '址'.repeat(HOUSEHOLD_ADDRESS_MAX + 1) }));
		expect(!r.ok && r.errors.address).toContain(String(HOUSEHOLD_ADDRESS_MAX));
	});

	it.each([
		['a mobile number is kept in its normal form', '+86 138-0013-8000', '13800138000'],
		['a landline is kept as typed', '0731-84561234', '0731-84561234'],
		['no number is none', '', null]
	])('person phone: %s', (_, phone, expected) => {
		const r = parseForm(personForm, formOf({ ...person, phone }));
		expect(r.ok && r.data.phone).toBe(expected);
	});

	it.each([
		['name', { name: '' }],
		['name', { name: '名'.repeat(MAX_NAME_LENGTH + 1) }],
		['gender', { gender: 'x' }],
		['birthDate', { birthDate: '1980-02-30' }],
		['birthDate', { birthDate: '9999-01-01' }],
		['phone', { phone: '12345' }],
		['relation', { relation: '亲'.repeat(RELATION_MAX + 1) }]
	] as const)('person: refuses a bad %s', (key, change) => {
		const r = parseForm(personForm, formOf({ ...person, ...change }));
		expect(!r.ok && Object.keys(r.errors)).toEqual([key]);
	});

	it('a birth date of today is taken', () => {
		const r = parseForm(personForm, formOf({ ...person, birthDate: todayInChina() }));
		expect(r.ok).toBe(true);
	});

	it('reads a role: household keys split, the chair box ticked, no grid as none', () => {
		const r = parseForm(
			assignRoleForm,
			formOf({
				role: 'household_rep',
				startDate: '2026-01-01',
				households: 'A1, A2，A3',
				isChair: 'on'
			})
		);
		expect(r.ok && [r.data.households, r.data.isChair, r.data.gridId]).toEqual([
			['A1', 'A2', 'A3'],
			true,
			null
		]);
	});

	it('refuses a role not in the list and a malformed role id', () => {
		expect(parseForm(assignRoleForm, formOf({ role: 'mayor' })).ok).toBe(false);
		const r = parseForm(endRoleForm, formOf({ roleId: '1e3', endDate: '2026-01-01' }));
		expect(!r.ok && Object.keys(r.errors)).toEqual(['roleId']);
	});

	it('refuses a roster file over the upload limit before reading it', () => {
		const big = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'roster.xlsx');
		const r = parseForm(importPreviewForm, formOf({ file: big }));
		expect(!r.ok && r.errors.file).toContain(String(MAX_UPLOAD_BYTES / 1024 / 1024));
	});

	it.each<[string, Record<string, string>, Record<string, unknown> | string]>([
		[
			'a relative and a kind',
			{ relativeId: '42', kind: 'spouse' },
			{ relativeId: 42, kind: 'spouse' }
		],
		['no relative chosen', { relativeId: '', kind: 'spouse' }, 'relativeId'],
		['a relative that is not an id', { relativeId: '4x', kind: 'spouse' }, 'relativeId'],
		['a kind the law does not name', { relativeId: '42', kind: 'cousin' }, 'kind']
	])('reads a relation form: %s', (_label, fields, expected) => {
		const r = parseForm(recordRelationForm, formOf(fields));
		if (typeof expected === 'string') expect(!r.ok && Object.keys(r.errors)).toEqual([expected]);
		else expect(r.ok && r.data).toEqual(expected);
	});

	it.each([
		['7', true],
		['', false],
		['-1', false]
	])('reads a relation removal for %j: ok %s', (relativeId, ok) => {
		expect(parseForm(removeRelationForm, formOf({ relativeId })).ok).toBe(ok);
	});
});
