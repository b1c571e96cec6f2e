import { describe, expect, it } from 'vitest';
import { motionReading, noticeReading, readingText, speakable, topicReading } from './text';

describe('speakable', () => {
	it.each([
		['a dated day', '会议定于2026-12-08召开', '会议定于二〇二六年12月8日召开'],
		['a year in Chinese', '2026年12月8日', '二〇二六年12月8日'],
		['a clock time', '上午09:30开始', '上午9点30分开始'],
		['a full hour', '下午14:00', '下午14点'],
		['a web address', '详见 https://example.org/a?b=1 公告栏', '详见 公告栏'],
		['an audit hash', '核验码 3f2a9c0d1e4b5a6f7c8d9e0f1a2b3c4d 完', '核验码 完'],
		['quantities stay digits', '共 25 人，投资 1234.5 元', '共 25 人，投资 1234.5 元'],
		['blank runs', '  第一段 \n\n  第二段  ', '第一段\n第二段']
	])('%s', (_, input, spoken) => {
		expect(speakable(input)).toBe(spoken);
	});
});

describe('readingText', () => {
	it('reads the parts in order, each one a sentence, skipping empty ones', () => {
		expect(readingText(['标题', null, '', '正文。'])).toBe('标题。\n正文。');
	});
});

describe('a page reads its title, then its main text', () => {
	const body = '经村民代表会议表决，同意修建储藏库。\n公示期：2026-12-08 至 2026-12-15';
	const spokenBody =
		'经村民代表会议表决，同意修建储藏库。\n公示期：二〇二六年12月8日 至 二〇二六年12月15日。';
	it.each([
		['notice', noticeReading({ title: '储藏库公告', body }), `储藏库公告。\n${spokenBody}`],
		[
			'topic',
			topicReading({ title: '修建储藏库', description: body }),
			`修建储藏库。\n${spokenBody}`
		],
		['motion', motionReading({ text: body }), spokenBody]
	])('%s', (_, text, expected) => {
		expect(text).toBe(expected);
	});
});
