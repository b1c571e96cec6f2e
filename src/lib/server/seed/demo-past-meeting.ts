// Holding a demo meeting in the past through the meeting commands (notice, opening, sign-in, a
// show of hands per motion, closing), shared by the closed assembly's and the 4+2 matters' seeds.
import type { Db } from '../db';
import { addAgendaItem, addGuest, createMeeting } from '../meetings/calling';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { recordHands } from '../votes/ballots';
import { signIn } from '../meetings/attendance';
import type { MeetingType } from '../votes/rules';
import { type Actor } from '../permissions';

const TOWNSHIP = { name: '孙明', position: '长青乡党委委员' };

/** hh:mm on a day, China time. */
export const at = (date: string, hhmm = '09:00') => new Date(`${date}T${hhmm}:00+08:00`);

export function must<T extends { ok: boolean }>(r: T, what: string): T & { ok: true } {
	if (!r.ok) throw new Error(`demo procedure, ${what}: ${JSON.stringify(r)}`);
	return r as T & { ok: true };
}

export interface PastMotion {
	text: string;
	topicId: number | null;
	agendaTitle: string;
	materials?: string;
	/** Show of hands: everyone signed in votes yes but `no` and `abstain`. */
	no?: number;
	abstain?: number;
	/** Everyone votes no. */
	fails?: boolean;
}

/**
 * Holds a meeting through the meeting commands, at past dates: notified on `noticeDate`, opened
 * on `meetingDate` with every voting member signed in, each motion by a show of hands, closed.
 * Returns the meeting and its motions' ids, in order.
 */
export function holdPastMeeting(
	db: Db,
	clerk: Actor,
	villageId: number,
	input: {
		type: MeetingType;
		title: string;
		noticeDate: string;
		meetingDate: string;
		place?: string;
		chairPersonId?: number | null;
		/** The group of a group meeting. */
		groupId?: number;
		township?: boolean;
		motions: PastMotion[];
	}
): { meetingId: number; motionIds: number[] } {
	const day = input.meetingDate;
	const meetingId = must(
		createMeeting(
			db,
			clerk,
			villageId,
			{
				type: input.type,
				title: input.title,
				place: input.place ?? '村委会议事厅',
				meetingDate: day,
				startsAt: '09:00',
				chairPersonId: input.chairPersonId ?? null,
				recorderPersonId: clerk.personId,
				groupId: input.groupId
			},
			{ now: at(input.noticeDate) }
		),
		`create ${input.title}`
	).meeting.id;
	const items = input.motions.map(
		(mo) =>
			must(
				addAgendaItem(
					db,
					clerk,
					villageId,
					meetingId,
					{ title: mo.agendaTitle, topicId: mo.topicId, materials: mo.materials ?? '' },
					{ now: at(input.noticeDate) }
				),
				`agenda ${mo.agendaTitle}`
			).agendaItemId
	);
	must(notifyMeeting(db, clerk, villageId, meetingId, { now: at(input.noticeDate) }), 'notify');
	must(openMeeting(db, clerk, villageId, meetingId, { now: at(day) }), 'open');
	if (input.township)
		must(
			addGuest(
				db,
				clerk,
				villageId,
				meetingId,
				{ kind: 'township', ...TOWNSHIP },
				{ now: at(day) }
			),
			'township guest'
		);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(meetingId) as number[];
	for (const p of voters)
		must(signIn(db, clerk, villageId, meetingId, p, { now: at(day, '09:05') }), 'sign in');
	const motionIds = input.motions.map((mo, i) => {
		const id = must(
			createMotion(
				db,
				clerk,
				villageId,
				items[i],
				{ text: mo.text, method: 'hands' },
				{ now: at(day, '09:30') }
			),
			`motion ${mo.text}`
		).motion.id;
		must(openMotion(db, clerk, villageId, id, { now: at(day, '09:40') }), 'motion open');
		const tally = mo.fails
			? { yes: 0, no: voters.length, abstain: 0 }
			: { no: mo.no ?? 0, abstain: mo.abstain ?? 0, othersYes: true as const };
		must(recordHands(db, clerk, villageId, id, tally, { now: at(day, '09:45') }), 'hands');
		must(
			closeMotion(db, clerk, villageId, id, { confirmed: true, now: at(day, '09:50') }),
			'motion close'
		);
		return id;
	});
	must(
		closeMeeting(db, clerk, villageId, meetingId, { confirmed: true, now: at(day, '11:00') }),
		'close'
	);
	return { meetingId, motionIds };
}
