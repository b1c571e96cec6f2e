import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { CalendarItem } from './calendar';
import { escapeText, foldLine, icalendar, uidOf } from './ical';
import { etagOf, matchesEtag } from '../http/etag';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeText', () => {
	it.each([
		['plain', '广场舞培训', '广场舞培训'],
		['comma and semicolon', '讲座, 问答; 合影', '讲座\\, 问答\\; 合影'],
		['backslash first', 'a\\b,c', 'a\\\\b\\,c'],
		['line breaks of every kind', '一\n二\r\n三\r四', '一\\n二\\n三\\n四'],
		['Chinese punctuation untouched', '讲座，问答；合影', '讲座，问答；合影']
	])('%s', (_, input, expected) => {
		expect(escapeText(input)).toBe(expected);
	});
});

describe('foldLine', () => {
	it.each([
		['short ASCII', 'SUMMARY:film', 1],
		['exactly 75 octets', `X:${'a'.repeat(73)}`, 1],
		['76 octets', `X:${'a'.repeat(74)}`, 2],
		['Chinese, 3 octets a character', `SUMMARY:${'露天电影放映'.repeat(12)}`, 4],
		['mixed with 4-octet emoji', `DESCRIPTION:${'读书会📚'.repeat(20)}`, 4]
	])('%s', (_, line, lines) => {
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts).toHaveLength(lines);
		for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
		parts.slice(1).forEach((p) => expect(p.startsWith(' ')).toBe(true));
		// Unfolding (RFC 5545 §3.1: drop CRLF and one space) gives the line back whole: no
		// character was cut in two.
		expect(folded.replace(/\r\n /g, '')).toBe(line);
		expect(folded).not.toContain('\uFFFD');
	});
});

const item = (over: Partial<CalendarItem>): CalendarItem => ({
	source: 'event',
	id: 7,
	title: '露天电影',
	startsAt: '2026-12-10T19:00',
	endsAt: '2026-12-10T21:00',
	allDay: false,
	place: '湖畔戏台',
	outdoor: true,
	eventKind: 'film',
	meetingType: null,
	description: '',
	organiser: '',
	cancelled: false,
	attendance: null,
	changedAt: '2026-12-01T02:03:04.000Z',
	...over
});

const feedOf = (items: CalendarItem[]) =>
	icalendar({
		villageSlug: 'xinyang',
		name: '新阳村活动日历',
		description: '新阳村议事厅的公开活动',
		entries: items.map((i) => ({
			item: i,
			summary: i.title,
			location: i.place,
			description: `电影放映\n${'县电影公司送电影下乡，请自带板凳，注意防寒保暖。'.repeat(3)}`,
			url: `https://example.org/xinyang/calendar?month=${i.startsAt.slice(0, 7)}`
		}))
	});

describe('icalendar', () => {
	const text = feedOf([
		item({}),
		item({
			id: 8,
			title: '法治讲座：防诈骗, 问答; 合影',
			cancelled: true,
			outdoor: false,
			place: '湖边议事厅'
		}),
		item({
			source: 'meeting',
			id: 3,
			title: '村民代表会议',
			allDay: true,
			startsAt: '2026-12-12T00:00',
			endsAt: '2026-12-12T23:59',
			eventKind: null,
			meetingType: 'reps_meeting'
		})
	]);

	it('ends every line with CRLF, none over 75 octets, and starts and ends the calendar', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
		expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
		expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
	});

	it('parses with ical.js, with the zone, times, escaped text and status as written', () => {
		const cal = new ICAL.Component(ICAL.parse(text));
		expect(cal.getFirstPropertyValue('version')).toBe('2.0');
		expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
		expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('新阳村活动日历');
		const zone = cal.getFirstSubcomponent('vtimezone')!;
		expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
		expect(
			zone.getFirstSubcomponent('standard')!.getFirstPropertyValue('tzoffsetto')!.toString()
		).toBe('+08:00');
		ICAL.TimezoneService.register(zone);
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.uid)).toEqual([
			'hall-event-7.xinyang@yishiting',
			'hall-event-8.xinyang@yishiting',
			'meeting-3.xinyang@yishiting'
		]);
		const [film, lecture, meeting] = events;
		expect(film.summary).toBe('露天电影');
		expect(film.location).toBe('湖畔戏台');
		expect(film.description.startsWith('电影放映\n县电影公司')).toBe(true);
		// 19:00 in China is 11:00 UTC.
		expect(film.startDate.toJSDate().toISOString()).toBe('2026-12-10T11:00:00.000Z');
		expect(film.endDate.toJSDate().toISOString()).toBe('2026-12-10T13:00:00.000Z');
		expect(film.component.getFirstPropertyValue('dtstamp')!.toString()).toBe(
			'2026-12-01T02:03:04Z'
		);
		expect(film.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(film.component.getFirstPropertyValue('url')).toBe(
			'https://example.org/xinyang/calendar?month=2026-12'
		);
		expect(lecture.summary).toBe('法治讲座：防诈骗, 问答; 合影');
		expect(lecture.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(meeting.startDate.isDate).toBe(true);
		expect(meeting.startDate.toString()).toBe('2026-12-12');
		expect(meeting.endDate.toString()).toBe('2026-12-13');
	});

	it('gives the same text for the same entries, so the ETag holds between polls', () => {
		expect(feedOf([item({})])).toBe(feedOf([item({})]));
		expect(etagOf(feedOf([item({})]))).not.toBe(etagOf(feedOf([item({ title: '改了' })])));
	});
});

describe('uidOf', () => {
	it.each([
		['event', 12, 'hall-event-12.xinyang@yishiting'],
		['meeting', 12, 'meeting-12.xinyang@yishiting']
	] as const)('%s %i', (source, id, uid) => {
		expect(uidOf('xinyang', { source, id })).toBe(uid);
	});
});

describe('matchesEtag', () => {
	it.each([
		[null, false],
		['"abc"', true],
		['W/"abc"', true],
		['"x", "abc"', true],
		['*', true],
		['"abd"', false]
	])('%s', (header, expected) => {
		expect(matchesEtag(header, '"abc"')).toBe(expected);
	});
});
