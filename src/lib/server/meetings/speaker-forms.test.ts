import { describe, expect, it } from 'vitest';
import {
	parseAddSpeaker,
	parseEndSpeech,
	parseSpeakerLimit,
	speakerRefusalMessage
} from './speaker-forms';
import type { SpeakerRefusal } from './speakers';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('the queue forms', () => {
	it.each([
		['2', { ok: true, input: { limitSeconds: 120 } }],
		['60', { ok: true, input: { limitSeconds: 3600 } }],
		['0', { ok: false }],
		['61', { ok: false }],
		['1.5', { ok: false }],
		['三', { ok: false }],
		['', { ok: false }]
	])('the limit %j minutes → %o', (minutes, expected) => {
		expect(parseSpeakerLimit(form({ minutes }))).toMatchObject(expected);
	});

	it.each([
		[
			{ request: '7', summary: '  同意  ' },
			{ ok: true, input: { requestId: 7, summary: '同意' } }
		],
		[{ request: '7', summary: '长'.repeat(201) }, { ok: false }],
		[{ request: 'x', summary: '' }, { ok: false }]
	])('ending %o → %o', (fields, expected) => {
		expect(parseEndSpeech(form(fields))).toMatchObject(expected);
	});

	it('names the missing speaker', () => {
		const r = parseAddSpeaker(form({ person: '' }));
		expect(r.ok).toBe(false);
		expect(!r.ok && r.message).toBe('请选择一位在场的发言人。');
	});

	it('has words for every refusal, none of them empty or the same as another', () => {
		const reasons: SpeakerRefusal[] = [
			'forbidden',
			'not_found',
			'not_open',
			'no_item',
			'not_present',
			'someone_speaking',
			'not_waiting',
			'not_speaking',
			'not_current_item',
			'bad_limit',
			'bad_summary'
		];
		const words = reasons.map(speakerRefusalMessage);
		expect(words.every((w) => w.length > 0)).toBe(true);
		expect(new Set(words).size).toBe(reasons.length);
	});
});
