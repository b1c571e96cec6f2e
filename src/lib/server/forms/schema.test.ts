import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	checkbox,
	choice,
	file,
	id,
	optionalId,
	parseForm,
	secret,
	text,
	textList,
	whole
} from './schema';

const schema = z.object({
	title: text(5, { required: true }),
	note: text(3),
	password: secret(),
	kind: choice(['a', 'b']),
	person: id(),
	proxy: optionalId(),
	count: whole(0, 10),
	agree: checkbox(),
	tags: textList(2)
});

type Entries = [string, string | File][];

const valid: Entries = [
	['title', '议事'],
	['password', ' pass '],
	['kind', 'a'],
	['person', '7']
];

function formOf(entries: Entries, change: Entries = [], drop: string[] = []): FormData {
	const form = new FormData();
	const changed = new Set(change.map(([k]) => k));
	for (const [k, v] of entries) if (!changed.has(k) && !drop.includes(k)) form.append(k, v);
	for (const [k, v] of change) form.append(k, v);
	return form;
}

describe('parseForm', () => {
	it('reads a valid form: trimmed text, untrimmed secret, numbers and ids typed', () => {
		const r = parseForm(
			schema,
			formOf(valid, [
				['count', '10'],
				['agree', 'on'],
				['proxy', '3']
			])
		);
		expect(r).toEqual({
			ok: true,
			data: {
				title: '议事',
				note: '',
				password: ' pass ',
				kind: 'a',
				person: 7,
				proxy: 3,
				count: 10,
				agree: true,
				tags: []
			},
			values: expect.objectContaining({ password: '', title: '议事' })
		});
	});

	it.each([
		['control and direction marks dropped', ['title', ' \u202e议\u0000事\u200b '], '议事'],
		['five emoji are five characters', ['title', '👍👍👍👍👍'], '👍👍👍👍👍'],
		['five CJK characters fit the limit', ['title', '一二三四五'], '一二三四五']
	] as const)('sanitises: %s', (_, entry, expected) => {
		const r = parseForm(schema, formOf(valid, [[...entry]]));
		expect(r.ok && r.data.title).toBe(expected);
	});

	it.each([
		[
			'over-long text is refused, naming the limit',
			['title', '一二三四五六'],
			'title',
			'最多 5 个字符。'
		],
		['over-long optional text too', ['note', 'abcd'], 'note', '最多 3 个字符。'],
		['a missing required field', ['title', ''], 'title', '此项必填。'],
		[
			'only invisible characters count as missing',
			['title', '\u200b \u202e'],
			'title',
			'此项必填。'
		],
		['a file where text is expected', ['title', new File(['x'], 'x.txt')], 'title', '此项必填。'],
		[
			'a file where a password is expected',
			['password', new File(['x'], 'p')],
			'password',
			'此项必填。'
		],
		['a value not in the list', ['kind', 'c'], 'kind', '请从列表中选择一项。'],
		['an id that is zero', ['person', '0'], 'person', '此项必填。'],
		['an id that is negative', ['person', '-1'], 'person', '此项必填。'],
		['an id that is too long', ['person', '9'.repeat(16)], 'person', '此项必填。'],
		['an optional id that is not a number', ['proxy', 'x'], 'proxy', '请从列表中选择一项。'],
		['a fraction where a whole number is expected', ['count', '1.5'], 'count', '请输入整数。'],
		['a number out of range', ['count', '11'], 'count', '请输入 0 到 10 之间的数。'],
		['a negative number out of range', ['count', '-1'], 'count', '请输入 0 到 10 之间的数。'],
		['a list entry too long', ['tags', 'abc'], 'tags', '最多 2 个字符。']
	] as const)('refuses: %s', (_, entry, key, message) => {
		const r = parseForm(schema, formOf(valid, [[...entry] as [string, string | File]]));
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors).toEqual({ [key]: message });
	});

	it('refuses several missing fields at once, each with its own message', () => {
		const r = parseForm(schema, new FormData());
		expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['kind', 'password', 'person', 'title']);
	});

	it('echoes the sanitised values but never the secret, and cuts a huge paste a little past what the field holds', () => {
		const r = parseForm(
			schema,
			formOf(valid, [
				['title', '议'.repeat(34_000)],
				['password', 'hunter2']
			])
		);
		expect(r.ok).toBe(false);
		expect(r.values.password).toBe('');
		expect(r.values.title).toBe('议'.repeat(5 + 1000));
		expect(r.values.kind).toBe('a');
	});

	it('reads a repeated key as its first value, and a list as all of them', () => {
		const form = formOf(valid, [
			['kind', 'b'],
			['tags', 'x'],
			['tags', 'y']
		]);
		form.append('kind', 'zzz');
		const r = parseForm(schema, form);
		expect(r.ok && [r.data.kind, r.data.tags]).toEqual(['b', ['x', 'y']]);
	});

	it('words plain zod checks from the catalogue too', () => {
		const plain = z.object({ code: z.string().max(2), n: z.number() });
		const form = new FormData();
		form.set('code', 'abc');
		form.set('n', '1');
		const r = parseForm(plain, form);
		expect(!r.ok && r.errors).toEqual({ code: '最多 2 个字符。', n: '格式不对，请检查。' });
	});
});

describe('file', () => {
	const upload = z.object({
		file: file(4, { missing: () => 'choose a file', tooBig: () => 'too big' })
	});
	const read = (value?: string | File) => {
		const form = new FormData();
		if (value !== undefined) form.set('file', value);
		return parseForm(upload, form);
	};

	it('takes a file up to the limit as it came', () => {
		const sent = new File(['abcd'], 'roster.csv');
		const r = read(sent);
		expect(r.ok && r.data.file).toBe(sent);
		expect(r.values.file).toBe('');
	});

	it.each([
		['nothing', undefined, 'choose a file'],
		['an empty file', new File([], 'empty.csv'), 'choose a file'],
		['text where the file should be', 'roster.csv', 'choose a file'],
		['a file one byte over the limit', new File(['abcde'], 'big.csv'), 'too big']
	] as const)('refuses %s', (_, value, message) => {
		const r = read(value);
		expect(!r.ok && r.errors).toEqual({ file: message });
	});
});

describe('parseForm in English', () => {
	const baseGetLocale = getLocale;
	afterEach(() => overwriteGetLocale(baseGetLocale));

	it('gives the messages in the visitor’s language', () => {
		overwriteGetLocale(() => 'en');
		const r = parseForm(
			schema,
			formOf(valid, [
				['title', '一二三四五六'],
				['kind', 'c'],
				['count', '1.5']
			])
		);
		expect(!r.ok && r.errors).toEqual({
			title: 'At most 5 characters.',
			kind: 'Choose one of the options.',
			count: 'Enter a whole number.'
		});
	});
});
