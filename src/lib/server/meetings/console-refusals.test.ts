import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import {
	closeMotionRefusal,
	notifyRefusal,
	openMotionRefusal,
	openRefusal
} from './console-refusals';
import { meetingRefusalMessage, motionRefusalMessage } from './messages';

describe('the console’s refusal messages', () => {
	it('a notice sent too late names the earliest day and flags the form', () => {
		expect(notifyRefusal({ ok: false, reason: 'too_late', earliest: '2026-12-20' })).toEqual({
			message: m.meeting_refused_too_late({ earliest: formatDate('2026-12-20') }),
			tooLate: true
		});
		expect(notifyRefusal({ ok: false, reason: 'no_agenda' })).toEqual({
			message: meetingRefusalMessage('no_agenda'),
			tooLate: false
		});
	});

	it('a meeting opened too early names the earliest day', () => {
		expect(openRefusal({ ok: false, reason: 'too_early', earliest: '2026-12-20' })).toBe(
			m.meeting_refused_too_early({ earliest: formatDate('2026-12-20') })
		);
	});

	it('a vote opened without quorum shows the formula that does not hold', () => {
		const quorum = { met: false, formula: '12 ≥ 2/3 × 30', left: 12, right: 20 };
		expect(openMotionRefusal({ ok: false, reason: 'no_quorum', quorum })).toBe(
			m.meeting_refused_no_quorum({
				formula: m.mtg_console_formula_false({ formula: quorum.formula })
			})
		);
	});

	it('closing a secret vote of few ballots asks for confirmation; other refusals do not', () => {
		expect(closeMotionRefusal({ ok: false, reason: 'few_secret_ballots', ballots: 2 })).toEqual({
			message: motionRefusalMessage('few_secret_ballots', { ballots: 2 }),
			values: { confirmClose: '1' }
		});
		expect(closeMotionRefusal({ ok: false, reason: 'no_tally' })).toEqual({
			message: motionRefusalMessage('no_tally')
		});
	});
});
