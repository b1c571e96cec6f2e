import { describe, expect, it } from 'vitest';
import { localeFromCookie, requestLocale } from './locale';

describe('localeFromCookie', () => {
	it.each([
		['zh-CN', 'zh-CN'],
		['en', 'en'],
		[undefined, 'zh-CN'],
		['', 'zh-CN'],
		['EN', 'zh-CN'],
		['fr', 'zh-CN'],
		['en;', 'zh-CN'],
		['zh', 'zh-CN']
	])('%j → %s', (cookie, expected) => {
		expect(localeFromCookie(cookie)).toBe(expected);
	});
});

describe('requestLocale', () => {
	it('reads the locale the request resolved', () => {
		expect(requestLocale(() => ({ locale: 'en' }))).toBe('en');
		expect(requestLocale(() => ({ locale: 'zh-CN' }))).toBe('zh-CN');
	});

	it('falls back to zh-CN before the locale is resolved and outside any request', () => {
		expect(requestLocale(() => ({}))).toBe('zh-CN');
		expect(requestLocale(() => undefined)).toBe('zh-CN');
		expect(
			requestLocale(() => {
				throw new Error('Can only read the current request event inside functions …');
			})
		).toBe('zh-CN');
	});
});
