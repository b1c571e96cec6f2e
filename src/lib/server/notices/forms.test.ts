import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { deskNoticeForm, noticeCorrectionForm, objectionAnswerForm, objectionForm } from './forms';
import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from './notices';
import { OBJECTION_TEXT_MAX } from './objections';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('notice forms', () => {
	it('reads a desk notice, its kind and whether it takes objections', () => {
		const r = parseForm(
			deskNoticeForm,
			form({ kind: 'finance', title: ' 账目 ', summary: '', body: '明细', objections: 'on' })
		);
		expect(r).toMatchObject({
			ok: true,
			data: { kind: 'finance', title: '账目', summary: '', body: '明细', objections: true }
		});
	});

	it('refuses a kind the desk does not post and a title over its limit, never cutting it', () => {
		const r = parseForm(
			deskNoticeForm,
			form({ kind: 'meeting', title: '题'.repeat(NOTICE_TITLE_MAX + 1), body: '正文' })
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['kind', 'title']);
		expect(r.errors.title).toContain(String(NOTICE_TITLE_MAX));
	});

	it('takes a body of exactly its limit and refuses one character more', () => {
		const base = { kind: 'general', title: '题' };
		const at = parseForm(deskNoticeForm, form({ ...base, body: 'x'.repeat(NOTICE_BODY_MAX) }));
		const over = parseForm(
			deskNoticeForm,
			form({ ...base, body: 'x'.repeat(NOTICE_BODY_MAX + 1) })
		);
		expect(at.ok).toBe(true);
		expect(over.ok).toBe(false);
	});

	it('refuses a correction without the number of the notice it corrects', () => {
		const r = parseForm(noticeCorrectionForm, form({ corrects: 'abc', title: '题', body: '正文' }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors)).toEqual(['corrects']);
	});

	it('refuses an empty or over-long objection and answer', () => {
		const long = '异'.repeat(OBJECTION_TEXT_MAX + 1);
		expect(parseForm(objectionForm, form({ text: '  ' })).ok).toBe(false);
		expect(parseForm(objectionForm, form({ text: long })).ok).toBe(false);
		expect(parseForm(objectionForm, form({ text: '异'.repeat(OBJECTION_TEXT_MAX) })).ok).toBe(true);
		const answer = parseForm(objectionAnswerForm, form({ objection: '7', answer: long }));
		expect(answer.ok).toBe(false);
		if (!answer.ok) expect(Object.keys(answer.errors)).toEqual(['answer']);
	});
});
