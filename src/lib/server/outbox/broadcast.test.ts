import { describe, expect, it } from 'vitest';
import { broadcastScript, spokenClock, spokenDateTime, spokenNumber } from './broadcast';

describe('numbers, times and dates said aloud', () => {
	it.each([
		[0, '零'],
		[7, '七'],
		[10, '十'],
		[12, '十二'],
		[20, '二十'],
		[31, '三十一']
	])('%i → %s', (n, said) => expect(spokenNumber(n)).toBe(said));

	it.each([
		['09:00', '上午九点'],
		['08:30', '上午八点半'],
		['12:00', '中午十二点'],
		['14:00', '下午两点'],
		['14:15', '下午两点十五分'],
		['19:05', '晚上七点零五分'],
		['05:40', '凌晨五点四十分']
	])('%s → %s', (time, said) => expect(spokenClock(time)).toBe(said));

	it.each([
		['2026-12-20', '09:00', '二〇二六年十二月二十日，星期日，上午九点'],
		['2027-01-05', '14:30', '二〇二七年一月五日，星期二，下午两点半'],
		['2026-12-21', '', '二〇二六年十二月二十一日，星期一']
	])('%s %s → %s', (date, time, said) => expect(spokenDateTime(date, time)).toBe(said));
});

describe('broadcastScript', () => {
	const meeting = {
		kind: 'meeting' as const,
		moved: false,
		title: '村民代表会议',
		date: '2026-12-20',
		time: '09:00',
		place: '村委会二楼会议室'
	};

	it('says a meeting’s title, spoken time and place, twice, between an opening and a close', () => {
		const script = broadcastScript({ villageName: '新阳村', urgent: false, subject: meeting });
		const said =
			'新阳村定于二〇二六年十二月二十日，星期日，上午九点，在村委会二楼会议室召开村民代表会议，请准时参加。';
		expect(script).toEqual([
			'各位村民请注意，各位村民请注意！',
			said,
			'再播送一遍。',
			said,
			'播送完毕，谢谢大家。'
		]);
		expect(script.join('')).not.toMatch(/\d/);
	});

	it.each([
		[
			{ ...meeting, place: '' },
			'新阳村定于二〇二六年十二月二十日，星期日，上午九点召开村民代表会议，请准时参加。'
		],
		[
			{ ...meeting, moved: true },
			'村民代表会议改期了：改在二〇二六年十二月二十日，星期日，上午九点，在村委会二楼会议室召开。请大家相互转告，准时参加。'
		],
		[
			{
				kind: 'message' as const,
				title: '停水通知',
				body: '12月3日8:00至17:00停水，请提前储水。详见 https://example.org/n/1'
			},
			'停水通知。12月3日8点至17点停水，请提前储水。详见'
		]
	])('words each kind of message (%#)', (subject, said) => {
		const script = broadcastScript({ villageName: '新阳村', urgent: false, subject });
		expect(script[1]).toBe(said);
		expect(script[3]).toBe(said);
	});

	it('opens an urgent message as urgent, in Mandarin whatever the page’s language', () => {
		const script = broadcastScript({
			villageName: '新阳村',
			urgent: true,
			subject: { kind: 'message', title: '防汛紧急通知', body: '请低洼地带村民立即转移。' }
		});
		expect(script[0]).toBe('各位村民请注意，现在播送一则紧急通知！');
	});
});
