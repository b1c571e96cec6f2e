// Sending a meeting's notice and opening it (docs/domain.md §5.2–§5.4): the notice freezes who is
// expected (应到) and posts the agenda to the public board; the meeting opens on the day its notice
// announced and no other, once the notice period the meeting's frozen rule asks has run.
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions';
import { postNotice } from '../notices/notices';
import { peopleCountingOn, type RoleKind } from '../roster/counts';
import { todayInChina } from '../calendar/dates';
import { CN_2018, mayOpen, type RosterKind, type RuleSet } from '../votes/rules';
import { byStaff, getMeeting, personOfVillage, type Meeting } from './records';
import { currentMeetingNotice, recordMeetingNotice } from './notice-records';
import type { Clash } from '../venues/clash';
import { meetingClash, venueForMeeting } from './venue';
import { queueMessage } from '../outbox/outbox';
import { meetingCalledWords, villagePath } from '../outbox/words';

export type NotifyMeetingResult =
	| { ok: true; meeting: Meeting; expected: number; voting: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_draft'
				| 'no_agenda'
				| 'roster_unavailable'
				| 'attendees_required'
				| 'bad_attendee'
				| 'empty_roster'
				| 'bad_reason'
				| 'no_temporary_notice'
				| 'venue_retired';
	  }
	| { ok: false; reason: 'too_late'; earliest: string }
	| { ok: false; reason: 'venue_clash'; clash: Clash };

/** The longest reason a temporary notice records: a sentence or two on the public notice. */
export const EMERGENCY_REASON_MAX = 200;

/**
 * The reason given for a temporary notice: null when none was given (a full notice), or the
 * refusal. Only a rule that allows one (组织法 2026 art. 25, villagers' meeting) takes it.
 */
export function temporaryNoticeReason(
	meeting: Meeting,
	reason: string | undefined
): string | null | 'bad_reason' | 'no_temporary_notice' {
	const text = (reason ?? '').trim();
	if (!text) return null;
	if (!meeting.rule.temporaryNotice) return 'no_temporary_notice';
	return [...text].length > EMERGENCY_REASON_MAX ? 'bad_reason' : text;
}

/**
 * Whether a notice given on `noticeDate` leaves the meeting its period before `meetingDate`. A
 * temporary notice asks only that the day is not already past.
 */
export function noticePeriodLeft(
	meeting: Meeting,
	noticeDate: string,
	meetingDate: string,
	temporary: boolean
): { ok: true } | { ok: false; earliest: string } {
	if (temporary)
		return meetingDate >= noticeDate ? { ok: true } : { ok: false, earliest: noticeDate };
	return mayOpen(meeting.type, noticeDate, meetingDate, ruleSetOf(meeting));
}

const ROLE_KIND: Partial<Record<RosterKind, RoleKind>> = {
	adult: 'adult',
	party_full: 'party_full',
	party_probationary: 'party_probationary',
	village_rep: 'village_rep',
	villagers_committee: 'villagers_committee',
	branch_committee: 'branch_committee',
	supervision_committee: 'supervision_committee',
	collective_member: 'collective_member'
};

type Roster = Map<number, { voting: boolean; kinds: RosterKind[] }>;

/**
 * Who the rule calls to the meeting on its date: person → voting?, kinds. A meeting of named
 * parties takes its list in `attendees`. A string is the refusal.
 */
function expectedRoster(
	db: Db,
	meeting: Meeting,
	attendees: number[] | undefined
): Roster | 'roster_unavailable' | 'attendees_required' | 'bad_attendee' | 'empty_roster' {
	const roster: Roster = new Map();
	const source = meeting.rule.roster;
	if (source.kind === 'named') {
		const list = attendees ?? [];
		if (list.length === 0) return 'attendees_required';
		for (const p of list) {
			if (!personOfVillage(db, meeting.villageId, p)) return 'bad_attendee';
			// A meeting of named parties records opinions and never votes.
			roster.set(p, { voting: meeting.rule.voters !== null, kinds: [] });
		}
	} else {
		const inScope =
			source.scope === 'group'
				? new Set(
						db
							.prepare(
								'select p.id from people p join households h on h.id = p.household_id where h.group_id = ?'
							)
							.pluck()
							.all(meeting.groupId) as number[]
					)
				: null;
		const add = (kind: RosterKind, voting: boolean) => {
			const roleKind = ROLE_KIND[kind];
			if (!roleKind) return false;
			for (const p of peopleCountingOn(db, meeting.villageId, meeting.meetingDate, roleKind)) {
				if (inScope && !inScope.has(p)) continue;
				const e = roster.get(p) ?? { voting: false, kinds: [] };
				e.voting ||= voting;
				e.kinds.push(kind);
				roster.set(p, e);
			}
			return true;
		};
		for (const k of source.voting) if (!add(k, true)) return 'roster_unavailable';
		for (const k of source.nonVoting) if (!add(k, false)) return 'roster_unavailable';
	}
	return roster.size === 0 ? 'empty_roster' : roster;
}

/**
 * Sends the notice: records notice_date (today) and freezes the expected roster (应到) as the
 * roster stood on the meeting date. A meeting of named parties takes its list in `attendees`.
 * The meeting date must leave the notice period the rule asks; else 'too_late' with the earliest.
 * Where the rule allows a temporary notice, an `emergencyReason` waives the period; it is recorded
 * and shown on the public notice.
 */
export function notifyMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { attendees?: number[]; now?: Date; emergencyReason?: string } = {}
): NotifyMeetingResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): NotifyMeetingResult => {
			const today = todayInChina(ctx.now);
			if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
			const items = db
				.prepare('select count(*) from agenda_items where meeting_id = ?')
				.pluck()
				.get(meetingId) as number;
			if (items === 0) return { ok: false, reason: 'no_agenda' };
			const reason = temporaryNoticeReason(meeting, options.emergencyReason);
			if (reason === 'bad_reason' || reason === 'no_temporary_notice') return { ok: false, reason };
			const may = noticePeriodLeft(meeting, today, meeting.meetingDate, reason !== null);
			if (!may.ok) return { ok: false, reason: 'too_late', earliest: may.earliest };
			// From the notice on, the meeting holds its venue: two uses of one hall never overlap.
			if (
				meeting.venueId !== null &&
				!venueForMeeting(db, villageId, meeting.venueId, meeting.meetingDate)
			)
				return { ok: false, reason: 'venue_retired' };
			const clash = meetingClash(db, meeting);
			if (clash) return { ok: false, reason: 'venue_clash', clash };
			const roster = expectedRoster(db, meeting, options.attendees);
			if (typeof roster === 'string') return { ok: false, reason: roster };
			const householdOf = db.prepare('select household_id from people where id = ?').pluck();
			const insert = db.prepare(
				'insert into meeting_roster (meeting_id, person_id, voting, kinds, household_id) values (?, ?, ?, ?, ?)'
			);
			const households = new Set<number>();
			let voting = 0;
			for (const [personId, e] of [...roster].sort((a, b) => a[0] - b[0])) {
				const household = householdOf.get(personId) as number;
				insert.run(meetingId, personId, e.voting ? 1 : 0, JSON.stringify(e.kinds), household);
				if (e.voting) {
					voting++;
					households.add(household);
				}
			}
			db.prepare(
				"update meetings set state = 'notified', notice_date = ?, households_total = ? where id = ?"
			).run(today, households.size, meetingId);
			const noticeId = postMeetingNotice(db, actor, meeting, ctx.now, null);
			recordMeetingNotice(db, {
				meetingId,
				noticeDate: today,
				meetingDate: meeting.meetingDate,
				startsAt: meeting.startsAt,
				emergencyReason: reason,
				noticeId,
				recordedBy: actor.userId,
				createdAt: ctx.now.toISOString()
			});
			const called = getMeeting(db, villageId, meetingId)!;
			// Everyone the notice calls is told, on the channel the roster keeps for them.
			queueMessage(ctx, villageId, {
				kind: 'meeting_called',
				subjectType: 'meeting',
				subjectId: meetingId,
				...meetingCalledWords(called),
				link: villagePath(db, villageId, 'meetings', meetingId),
				urgent: reason !== null,
				recipients: [...roster.keys()]
			});
			ctx.audit({
				action: 'meeting.notified',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { state: 'draft' },
				after: {
					state: 'notified',
					noticeDate: today,
					emergencyReason: reason,
					expected: roster.size,
					voting,
					roster: [...roster.keys()].sort((a, b) => a - b)
				}
			});
			return {
				ok: true,
				meeting: called,
				expected: roster.size,
				voting
			};
		}
	});
}

/**
 * The notice carries the agenda to the public board (docs/domain.md §5.2, §8.2); a re-notice
 * points back at the notice it replaces. Answers the board notice's id.
 */
export function postMeetingNotice(
	db: Db,
	actor: Actor,
	meeting: Meeting,
	now: Date,
	correctsId: number | null
): number {
	const agenda = db
		.prepare(
			'select position, title, materials from agenda_items where meeting_id = ? order by position'
		)
		.all(meeting.id) as { position: number; title: string; materials: string }[];
	const posted = postNotice(
		db,
		actor.userId,
		meeting.villageId,
		{
			kind: 'meeting',
			title: meeting.title,
			summary: [meeting.meetingDate, meeting.startsAt, meeting.place].filter(Boolean).join(' · '),
			body: agenda
				.map((a) => `${a.position}. ${a.title}${a.materials ? `\n${a.materials}` : ''}`)
				.join('\n\n'),
			meetingId: meeting.id,
			correctsId
		},
		{ now }
	);
	if (!posted.ok) throw new Error(`meeting notice refused: ${posted.reason}`);
	return posted.notice.id;
}

/** The frozen rule of the meeting, as the one-type rule set `mayOpen` reads. */
function ruleSetOf(meeting: Meeting): RuleSet {
	return {
		...CN_2018,
		id: meeting.ruleSetId,
		meetings: { ...CN_2018.meetings, [meeting.type]: meeting.rule }
	};
}

export type OpenMeetingResult =
	| { ok: true; meeting: Meeting }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_notified' }
	| { ok: false; reason: 'too_early'; earliest: string }
	| { ok: false; reason: 'not_meeting_day'; meetingDate: string };

/**
 * Opens the meeting today. Refused before the notice period has run (except an urgent meeting or
 * a temporary notice), and on any day but the one the notice announced: people came, or stayed
 * away, on the strength of that date, so another day needs a new notice (reNoticeMeeting).
 */
export function openMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { now?: Date } = {}
): OpenMeetingResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): OpenMeetingResult => {
			const today = todayInChina(ctx.now);
			if (meeting.state !== 'notified') return { ok: false, reason: 'not_notified' };
			const temporary = !!currentMeetingNotice(db, meetingId)?.emergencyReason;
			const may = noticePeriodLeft(meeting, meeting.noticeDate!, today, temporary);
			if (!may.ok) return { ok: false, reason: 'too_early', earliest: may.earliest };
			if (today !== meeting.meetingDate)
				return { ok: false, reason: 'not_meeting_day', meetingDate: meeting.meetingDate };
			db.prepare("update meetings set state = 'open', opened_at = ? where id = ?").run(
				ctx.now.toISOString(),
				meetingId
			);
			ctx.audit({
				action: 'meeting.opened',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { state: 'notified' },
				after: { state: 'open', openedOn: today }
			});
			return { ok: true, meeting: getMeeting(db, villageId, meetingId)! };
		}
	});
}
