import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { outcomeForm, partyForm, routeForm } from './forms';
import { CONSULT_TEXT_MAX } from './outcome';
import { PARTY_INTEREST_MAX } from './preparation';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('consultation forms', () => {
	it('reads a party named from outside the roster', () => {
		expect(
			parseForm(partyForm, form({ person: '', name: ' 王五 ', interest: '果树' }))
		).toMatchObject({ ok: true, data: { person: null, name: '王五', interest: '果树' } });
	});

	it('refuses a malformed person and an over-long interest rather than cutting it', () => {
		const r = parseForm(
			partyForm,
			form({ person: '1x', interest: '利'.repeat(PARTY_INTEREST_MAX + 1) })
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['interest', 'person']);
	});

	it('refuses an empty or over-long outcome and a route not on the list', () => {
		expect(parseForm(outcomeForm, form({ outcome: ' ' })).ok).toBe(false);
		expect(parseForm(outcomeForm, form({ outcome: 'x'.repeat(CONSULT_TEXT_MAX + 1) })).ok).toBe(
			false
		);
		expect(parseForm(outcomeForm, form({ outcome: 'x'.repeat(CONSULT_TEXT_MAX) })).ok).toBe(true);
		expect(parseForm(routeForm, form({ route: 'elsewhere' })).ok).toBe(false);
		expect(parseForm(routeForm, form({ route: 'implement' }))).toMatchObject({
			ok: true,
			data: { route: 'implement', reason: '' }
		});
	});
});
