// The meetings a clerk works on soon, for the staff dashboard: today's first, then the coming days
// of the week. "Today" is the calendar day in China (calendar/dates.ts), whatever the server's zone.
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import type { MeetingListItem } from './view';

/** How many days after today count as "later this week": a rolling week, so Sunday is no gap. */
export const WEEK_AHEAD_DAYS = 6;

export interface UpcomingMeetings {
	today: string;
	/** Today's meetings in order of their start time, drafts and closed ones included. */
	todays: MeetingListItem[];
	/** The meetings of the next WEEK_AHEAD_DAYS days, by date and start time. */
	later: MeetingListItem[];
}

/** Today's meetings and those of the coming week, of one village. */
export function upcomingMeetings(db: Db, villageId: number, now = new Date()): UpcomingMeetings {
	const today = todayInChina(now);
	const rows = db
		.prepare(
			`select id, type, title, meeting_date, starts_at, place, state from meetings
			 where village_id = ? and meeting_date between ? and ?
			 order by meeting_date, starts_at, id`
		)
		.all(villageId, today, addDays(today, WEEK_AHEAD_DAYS)) as {
		id: number;
		type: MeetingListItem['type'];
		title: string;
		meeting_date: string;
		starts_at: string;
		place: string;
		state: MeetingListItem['state'];
	}[];
	const items: MeetingListItem[] = rows.map((r) => ({
		id: r.id,
		type: r.type,
		title: r.title,
		meetingDate: r.meeting_date,
		startsAt: r.starts_at,
		place: r.place,
		state: r.state
	}));
	return {
		today,
		todays: items.filter((i) => i.meetingDate === today),
		later: items.filter((i) => i.meetingDate !== today)
	};
}
