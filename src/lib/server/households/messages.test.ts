import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { householdRefusalMessage, type HouseholdRefusal } from './messages';

const SOME: HouseholdRefusal[] = [
	'already_has_contact',
	'visit_before_assignment',
	'id_number',
	'health_without_consent',
	'not_your_household'
];

const baseGetLocale = getLocale;

describe('households words', () => {
	afterEach(() => overwriteGetLocale(baseGetLocale));

	it.each(['zh-CN', 'en'] as const)('words each refusal differently in %s', (locale) => {
		overwriteGetLocale(() => locale);
		const words = SOME.map(householdRefusalMessage);
		expect(new Set(words).size).toBe(SOME.length);
		for (const w of words) expect(/[\u4e00-\u9fff]/.test(w)).toBe(locale === 'zh-CN');
	});

	it('names the limits', () => {
		expect(householdRefusalMessage('cadence_days')).toContain('90');
		expect(householdRefusalMessage('too_many_households')).toContain('20');
		expect(householdRefusalMessage('heard_too_long')).toContain('1000');
	});
});
