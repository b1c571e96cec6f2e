// English pages carry no Chinese words and no full-width punctuation (issue 16 item 6): every
// message in messages/en.json is checked, with a short list of deliberate exceptions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// ，。：；（）「」、！？ and the rest of the full-width and CJK punctuation blocks.
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff60]/;

// Chinese kept on purpose, each because the reader must type or find these very characters.
const ALLOWED: Record<string, string> = {
	// A roster spreadsheet's gender column holds 男 or 女: the clerk is told what to write.
	rosterfile_gender_invalid: '男女',
	// The default place of a new meeting is the hall's proper name, stored as the meeting's data.
	mtg_new_place_default: '湖边议事厅'
};

const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, unknown>;
const texts = Object.entries(en).filter((e): e is [string, string] => typeof e[1] === 'string');

describe('messages/en.json', () => {
	it('has messages to check', () => expect(texts.length).toBeGreaterThan(1000));

	// One list of offenders, so a failure names every key at once.
	it('has no Chinese characters outside the allowances', () => {
		const stray = texts.filter(([key, text]) =>
			[...text].some((c) => CJK.test(c) && !(ALLOWED[key] ?? '').includes(c))
		);
		expect(stray).toEqual([]);
	});

	it('has no full-width punctuation', () => {
		expect(texts.filter(([, text]) => FULL_WIDTH.test(text))).toEqual([]);
	});

	it('the checks catch what they look for', () => {
		expect('表决（举手）').toMatch(CJK);
		expect('Yes（3）').toMatch(FULL_WIDTH);
		expect('a, b: c; (d) “e”').not.toMatch(FULL_WIDTH);
	});
});
