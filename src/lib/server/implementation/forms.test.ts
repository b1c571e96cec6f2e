import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { budgetOf, progressForm, startForm } from './forms';
import { BUDGET_SOURCE_MAX, NOTE_MAX } from './implementation';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('implementation forms', () => {
	it('reads the filled-in budget lines in fen and skips the empty ones', () => {
		const r = parseForm(
			startForm,
			form({
				responsible: '4',
				plan: '修路',
				source0: '上级补助',
				amount0: '1,234.5',
				source2: '自筹',
				amount2: '10'
			})
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.data.responsible).toBe(4);
		expect(budgetOf(r.data)).toEqual([
			{ source: '上级补助', amountFen: 123450 },
			{ source: '自筹', amountFen: 1000 }
		]);
	});

	it('refuses a budget line without an amount and a source over its limit', () => {
		const noAmount = parseForm(startForm, form({ plan: '修路', source1: '上级补助' }));
		expect(noAmount.ok).toBe(false);
		if (!noAmount.ok) expect(Object.keys(noAmount.errors)).toEqual(['amount1']);
		const long = parseForm(
			startForm,
			form({ plan: '修路', source0: '源'.repeat(BUDGET_SOURCE_MAX + 1), amount0: '5' })
		);
		expect(long.ok).toBe(false);
		if (!long.ok) expect(Object.keys(long.errors)).toEqual(['source0']);
	});

	it('reads progress as a percent and fen, refusing a bad sum and an over-long note', () => {
		const ok = parseForm(progressForm, form({ date: '2026-11-01', percent: '40', spent: '12.3' }));
		expect(ok).toMatchObject({ ok: true, data: { percent: 40, spent: 1230 } });
		const bad = parseForm(
			progressForm,
			form({ date: '2026-11-01', percent: '101', spent: 'abc', note: 'n'.repeat(NOTE_MAX + 1) })
		);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['note', 'percent', 'spent']);
	});
});
