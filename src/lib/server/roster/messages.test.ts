import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { relationRefusalMessage, roleRefusalMessage } from './messages';

const spouse = {
	ok: false,
	reason: 'supervision_conflict_relative',
	relative: { name: '李秀兰', kind: 'spouse', role: 'villagers_committee' }
} as const;

describe('the supervision conflict, in words', () => {
	const baseGetLocale = getLocale;
	afterEach(() => overwriteGetLocale(baseGetLocale));

	// The article in force on the term's first day: 2018 art. 32, from 2026-01-01 art. 37.
	it.each([
		['zh-CN', '2025-12-31', ['此人的配偶李秀兰在这段任期内是村委会成员', '第三十二条']],
		['zh-CN', '2026-01-01', ['此人的配偶李秀兰在这段任期内是村委会成员', '第三十七条']],
		['en', '2025-12-31', ["this person's spouse, 李秀兰, is a", 'art. 32']],
		['en', '2026-01-01', ["this person's spouse, 李秀兰, is a", 'art. 37']]
	] as const)('%s, for a term from %s', (locale, start, parts) => {
		overwriteGetLocale(() => locale);
		const message = roleRefusalMessage(spouse, start);
		for (const part of parts) expect(message).toContain(part);
		expect(message).not.toMatch(/[{}]|undefined/);
	});

	it.each([
		['supervision_conflict_self', '2026-06-01', '第三十七条'],
		['supervision_conflict_household', '2025-06-01', '第三十二条']
	] as const)('%s cites the article of %s', (reason, start, article) => {
		expect(roleRefusalMessage({ ok: false, reason }, start)).toContain(article);
	});
});

describe('relation refusals, in words', () => {
	it.each(['forbidden', 'not_found', 'same_person', 'bad_kind', 'already_related'] as const)(
		'%s has a message of its own',
		(reason) => {
			const words = relationRefusalMessage(reason);
			expect(words).not.toBe(reason);
			expect(words.length).toBeGreaterThan(2);
		}
	);
});
