import { describe, expect, it } from 'vitest';
import {
	chineseNumeral,
	citeOrganicLaw,
	organicLawArticleOn,
	type OrganicLawProvision
} from './organic-law';

describe('organicLawArticleOn', () => {
	// Read in the 2018 text (LawRefBook/Laws) and the consolidated 2026 text (X-STORAGE/Laws).
	it.each<[OrganicLawProvision, number, number]>([
		['committee', 6, 8],
		['villagersMeeting', 21, 25],
		['villagersMeetingQuorum', 22, 26],
		['villagersMeetingMatters', 24, 28],
		['repsMeetingMakeUp', 25, 29],
		['repsMeeting', 26, 30],
		['villageRules', 27, 31],
		['groupMeeting', 28, 32],
		['disclosure', 30, 35],
		['supervision', 32, 37],
		['records', 34, 39]
	])('%s: art. %i through 2025-12-31, art. %i from 2026-01-01', (provision, old, current) => {
		expect(organicLawArticleOn(provision, '2018-12-29')).toBe(old);
		expect(organicLawArticleOn(provision, '2025-12-31')).toBe(old);
		expect(organicLawArticleOn(provision, '2026-01-01')).toBe(current);
		expect(organicLawArticleOn(provision, '2030-06-01')).toBe(current);
	});
});

describe('chineseNumeral', () => {
	it.each([
		[1, '一'],
		[8, '八'],
		[10, '十'],
		[12, '十二'],
		[20, '二十'],
		[28, '二十八'],
		[37, '三十七'],
		[50, '五十'],
		[99, '九十九']
	])('%i → %s', (n, zh) => expect(chineseNumeral(n)).toBe(zh));

	it.each([0, 100, 2.5])('refuses %s', (n) => expect(() => chineseNumeral(n)).toThrow(RangeError));
});

describe('citeOrganicLaw', () => {
	it.each([
		['2025-12-31', 'zh-CN', '第三十二条'],
		['2026-01-01', 'zh-CN', '第三十七条'],
		['2025-12-31', 'en', 'art. 32'],
		['2026-01-01', 'en', 'art. 37']
	] as const)('the supervision body on %s in %s: %s', (date, locale, cited) => {
		expect(citeOrganicLaw('supervision', date, locale)).toBe(cited);
	});
});
