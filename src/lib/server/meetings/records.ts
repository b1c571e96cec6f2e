// The record of a meeting as every verb and page reads it: the meeting row with its frozen rule,
// its motions, the frozen roster and the counts the rule formulas take. A motion's row belongs to
// the meeting's record (the console, hall and minutes read it); the verbs that change motions and
// ballots live in votes/.
import type { Db } from '../db';
import type { CommandContext } from '../command';
import { isStaffOf } from '../permissions/village';
import type {
	MeetingCounts,
	MeetingRule,
	MeetingType,
	PassResult,
	QuorumResult,
	RosterKind,
	Tally
} from '../votes/rules';

export const CHOICES = ['yes', 'no', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const METHODS = ['hands', 'roll_call', 'named', 'secret'] as const;
export type Method = (typeof METHODS)[number];
export type MeetingState = 'draft' | 'notified' | 'open' | 'closed';
export type MotionState = 'draft' | 'open' | 'closed';
export type MotionResult = 'passed' | 'failed' | 'no_quorum';

export interface Meeting {
	id: number;
	villageId: number;
	type: MeetingType;
	title: string;
	place: string;
	/** The venue it is held in; null for a meeting called before venues were listed. */
	venueId: number | null;
	meetingDate: string;
	startsAt: string;
	/** 'HH:MM' or '' (the clash rule then takes venues/clash.ts's default length). */
	endsAt: string;
	groupId: number | null;
	chairPersonId: number | null;
	recorderPersonId: number | null;
	state: MeetingState;
	noticeDate: string | null;
	ruleSetId: string;
	rule: MeetingRule;
	householdsTotal: number | null;
	auditHeadId: number | null;
	auditHeadHash: string | null;
	minutes: string;
}

export interface Motion {
	id: number;
	meetingId: number;
	agendaItemId: number;
	text: string;
	method: Method;
	state: MotionState;
	quorumAtOpen: QuorumResult | null;
	quorumAtClose: QuorumResult | null;
	passEvaluation: PassResult | null;
	result: MotionResult | null;
	tally: Tally | null;
	counterName: string | null;
	scrutineerName: string | null;
}

interface MeetingRow {
	id: number;
	village_id: number;
	type: MeetingType;
	title: string;
	place: string;
	venue_id: number | null;
	meeting_date: string;
	starts_at: string;
	ends_at: string;
	group_id: number | null;
	chair_person_id: number | null;
	recorder_person_id: number | null;
	state: MeetingState;
	notice_date: string | null;
	rule_set_id: string;
	rule_json: string;
	households_total: number | null;
	audit_head_id: number | null;
	audit_head_hash: string | null;
	minutes: string;
}

interface MotionRow {
	id: number;
	meeting_id: number;
	agenda_item_id: number;
	text: string;
	method: Method;
	state: MotionState;
	quorum_at_open: string | null;
	quorum_at_close: string | null;
	pass_evaluation: string | null;
	result: MotionResult | null;
	yes: number | null;
	no: number | null;
	abstain: number | null;
	counter_name: string | null;
	scrutineer_name: string | null;
}

function toMeeting(r: MeetingRow): Meeting {
	return {
		id: r.id,
		villageId: r.village_id,
		type: r.type,
		title: r.title,
		place: r.place,
		venueId: r.venue_id,
		meetingDate: r.meeting_date,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		groupId: r.group_id,
		chairPersonId: r.chair_person_id,
		recorderPersonId: r.recorder_person_id,
		state: r.state,
		noticeDate: r.notice_date,
		ruleSetId: r.rule_set_id,
		rule: JSON.parse(r.rule_json) as MeetingRule,
		householdsTotal: r.households_total,
		auditHeadId: r.audit_head_id,
		auditHeadHash: r.audit_head_hash,
		minutes: r.minutes
	};
}

const parseJson = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

function toMotion(r: MotionRow): Motion {
	return {
		id: r.id,
		meetingId: r.meeting_id,
		agendaItemId: r.agenda_item_id,
		text: r.text,
		method: r.method,
		state: r.state,
		quorumAtOpen: parseJson<QuorumResult>(r.quorum_at_open),
		quorumAtClose: parseJson<QuorumResult>(r.quorum_at_close),
		passEvaluation: parseJson<PassResult>(r.pass_evaluation),
		result: r.result,
		tally:
			r.yes === null || r.no === null || r.abstain === null
				? null
				: { yes: r.yes, no: r.no, abstain: r.abstain },
		counterName: r.counter_name,
		scrutineerName: r.scrutineer_name
	};
}

/** The meeting, only when it belongs to this village: another village's id reads as missing. */
export function getMeeting(db: Db, villageId: number, meetingId: number): Meeting | null {
	const r = db
		.prepare('select * from meetings where id = ? and village_id = ?')
		.get(meetingId, villageId) as MeetingRow | undefined;
	return r ? toMeeting(r) : null;
}

/** The motion, only when it belongs to a meeting of this village. */
export function getMotion(db: Db, villageId: number, motionId: number): Motion | null {
	const r = db
		.prepare(
			'select mo.* from motions mo join meetings m on m.id = mo.meeting_id where mo.id = ? and m.village_id = ?'
		)
		.get(motionId, villageId) as MotionRow | undefined;
	return r ? toMotion(r) : null;
}

/** A meeting's motions in the order they were put, in one query. */
export function motionsOfMeeting(db: Db, meetingId: number): Motion[] {
	const rows = db
		.prepare('select * from motions where meeting_id = ? order by id')
		.all(meetingId) as MotionRow[];
	return rows.map(toMotion);
}

export interface RosterEntry {
	personId: number;
	name: string;
	voting: boolean;
	kinds: RosterKind[];
	signedInAt: string | null;
	leftAt: string | null;
}

export function listRoster(db: Db, meetingId: number): RosterEntry[] {
	const rows = db
		.prepare(
			`select r.person_id, p.name, r.voting, r.kinds, r.signed_in_at, r.left_at
			 from meeting_roster r join people p on p.id = r.person_id where r.meeting_id = ? order by r.person_id`
		)
		.all(meetingId) as {
		person_id: number;
		name: string;
		voting: number;
		kinds: string;
		signed_in_at: string | null;
		left_at: string | null;
	}[];
	return rows.map((r) => ({
		personId: r.person_id,
		name: r.name,
		voting: r.voting === 1,
		kinds: JSON.parse(r.kinds) as RosterKind[],
		signedInAt: r.signed_in_at,
		leftAt: r.left_at
	}));
}

/** The people recorded present at the motion's vote; null while it has not been taken. */
export function presenceAtVote(db: Db, motionId: number): Set<number> | null {
	const fixed = db
		.prepare('select presence_fixed_at from motions where id = ?')
		.pluck()
		.get(motionId);
	if (fixed === null || fixed === undefined) return null;
	return new Set(
		db
			.prepare('select person_id from motion_presence where motion_id = ?')
			.pluck()
			.all(motionId) as number[]
	);
}

/**
 * presenceAtVote for every motion of a meeting in one query: the motions whose vote was taken,
 * each with its present people in id order; a motion not yet taken is absent.
 */
export function presenceOfMeeting(db: Db, meetingId: number): Map<number, number[]> {
	const rows = db
		.prepare(
			`select m.id, pr.person_id from motions m left join motion_presence pr on pr.motion_id = m.id
			 where m.meeting_id = ? and m.presence_fixed_at is not null order by m.id, pr.person_id`
		)
		.raw()
		.all(meetingId) as [number, number | null][];
	const presence = new Map<number, number[]>();
	for (const [motionId, personId] of rows) {
		const people = presence.get(motionId) ?? [];
		if (personId !== null) people.push(personId);
		presence.set(motionId, people);
	}
	return presence;
}

export interface Recusal {
	motionId: number;
	personId: number;
	name: string;
	reason: string;
	relativeName: string | null;
	declaredBy: 'self' | 'staff';
}

/** The recusals of a meeting's motions, in motion and then roster order. */
export function recusalsOfMeeting(db: Db, meetingId: number): Recusal[] {
	return db
		.prepare(
			`select r.motion_id as motionId, r.person_id as personId, p.name, r.reason,
			   q.name as relativeName, r.declared_by as declaredBy
			 from motion_recusals r join motions mo on mo.id = r.motion_id
			 join people p on p.id = r.person_id left join people q on q.id = r.relative_id
			 where mo.meeting_id = ? order by r.motion_id, r.person_id`
		)
		.all(meetingId) as Recusal[];
}

/** A command's `may`: staff of the command's village. */
export const byStaff = ({ db, actor, villageId }: CommandContext): boolean =>
	actor !== null && villageId !== null && isStaffOf(db, actor, villageId);

export function personOfVillage(db: Db, villageId: number, personId: number): boolean {
	return !!db
		.prepare('select 1 from people where id = ? and village_id = ?')
		.get(personId, villageId);
}

// ---------- counts ----------

/** A voting member of the frozen roster, as the counts read them. */
export interface VotingRosterRow {
	person_id: number;
	kinds: string;
	household_id: number | null;
	here: number;
	voted: number;
}

/**
 * The principals who count as present through their proxy: the proxy is signed in and has not
 * left. A principal who also came in person is present once, as the caller counts people in a set.
 */
export function representedPresent(db: Db, meetingId: number): number[] {
	return db
		.prepare(
			`select e.principal_id from meeting_entrustments e
			 join meeting_roster r on r.meeting_id = e.meeting_id and r.person_id = e.proxy_id
			 where e.meeting_id = ? and r.signed_in_at is not null and r.left_at is null
			 order by e.principal_id`
		)
		.pluck()
		.all(meetingId) as number[];
}

/**
 * The integer counts the rule formulas read, from the frozen roster. `present` is the voting
 * members signed in and not gone, and those their written proxy attends for; for a motion it also
 * keeps everyone who already cast a ballot on it, since they were present at the vote even if they
 * left before the close.
 */
export function meetingCounts(db: Db, meeting: Meeting, motionId?: number): MeetingCounts {
	const roster = votingRoster(db, meeting.id, motionId);
	return countRoster(
		meeting,
		roster,
		new Set(roster.filter((r) => r.here || r.voted).map((r) => r.person_id))
	);
}

/**
 * The voting members of a meeting's roster: here now (in person, or through a written proxy who is
 * in the hall), and whether they voted on the motion.
 */
export function votingRoster(db: Db, meetingId: number, motionId?: number): VotingRosterRow[] {
	return db
		.prepare(
			`select r.person_id, r.kinds, r.household_id,
			   ((r.signed_in_at is not null and r.left_at is null) or exists (
			     select 1 from meeting_entrustments e join meeting_roster pr
			       on pr.meeting_id = e.meeting_id and pr.person_id = e.proxy_id
			     where e.meeting_id = r.meeting_id and e.principal_id = r.person_id
			       and pr.signed_in_at is not null and pr.left_at is null)) as here,
			   exists (select 1 from ballot_receipts b where b.motion_id = @motion and b.person_id = r.person_id) as voted
			 from meeting_roster r where r.meeting_id = @meeting and r.voting = 1`
		)
		.all({ meeting: meetingId, motion: motionId ?? -1 }) as VotingRosterRow[];
}

/** The counts of these roster rows with `present` the people counted in the hall. */
export function countRoster(
	meeting: Meeting,
	roster: readonly VotingRosterRow[],
	present: ReadonlySet<number>
): MeetingCounts {
	let reps = 0;
	let committee = 0;
	let p = 0;
	const households = new Set<number>();
	for (const r of roster) {
		const kinds = JSON.parse(r.kinds) as RosterKind[];
		// Someone who is both a representative and a committee member counts once, as a rep.
		if (kinds.includes('village_rep')) reps++;
		else if (kinds.includes('villagers_committee')) committee++;
		if (present.has(r.person_id)) {
			p++;
			if (r.household_id !== null) households.add(r.household_id);
		}
	}
	const total = roster.length;
	return {
		present: p,
		adultsTotal: total,
		adultsPresent: p,
		householdsTotal: meeting.householdsTotal ?? 0,
		householdsRepresented: households.size,
		fullTotal: total,
		fullPresent: p,
		repsTotal: reps,
		committeeTotal: committee,
		membersTotal: total
	};
}

/** The voters present now, the number a show of hands may not exceed. */
export function presentVoters(db: Db, meeting: Meeting, motionId?: number): number {
	const rule = meeting.rule.voters;
	return rule ? (meetingCounts(db, meeting, motionId)[rule.present] ?? 0) : 0;
}
