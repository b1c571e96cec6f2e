import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createMeeting } from './calling';
import { upcomingMeetings } from './upcoming';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

// Far from the demo's own meetings, which are dated from the real today.
const TODAY = '2031-03-12';
/** 23:30 in China on TODAY is still 15:30 UTC the same day; 00:30 in China is the day before in UTC. */
const lateEvening = new Date('2031-03-12T15:30:00Z');
const justAfterMidnight = new Date('2031-03-11T16:30:00Z');

function meeting(title: string, meetingDate: string, startsAt = '', villageId = demoVillageId(db)) {
	const r = createMeeting(db, demoActor(db, '13800000001'), villageId, {
		type: 'reps_meeting',
		title,
		meetingDate,
		startsAt
	});
	if (!r.ok) throw new Error(r.reason);
	return r.meeting.id;
}

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe('upcomingMeetings', () => {
	it.each([
		{ when: 'late in the evening in China', now: lateEvening },
		{ when: 'just after midnight in China (still yesterday in UTC)', now: justAfterMidnight }
	])('reads today as the China date $when', ({ now }) => {
		meeting('今天的会', TODAY, '09:00');
		meeting('昨天的会', '2031-03-11', '09:00');
		const r = upcomingMeetings(db, demoVillageId(db), now);
		expect(r.today).toBe(TODAY);
		expect(titles(r.todays)).toEqual(['今天的会']);
		expect(titles(r.later)).not.toContain('昨天的会');
	});

	it("puts today's meetings by start time, and the next six days beneath by date", () => {
		meeting('下午的会', TODAY, '14:00');
		meeting('上午的会', TODAY, '09:00');
		meeting('第六天的会', '2031-03-18', '09:00');
		meeting('明天的会', '2031-03-13', '15:00');
		meeting('第七天的会', '2031-03-19', '09:00');
		const r = upcomingMeetings(db, demoVillageId(db), lateEvening);
		expect(titles(r.todays)).toEqual(['上午的会', '下午的会']);
		expect(titles(r.later)).toEqual(['明天的会', '第六天的会']);
		expect(r.later.map((i) => i.meetingDate)).toEqual(['2031-03-13', '2031-03-18']);
	});

	it('lists nothing of another village', () => {
		meeting('本村的会', TODAY);
		expect(upcomingMeetings(db, 999_999, lateEvening)).toEqual({
			today: TODAY,
			todays: [],
			later: []
		});
	});
});
