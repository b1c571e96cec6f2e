import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { ruleOptionsForm, settingsForm } from './forms';
import { HOLIDAYS_MAX, NOTICE_DAYS_MIN, REPS_NOTICE_DAYS_MAX, TRIAGE_DAYS_MAX } from './settings';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('settings forms', () => {
	it('reads the periods as numbers and the holidays one date a line or comma-separated', () => {
		const r = parseForm(
			settingsForm,
			form({
				triageDays: '7',
				noticeDays: '10',
				holidays: '2026-10-01\n2026-10-02，2026-10-03',
				oneShoulder: 'on'
			})
		);
		expect(r).toMatchObject({
			ok: true,
			data: {
				triageDays: 7,
				noticeDays: 10,
				holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
				oneShoulder: true
			}
		});
	});

	it('refuses periods outside the bounds and a holiday list longer than a village may keep', () => {
		const r = parseForm(
			settingsForm,
			form({
				triageDays: String(TRIAGE_DAYS_MAX + 1),
				noticeDays: String(NOTICE_DAYS_MIN - 1),
				holidays: '2026-10-01\n'.repeat(HOLIDAYS_MAX + 1)
			})
		);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(Object.keys(r.errors).sort()).toEqual(['holidays', 'noticeDays', 'triageDays']);
	});

	it('leaves the representatives notice days unset when empty and refuses a fraction', () => {
		expect(parseForm(ruleOptionsForm, form({ repsNoticeDays: '' }))).toMatchObject({
			ok: true,
			data: { repsNoticeDays: null, partyAssemblyTwoThirds: false }
		});
		expect(parseForm(ruleOptionsForm, form({ repsNoticeDays: '2.5' })).ok).toBe(false);
		expect(
			parseForm(ruleOptionsForm, form({ repsNoticeDays: String(REPS_NOTICE_DAYS_MAX + 1) })).ok
		).toBe(false);
	});
});
