// Written entrustment (书面委托) at a collective members' meeting (集体经济组织法 第二十七条): a member
// who cannot come names a fellow member of their household to attend and vote for them. The clerk
// records the signed paper per meeting; the presence count (records.ts `representedPresent`) reads it.
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions';
import { isAdultOn, isValidDate, todayInChina } from '../calendar/dates';
import { byStaff, getMeeting } from './records';

export const ENTRUSTMENT_NOTE_MAX = 200;

export type EntrustmentRefusal =
	| 'forbidden'
	| 'not_found'
	| 'wrong_meeting'
	| 'not_live'
	| 'bad_date'
	| 'bad_note'
	| 'principal_not_member'
	| 'proxy_unknown'
	| 'same_person'
	| 'other_household'
	| 'proxy_deceased'
	| 'proxy_minor'
	| 'proxy_not_member'
	| 'already_entrusted'
	| 'principal_is_proxy'
	| 'proxy_is_principal'
	| 'second_proxy';

export type RecordEntrustmentResult =
	{ ok: true; entrustmentId: number } | { ok: false; reason: EntrustmentRefusal };

export interface EntrustmentInput {
	principalId: number;
	proxyId: number;
	/** The date on the signed paper. */
	entrustedOn: string;
	note?: string;
}

interface PersonFacts {
	householdId: number;
	birthDate: string;
	status: string;
	statusDate: string | null;
}

const personFacts = (db: Db, villageId: number, personId: number) =>
	db
		.prepare(
			`select household_id as householdId, birth_date as birthDate, status, status_date as statusDate
			 from people where id = ? and village_id = ?`
		)
		.get(personId, villageId) as PersonFacts | undefined;

const isVotingMember = (db: Db, meetingId: number, personId: number) =>
	!!db
		.prepare('select 1 from meeting_roster where meeting_id = ? and person_id = ? and voting = 1')
		.get(meetingId, personId);

/**
 * Why this proxy may not act for this principal at this meeting, or null. "Full civil capacity"
 * (完全民事行为能力) is what the roster can show: 18 or over on the meeting date and alive then.
 * A court's declaration of incapacity (民法典 第二十四条) is not on the roster; the clerk checks it
 * on the paper, as they check the signature.
 */
function proxyRefusal(
	db: Db,
	meeting: { id: number; villageId: number; meetingDate: string },
	input: EntrustmentInput
): EntrustmentRefusal | null {
	if (!isVotingMember(db, meeting.id, input.principalId)) return 'principal_not_member';
	const principal = personFacts(db, meeting.villageId, input.principalId)!;
	const proxy = personFacts(db, meeting.villageId, input.proxyId);
	if (!proxy) return 'proxy_unknown';
	if (input.proxyId === input.principalId) return 'same_person';
	if (proxy.householdId !== principal.householdId) return 'other_household';
	if (
		proxy.status === 'deceased' &&
		(proxy.statusDate === null || proxy.statusDate <= meeting.meetingDate)
	)
		return 'proxy_deceased';
	if (!isAdultOn(proxy.birthDate, meeting.meetingDate)) return 'proxy_minor';
	if (!isVotingMember(db, meeting.id, input.proxyId)) return 'proxy_not_member';
	const one = (sql: string, ...args: number[]) => !!db.prepare(sql).get(meeting.id, ...args);
	const q = 'select 1 from meeting_entrustments where meeting_id = ? and';
	if (one(`${q} principal_id = ?`, input.principalId)) return 'already_entrusted';
	if (one(`${q} proxy_id = ?`, input.principalId)) return 'principal_is_proxy';
	if (one(`${q} principal_id = ?`, input.proxyId)) return 'proxy_is_principal';
	if (one(`${q} household_id = ? and proxy_id <> ?`, principal.householdId, input.proxyId))
		return 'second_proxy';
	return null;
}

/** The clerk records a signed written entrustment for one collective members' meeting. */
export function recordEntrustment(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: EntrustmentInput,
	options: { now?: Date } = {}
): RecordEntrustmentResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): RecordEntrustmentResult => {
			if (meeting.type !== 'collective_members') return { ok: false, reason: 'wrong_meeting' };
			if (meeting.state !== 'notified' && meeting.state !== 'open')
				return { ok: false, reason: 'not_live' };
			// Signed before it is shown: not after today, and not after the meeting it is for.
			const on = input.entrustedOn;
			if (!isValidDate(on) || on > todayInChina(ctx.now) || on > meeting.meetingDate)
				return { ok: false, reason: 'bad_date' };
			const note = (input.note ?? '').trim();
			if (note.length > ENTRUSTMENT_NOTE_MAX) return { ok: false, reason: 'bad_note' };
			const refusal = proxyRefusal(db, meeting, input);
			if (refusal) return { ok: false, reason: refusal };
			const householdId = personFacts(db, villageId, input.principalId)!.householdId;
			const { lastInsertRowid } = db
				.prepare(
					`insert into meeting_entrustments
					   (meeting_id, principal_id, proxy_id, household_id, entrusted_on, note, recorded_by, created_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					meetingId,
					input.principalId,
					input.proxyId,
					householdId,
					on,
					note,
					actor.userId,
					ctx.now.toISOString()
				);
			ctx.audit({
				action: 'meeting.entrustment_recorded',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { principalId: input.principalId, proxyId: input.proxyId, entrustedOn: on, note }
			});
			return { ok: true, entrustmentId: Number(lastInsertRowid) };
		}
	});
}

export interface Entrustment {
	meetingId: number;
	principalId: number;
	principalName: string;
	proxyId: number;
	proxyName: string;
	householdKey: string;
	entrustedOn: string;
	note: string;
}

const ENTRUSTMENT_COLUMNS = `e.meeting_id as meetingId, e.principal_id as principalId,
	pp.name as principalName, e.proxy_id as proxyId, px.name as proxyName,
	h.household_key as householdKey, e.entrusted_on as entrustedOn, e.note
	from meeting_entrustments e join people pp on pp.id = e.principal_id
	join people px on px.id = e.proxy_id join households h on h.id = e.household_id`;

/** The entrustments of one meeting, by household. */
export function listEntrustments(db: Db, meetingId: number): Entrustment[] {
	return db
		.prepare(
			`select ${ENTRUSTMENT_COLUMNS} where e.meeting_id = ? order by h.household_key, pp.name`
		)
		.all(meetingId) as Entrustment[];
}

export interface MeetingEntrustments {
	meetingId: number;
	title: string;
	meetingDate: string;
	entrustments: Entrustment[];
}

/** The entrustments of the village's collective meetings not yet closed, for the register. */
export function entrustmentsOfLiveMeetings(db: Db, villageId: number): MeetingEntrustments[] {
	const meetings = db
		.prepare(
			`select id as meetingId, title, meeting_date as meetingDate from meetings
			 where village_id = ? and type = 'collective_members' and state in ('notified', 'open')
			 order by meeting_date, id`
		)
		.all(villageId) as Omit<MeetingEntrustments, 'entrustments'>[];
	return meetings.map((m) => ({ ...m, entrustments: listEntrustments(db, m.meetingId) }));
}

/** The meeting's voting members with their household, for the clerk's entrustment form. */
export function entrustablePeople(
	db: Db,
	meetingId: number
): { personId: number; name: string; householdKey: string }[] {
	return db
		.prepare(
			`select r.person_id as personId, p.name, h.household_key as householdKey
			 from meeting_roster r join people p on p.id = r.person_id
			 join households h on h.id = p.household_id
			 where r.meeting_id = ? and r.voting = 1 order by h.household_key, p.name, p.id`
		)
		.all(meetingId) as { personId: number; name: string; householdKey: string }[];
}
