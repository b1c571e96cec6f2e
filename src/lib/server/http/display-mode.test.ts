import { describe, expect, it } from 'vitest';
import { htmlOpening, isLargeText, parseDisplayChoice } from './display-mode';

describe('the elderly-mode cookie', () => {
	it.each([
		['large', true],
		[undefined, false],
		['', false],
		['LARGE', false],
		[' large', false],
		['large;', false],
		['standard', false],
		['1', false],
		['true', false]
	])('%j asks for large text: %s', (cookie, expected) => {
		expect(isLargeText(cookie)).toBe(expected);
	});
});

describe('the switch’s submitted value', () => {
	it.each([
		['large', 'large'],
		['standard', 'standard'],
		['', null],
		['Large', null],
		['large ', null],
		['small', null],
		['<script>', null],
		['large\u0000', null]
	])('%j gives %j', (raw, expected) => {
		expect(parseDisplayChoice(raw)).toBe(expected);
	});
});

describe('the html opening tag', () => {
	const shell = '<!doctype html>\n<html lang="%lang%">\n<body>%lang%</body>';

	it('carries only the language in standard mode', () => {
		expect(htmlOpening(shell, 'en', false)).toBe(
			'<!doctype html>\n<html lang="en">\n<body>%lang%</body>'
		);
	});

	it('adds the large-text class in elderly mode, as a separate attribute', () => {
		const out = htmlOpening(shell, 'zh-CN', true);
		expect(out).toContain('<html lang="zh-CN" class="large-text">');
		expect(out.match(/class="large-text"/g)).toHaveLength(1);
	});
});
