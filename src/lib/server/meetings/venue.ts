// Where a meeting is held: the venue it picked from the village's list, the clash rule it keeps
// with every other use of that venue (venues/clash.ts), and the warning when the frozen roster
// expects more people than the venue holds.
import type { Db } from '../db';
import { findClash, meetingSpan, type Clash } from '../venues/clash';
import { findVenue, type Venue } from '../venues/records';
import type { Meeting } from './records';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An end time as a form sends it: '' (none) or 'HH:MM' after the start. */
export function endTimeOk(startsAt: string, endsAt: string): boolean {
	if (endsAt === '') return true;
	return TIME.test(endsAt) && (startsAt === '' || endsAt > startsAt);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The end time of a moved meeting. The form shows the old end filled in, so an end left as it was
 * moves with the start: a meeting of 09:00–11:30 moved to 14:30 keeps its length and ends at 17:00
 * (at the latest 23:59). An end the clerk changed is taken as given.
 */
export function movedEnd(
	before: Pick<Meeting, 'startsAt' | 'endsAt'>,
	startsAt: string,
	given: string | undefined
): string {
	if (given !== undefined && given !== before.endsAt) return given;
	if (before.endsAt === '') return '';
	if (before.startsAt !== '' && startsAt !== '' && startsAt !== before.startsAt)
		return timeOf(
			Math.min(
				minutesOf(before.endsAt) + minutesOf(startsAt) - minutesOf(before.startsAt),
				24 * 60 - 1
			)
		);
	return endTimeOk(startsAt, before.endsAt) ? before.endsAt : '';
}

/** The venue a meeting on `date` may pick: one of the village's, not retired by then. */
export function venueForMeeting(
	db: Db,
	villageId: number,
	venueId: number,
	date: string
): Venue | null {
	const venue = findVenue(db, villageId, venueId);
	if (!venue || (venue.retiredOn !== null && venue.retiredOn <= date)) return null;
	return venue;
}

/** The other use of the meeting's venue its time would overlap, or null (no venue: no clash). */
export function meetingClash(
	db: Db,
	meeting: Pick<Meeting, 'id' | 'villageId' | 'venueId' | 'meetingDate' | 'startsAt' | 'endsAt'>
): Clash | null {
	if (meeting.venueId === null) return null;
	return findClash(db, meeting.villageId, meeting.venueId, meetingSpan(meeting), {
		meetingId: meeting.id
	});
}

export interface CapacityWarning {
	expected: number;
	capacity: number;
	venueName: string;
}

/**
 * More people expected (应到, as frozen by the notice) than the venue holds: a warning, not a
 * refusal, since not everyone comes and some meetings spill onto the square.
 */
export function capacityWarning(db: Db, meeting: Meeting): CapacityWarning | null {
	if (meeting.venueId === null || meeting.state === 'draft') return null;
	const venue = findVenue(db, meeting.villageId, meeting.venueId);
	if (!venue) return null;
	const expected = db
		.prepare('select count(*) from meeting_roster where meeting_id = ?')
		.pluck()
		.get(meeting.id) as number;
	return expected > venue.capacity
		? { expected, capacity: venue.capacity, venueName: venue.name }
		: null;
}
