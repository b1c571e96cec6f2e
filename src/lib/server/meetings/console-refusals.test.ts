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

	it('closing a vote asks with its numbers, a tiny secret count with its risk; other refusals do not', () => {
		const check = { motionId: 1, present: 18, ballots: 1, fewSecret: false };
		expect(closeMotionRefusal({ ok: false, reason: 'unconfirmed', check })).toEqual({
			message: '实到 18 人，已登记 1 票。仍要结束吗？',
			values: { confirmClose: 'plain' }
		});
		const few = closeMotionRefusal({
			ok: false,
			reason: 'unconfirmed',
			check: { ...check, ballots: 2, fewSecret: true }
		});
		expect(few.message).toContain('已登记 2 票');
		expect(few.message).toContain('投票人的选择可能被推知');
		expect(few).toMatchObject({ values: { confirmClose: 'few' } });
		expect(closeMotionRefusal({ ok: false, reason: 'no_tally' })).toEqual({
			message: motionRefusalMessage('no_tally')
		});
	});
});
