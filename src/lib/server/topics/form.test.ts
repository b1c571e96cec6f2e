import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { parseForm } from '../forms';
import { triageForm } from './form';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

describe('the triage form: the art. 24 question and its checklist agree', () => {
	it.each([
		// The defect of issue 14: ticked, answered "不涉及", handled directly — the tick was dropped.
		[
			[
				['art24Answer', 'no'],
				['art24', 'public_welfare'],
				['route', 'direct']
			],
			'art24'
		],
		[
			[
				['art24Answer', 'no'],
				['art24', 'homestead'],
				['art24', 'public_welfare'],
				['route', 'consultation']
			],
			'art24'
		],
		[
			[
				['art24Answer', 'yes'],
				['route', 'direct']
			],
			'art24'
		],
		[
			[
				['art24', 'public_welfare'],
				['route', 'four_plus_two']
			],
			'art24Answer'
		]
	] as [[string, string][], string][])('refuses %j at %s', (entries, field) => {
		const r = parseForm(triageForm, form(entries));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors)).toContain(field);
	});

	it('names the contradiction rather than a missing answer', () => {
		const r = parseForm(
			triageForm,
			form([
				['art24Answer', 'no'],
				['art24', 'public_welfare'],
				['route', 'direct']
			])
		);
		expect(r.ok ? null : r.errors.art24).toBe(m.triage_art24_contradiction());
	});

	it.each([
		[
			[
				['art24Answer', 'no'],
				['route', 'direct']
			],
			[]
		],
		[
			[
				['art24Answer', 'yes'],
				['art24', 'public_welfare'],
				['route', 'four_plus_two']
			],
			['public_welfare']
		]
	] as [[string, string][], string[]][])('accepts %j', (entries, items) => {
		expect(parseForm(triageForm, form(entries))).toMatchObject({
			ok: true,
			data: { art24: items }
		});
	});
});
