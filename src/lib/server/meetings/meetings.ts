// Meetings and votes (docs/domain.md §5–§7): calling a meeting, freezing its roster at notice,
// sign-in, motions and ballots. Each command checks who is asking, runs in one BEGIN IMMEDIATE
// transaction, writes its audit entry there, and returns a result union. The rule a meeting runs by
// is frozen into the meeting row when it is created, so a later rule set never rewrites a past
// meeting.
import { appendAudit, auditHead } from '../audit/chain.js';
import type { Db } from '../db';
import type { Refusal } from '../result';
import { truncateWal } from '../db/wal';
import { peopleCountingOn, type RoleKind } from '../roster/counts';
import { isValidDate, todayInChina } from '../roster/dates';
import { villageRules } from '../villages/settings';
import { isStaffOf } from '../permissions/village';
import { adoptResolution } from '../procedure/resolutions';
import { postNotice } from '../notices/notices';
import {
	CN_2018,
	MEETING_TYPES,
	evaluatePass,
	evaluateQuorum,
	mayOpen,
	validateTally,
	type MeetingCounts,
	type MeetingRule,
	type MeetingType,
	type PassResult,
	type QuorumResult,
	type RosterKind,
	type RuleSet,
	type Tally
} from '../votes/rules';
import { type Actor } from '../permissions';

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
	meetingDate: string;
	startsAt: string;
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
	meeting_date: string;
	starts_at: string;
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
		meetingDate: r.meeting_date,
		startsAt: r.starts_at,
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

// ---------- guards ----------

function personOfVillage(db: Db, villageId: number, personId: number): boolean {
	return !!db
		.prepare('select 1 from people where id = ? and village_id = ?')
		.get(personId, villageId);
}

/**
 * Runs `body` in one BEGIN IMMEDIATE transaction once the actor may act and the meeting is this
 * village's (another village's id reads as missing): staff, or with `self` that person themselves.
 */
function inMeeting<R>(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	body: (meeting: Meeting) => R,
	options: { self?: number } = {}
): R | { ok: false; reason: 'forbidden' | 'not_found' } {
	return db
		.transaction(() => {
			const self = options.self !== undefined && actor.personId === options.self;
			if (!self && !isStaffOf(db, actor, villageId))
				return { ok: false as const, reason: 'forbidden' as const };
			const meeting = getMeeting(db, villageId, meetingId);
			if (!meeting) return { ok: false as const, reason: 'not_found' as const };
			return body(meeting);
		})
		.immediate();
}

/** As inMeeting, for a staff command on one motion of this village. */
function inMotion<R>(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	body: (motion: Motion, meeting: Meeting) => R
): R | { ok: false; reason: 'forbidden' | 'not_found' } {
	return db
		.transaction(() => {
			if (!isStaffOf(db, actor, villageId))
				return { ok: false as const, reason: 'forbidden' as const };
			const motion = getMotion(db, villageId, motionId);
			if (!motion) return { ok: false as const, reason: 'not_found' as const };
			return body(motion, getMeeting(db, villageId, motion.meetingId)!);
		})
		.immediate();
}

type Audit = {
	action: string;
	subjectType: string;
	subjectId: number;
	before?: unknown;
	after?: unknown;
};
function audit(db: Db, actor: Actor, villageId: number, e: Audit, now: Date) {
	appendAudit(db, { villageId, actorId: actor.userId, at: now, ...e });
}

// ---------- counts ----------

/**
 * The integer counts the rule formulas read, from the frozen roster. `present` is the voting
 * members signed in and not gone; for a motion it also keeps everyone who already cast a ballot on
 * it, since they were present at the vote even if they left before the close.
 */
export function meetingCounts(db: Db, meeting: Meeting, motionId?: number): MeetingCounts {
	const roster = db
		.prepare(
			`select r.person_id, r.kinds, r.household_id,
			   (r.signed_in_at is not null and r.left_at is null) as here,
			   exists (select 1 from ballot_receipts b where b.motion_id = @motion and b.person_id = r.person_id) as voted
			 from meeting_roster r where r.meeting_id = @meeting and r.voting = 1`
		)
		.all({ meeting: meeting.id, motion: motionId ?? -1 }) as {
		person_id: number;
		kinds: string;
		household_id: number | null;
		here: number;
		voted: number;
	}[];
	let reps = 0;
	let committee = 0;
	const present = new Set<number>();
	const households = new Set<number>();
	for (const r of roster) {
		const kinds = JSON.parse(r.kinds) as RosterKind[];
		// Someone who is both a representative and a committee member counts once, as a rep.
		if (kinds.includes('village_rep')) reps++;
		else if (kinds.includes('villagers_committee')) committee++;
		if (r.here || r.voted) {
			present.add(r.person_id);
			if (r.household_id !== null) households.add(r.household_id);
		}
	}
	const total = roster.length;
	const p = present.size;
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

function presentVoters(meeting: Meeting, counts: MeetingCounts): number {
	return meeting.rule.voters ? (counts[meeting.rule.voters.present] ?? 0) : 0;
}

// ---------- createMeeting ----------

export interface MeetingInput {
	type: MeetingType;
	title: string;
	place?: string;
	meetingDate: string;
	startsAt?: string;
	groupId?: number | null;
	chairPersonId?: number | null;
	recorderPersonId?: number | null;
}

export type CreateMeetingResult =
	| { ok: true; meeting: Meeting }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'bad_type'
				| 'bad_title'
				| 'bad_place'
				| 'bad_date'
				| 'bad_group'
				| 'bad_person';
	  };

export function createMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	input: MeetingInput,
	options: { rules?: RuleSet; now?: Date } = {}
): CreateMeetingResult {
	const now = options.now ?? new Date();
	const rules = options.rules ?? villageRules(db, villageId);
	if (!(MEETING_TYPES as readonly string[]).includes(input.type))
		return { ok: false, reason: 'bad_type' };
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	// The same limit as an edit: refused, never cut short into a wrong place on the notice.
	if ((input.place?.trim() ?? '').length > 100) return { ok: false, reason: 'bad_place' };
	if (!isValidDate(input.meetingDate)) return { ok: false, reason: 'bad_date' };
	const rule = rules.meetings[input.type];
	const groupScoped = rule.roster.kind === 'roles' && rule.roster.scope === 'group';
	return db
		.transaction((): CreateMeetingResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const groupId = groupScoped ? (input.groupId ?? null) : null;
			if (groupScoped) {
				const g =
					groupId !== null &&
					db
						.prepare('select 1 from village_groups where id = ? and village_id = ?')
						.get(groupId, villageId);
				if (!g) return { ok: false, reason: 'bad_group' };
			}
			for (const p of [input.chairPersonId, input.recorderPersonId]) {
				if (p != null && !personOfVillage(db, villageId, p))
					return { ok: false, reason: 'bad_person' };
			}
			const { lastInsertRowid } = db
				.prepare(
					`insert into meetings (village_id, type, title, place, meeting_date, starts_at, group_id,
					   chair_person_id, recorder_person_id, rule_set_id, rule_json, created_by, created_at)
					 values (?, ?, ?, coalesce(?, '湖边议事厅'), ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					input.type,
					title,
					input.place?.trim() || null,
					input.meetingDate,
					input.startsAt ?? '',
					groupId,
					input.chairPersonId ?? null,
					input.recorderPersonId ?? null,
					rules.id,
					JSON.stringify(rule),
					actor.userId,
					now.toISOString()
				);
			const meeting = getMeeting(db, villageId, Number(lastInsertRowid))!;
			audit(
				db,
				actor,
				villageId,
				{
					action: 'meeting.create',
					subjectType: 'meeting',
					subjectId: meeting.id,
					after: {
						type: meeting.type,
						title,
						meetingDate: meeting.meetingDate,
						ruleSetId: rules.id
					}
				},
				now
			);
			return { ok: true, meeting };
		})
		.immediate();
}

// ---------- agenda ----------

/** As much as the console's field takes; more is refused, never stored cut short. */
export const AGENDA_MATERIALS_MAX = 5000;

export type AddAgendaItemResult =
	| { ok: true; agendaItemId: number; position: number }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_draft' | 'bad_title' | 'bad_materials' | 'bad_topic';
	  };

export function addAgendaItem(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: { title: string; topicId?: number | null; materials?: string },
	options: { now?: Date } = {}
): AddAgendaItemResult {
	const now = options.now ?? new Date();
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	if ((input.materials ?? '').length > AGENDA_MATERIALS_MAX)
		return { ok: false, reason: 'bad_materials' };
	return inMeeting(db, actor, villageId, meetingId, (meeting): AddAgendaItemResult => {
		// The notice carries the agenda (docs/domain.md §5.2): it is fixed once sent.
		if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
		if (input.topicId != null) {
			// A draft is its writer's alone, hidden even from staff; the agenda goes on a public notice.
			const t = db
				.prepare("select 1 from topics where id = ? and village_id = ? and state != 'draft'")
				.get(input.topicId, villageId);
			if (!t) return { ok: false, reason: 'bad_topic' };
		}
		const position =
			(
				db
					.prepare('select coalesce(max(position), 0) as p from agenda_items where meeting_id = ?')
					.get(meetingId) as { p: number }
			).p + 1;
		const { lastInsertRowid } = db
			.prepare(
				'insert into agenda_items (meeting_id, position, topic_id, title, materials) values (?, ?, ?, ?, ?)'
			)
			.run(meetingId, position, input.topicId ?? null, title, input.materials ?? '');
		const agendaItemId = Number(lastInsertRowid);
		audit(
			db,
			actor,
			villageId,
			{
				action: 'meeting.agenda_add',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { agendaItemId, position, title, topicId: input.topicId ?? null }
			},
			now
		);
		return { ok: true, agendaItemId, position };
	});
}

// ---------- notifyMeeting ----------

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
				| 'empty_roster';
	  }
	| { ok: false; reason: 'too_late'; earliest: string };

const ROLE_KIND: Partial<Record<RosterKind, RoleKind>> = {
	adult: 'adult',
	party_full: 'party_full',
	party_probationary: 'party_probationary',
	village_rep: 'village_rep',
	villagers_committee: 'villagers_committee',
	branch_committee: 'branch_committee'
};

/**
 * Sends the notice: records notice_date (today) and freezes the expected roster (应到) as the
 * roster stood on the meeting date. A meeting of named parties takes its list in `attendees`.
 * The meeting date must leave the notice period the rule asks; else 'too_late' with the earliest.
 */
export function notifyMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { attendees?: number[]; now?: Date } = {}
): NotifyMeetingResult {
	const now = options.now ?? new Date();
	const today = todayInChina(now);
	return inMeeting(db, actor, villageId, meetingId, (meeting): NotifyMeetingResult => {
		if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
		const items = (
			db.prepare('select count(*) as n from agenda_items where meeting_id = ?').get(meetingId) as {
				n: number;
			}
		).n;
		if (items === 0) return { ok: false, reason: 'no_agenda' };
		const may = mayOpen(meeting.type, today, meeting.meetingDate, ruleSetOf(meeting));
		if (!may.ok) return { ok: false, reason: 'too_late', earliest: may.earliest };

		// person → [voting?, kinds]
		const roster = new Map<number, { voting: boolean; kinds: RosterKind[] }>();
		const source = meeting.rule.roster;
		if (source.kind === 'named') {
			const list = options.attendees ?? [];
			if (list.length === 0) return { ok: false, reason: 'attendees_required' };
			for (const p of list) {
				if (!personOfVillage(db, villageId, p)) return { ok: false, reason: 'bad_attendee' };
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
				for (const p of peopleCountingOn(db, villageId, meeting.meetingDate, roleKind)) {
					if (inScope && !inScope.has(p)) continue;
					const e = roster.get(p) ?? { voting: false, kinds: [] };
					e.voting ||= voting;
					e.kinds.push(kind);
					roster.set(p, e);
				}
				return true;
			};
			for (const k of source.voting)
				if (!add(k, true)) return { ok: false, reason: 'roster_unavailable' };
			for (const k of source.nonVoting)
				if (!add(k, false)) return { ok: false, reason: 'roster_unavailable' };
		}
		if (roster.size === 0) return { ok: false, reason: 'empty_roster' };
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
		// The notice carries the agenda to the public board (docs/domain.md §5.2, §8.2).
		const agenda = db
			.prepare(
				'select position, title, materials from agenda_items where meeting_id = ? order by position'
			)
			.all(meetingId) as { position: number; title: string; materials: string }[];
		const posted = postNotice(
			db,
			actor.userId,
			villageId,
			{
				kind: 'meeting',
				title: meeting.title,
				summary: [meeting.meetingDate, meeting.startsAt, meeting.place].filter(Boolean).join(' · '),
				body: agenda
					.map((a) => `${a.position}. ${a.title}${a.materials ? `\n${a.materials}` : ''}`)
					.join('\n\n'),
				meetingId
			},
			{ now }
		);
		if (!posted.ok) throw new Error(`meeting notice refused: ${posted.reason}`);
		audit(
			db,
			actor,
			villageId,
			{
				action: 'meeting.notify',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { state: 'draft' },
				after: {
					state: 'notified',
					noticeDate: today,
					expected: roster.size,
					voting,
					roster: [...roster.keys()].sort((a, b) => a - b)
				}
			},
			now
		);
		return {
			ok: true,
			meeting: getMeeting(db, villageId, meetingId)!,
			expected: roster.size,
			voting
		};
	});
}

/** The frozen rule of the meeting, as the one-type rule set `mayOpen` reads. */
function ruleSetOf(meeting: Meeting): RuleSet {
	return {
		...CN_2018,
		id: meeting.ruleSetId,
		meetings: { ...CN_2018.meetings, [meeting.type]: meeting.rule }
	};
}

// ---------- openMeeting ----------

export type OpenMeetingResult =
	| { ok: true; meeting: Meeting }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_notified' }
	| { ok: false; reason: 'too_early'; earliest: string };

/** Opens the meeting today; refused before the notice period has run (except an urgent meeting). */
export function openMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { now?: Date } = {}
): OpenMeetingResult {
	const now = options.now ?? new Date();
	const today = todayInChina(now);
	return inMeeting(db, actor, villageId, meetingId, (meeting): OpenMeetingResult => {
		if (meeting.state !== 'notified') return { ok: false, reason: 'not_notified' };
		const may = mayOpen(meeting.type, meeting.noticeDate!, today, ruleSetOf(meeting));
		if (!may.ok) return { ok: false, reason: 'too_early', earliest: may.earliest };
		db.prepare("update meetings set state = 'open', opened_at = ? where id = ?").run(
			now.toISOString(),
			meetingId
		);
		audit(
			db,
			actor,
			villageId,
			{
				action: 'meeting.open',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { state: 'notified' },
				after: { state: 'open', openedOn: today }
			},
			now
		);
		return { ok: true, meeting: getMeeting(db, villageId, meetingId)! };
	});
}

// ---------- attendance ----------

/** A person's sign-in and leaving times on a meeting's frozen roster; undefined when not on it. */
function rosterEntryOf(db: Db, meetingId: number, personId: number) {
	return db
		.prepare(
			'select signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(meetingId, personId) as
		{ signed_in_at: string | null; left_at: string | null } | undefined;
}

export type SignInResult =
	| { ok: true; alreadySignedIn: boolean; counts: MeetingCounts }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_on_roster' | 'not_open' | 'left' };

/** 签到: the person on their phone, or staff marking them. Signing in twice is a no-op. */
export function signIn(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personId: number,
	options: { now?: Date } = {}
): SignInResult {
	const now = options.now ?? new Date();
	return inMeeting(
		db,
		actor,
		villageId,
		meetingId,
		(meeting): SignInResult => {
			if (meeting.state !== 'notified' && meeting.state !== 'open')
				return { ok: false, reason: 'not_open' };
			const entry = rosterEntryOf(db, meetingId, personId);
			if (!entry) return { ok: false, reason: 'not_on_roster' };
			if (entry.left_at) return { ok: false, reason: 'left' };
			if (entry.signed_in_at)
				return { ok: true, alreadySignedIn: true, counts: meetingCounts(db, meeting) };
			db.prepare(
				'update meeting_roster set signed_in_at = ?, signed_in_by = ? where meeting_id = ? and person_id = ?'
			).run(now.toISOString(), actor.userId, meetingId, personId);
			audit(
				db,
				actor,
				villageId,
				{
					action: 'meeting.sign_in',
					subjectType: 'meeting',
					subjectId: meetingId,
					after: { personId, by: actor.personId === personId ? 'self' : 'staff' }
				},
				now
			);
			return { ok: true, alreadySignedIn: false, counts: meetingCounts(db, meeting) };
		},
		{ self: personId }
	);
}

export type MarkLeftResult =
	| { ok: true; counts: MeetingCounts }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_on_roster' | 'not_open' | 'not_signed_in' | 'left';
	  };

/** Someone leaves early: from now on they are no longer present (实到). */
export function markLeft(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	personId: number,
	options: { now?: Date } = {}
): MarkLeftResult {
	const now = options.now ?? new Date();
	return inMeeting(
		db,
		actor,
		villageId,
		meetingId,
		(meeting): MarkLeftResult => {
			if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
			const entry = rosterEntryOf(db, meetingId, personId);
			if (!entry) return { ok: false, reason: 'not_on_roster' };
			if (!entry.signed_in_at) return { ok: false, reason: 'not_signed_in' };
			if (entry.left_at) return { ok: false, reason: 'left' };
			db.prepare(
				'update meeting_roster set left_at = ?, left_marked_by = ? where meeting_id = ? and person_id = ?'
			).run(now.toISOString(), actor.userId, meetingId, personId);
			audit(
				db,
				actor,
				villageId,
				{
					action: 'meeting.left',
					subjectType: 'meeting',
					subjectId: meetingId,
					after: { personId }
				},
				now
			);
			return { ok: true, counts: meetingCounts(db, meeting) };
		},
		{ self: personId }
	);
}

export type AddGuestResult =
	| { ok: true; guestId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'closed' | 'bad_name' };

/** 列席 observers and the township attendee: by name; they never vote. */
export function addGuest(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	guest: { kind: 'observer' | 'township'; name: string; position?: string },
	options: { now?: Date } = {}
): AddGuestResult {
	const now = options.now ?? new Date();
	const name = guest.name.trim();
	if (name.length < 1 || name.length > 32) return { ok: false, reason: 'bad_name' };
	return inMeeting(db, actor, villageId, meetingId, (meeting): AddGuestResult => {
		if (meeting.state === 'closed') return { ok: false, reason: 'closed' };
		const { lastInsertRowid } = db
			.prepare(
				'insert into meeting_guests (meeting_id, kind, name, position, added_by, created_at) values (?, ?, ?, ?, ?, ?)'
			)
			.run(
				meetingId,
				guest.kind,
				name,
				guest.position?.trim() ?? '',
				actor.userId,
				now.toISOString()
			);
		audit(
			db,
			actor,
			villageId,
			{
				action: 'meeting.guest_add',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { kind: guest.kind, name, position: guest.position ?? '' }
			},
			now
		);
		return { ok: true, guestId: Number(lastInsertRowid) };
	});
}

export type AddSpeechResult =
	| { ok: true; speechId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'bad_text' };

/** 发言摘要: who spoke on an agenda item and what they said, recorded by staff. */
export function addSpeech(
	db: Db,
	actor: Actor,
	villageId: number,
	agendaItemId: number,
	speech: { personId?: number | null; speakerName: string; summary: string },
	options: { now?: Date } = {}
): AddSpeechResult {
	const now = options.now ?? new Date();
	const name = speech.speakerName.trim();
	const summary = speech.summary.trim();
	if (!name || name.length > 32 || !summary || summary.length > 2000)
		return { ok: false, reason: 'bad_text' };
	return db
		.transaction((): AddSpeechResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const item = db
				.prepare(
					'select a.meeting_id, m.state from agenda_items a join meetings m on m.id = a.meeting_id where a.id = ? and m.village_id = ?'
				)
				.get(agendaItemId, villageId) as { meeting_id: number; state: MeetingState } | undefined;
			if (!item) return { ok: false, reason: 'not_found' };
			if (speech.personId != null && !personOfVillage(db, villageId, speech.personId))
				return { ok: false, reason: 'not_found' };
			if (item.state !== 'open') return { ok: false, reason: 'not_open' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into speeches (agenda_item_id, person_id, speaker_name, summary, recorded_by, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(agendaItemId, speech.personId ?? null, name, summary, actor.userId, now.toISOString());
			audit(
				db,
				actor,
				villageId,
				{
					action: 'meeting.speech',
					subjectType: 'meeting',
					subjectId: item.meeting_id,
					after: { agendaItemId, personId: speech.personId ?? null, speakerName: name, summary }
				},
				now
			);
			return { ok: true, speechId: Number(lastInsertRowid) };
		})
		.immediate();
}

// ---------- motions ----------

export type CreateMotionResult =
	| { ok: true; motion: Motion }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_open' | 'no_vote' | 'bad_method' | 'bad_text';
	  };

/** A motion (动议) on an agenda item, drafted while the meeting is notified or open. */
export function createMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	agendaItemId: number,
	input: { text: string; method: Method },
	options: { now?: Date } = {}
): CreateMotionResult {
	const now = options.now ?? new Date();
	const text = input.text.trim();
	if (!text || text.length > 2000) return { ok: false, reason: 'bad_text' };
	if (!(METHODS as readonly string[]).includes(input.method))
		return { ok: false, reason: 'bad_method' };
	return db
		.transaction((): CreateMotionResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const item = db
				.prepare(
					'select a.meeting_id from agenda_items a join meetings m on m.id = a.meeting_id where a.id = ? and m.village_id = ?'
				)
				.get(agendaItemId, villageId) as { meeting_id: number } | undefined;
			if (!item) return { ok: false, reason: 'not_found' };
			const meeting = getMeeting(db, villageId, item.meeting_id)!;
			if (meeting.state !== 'notified' && meeting.state !== 'open')
				return { ok: false, reason: 'not_open' };
			if (!meeting.rule.voters) return { ok: false, reason: 'no_vote' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into motions (meeting_id, agenda_item_id, text, method, created_by, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(meeting.id, agendaItemId, text, input.method, actor.userId, now.toISOString());
			const motion = getMotion(db, villageId, Number(lastInsertRowid))!;
			audit(
				db,
				actor,
				villageId,
				{
					action: 'motion.create',
					subjectType: 'motion',
					subjectId: motion.id,
					after: { meetingId: meeting.id, agendaItemId, text, method: input.method }
				},
				now
			);
			return { ok: true, motion };
		})
		.immediate();
}

export type OpenMotionResult =
	| { ok: true; motion: Motion; quorum: QuorumResult }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'not_draft' }
	| { ok: false; reason: 'no_quorum'; quorum: QuorumResult };

/** Opens the vote: only with the quorum met now, from the frozen roster and today's sign-ins. */
export function openMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	options: { now?: Date } = {}
): OpenMotionResult {
	const now = options.now ?? new Date();
	return inMotion(db, actor, villageId, motionId, (motion, meeting): OpenMotionResult => {
		if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
		if (motion.state !== 'draft') return { ok: false, reason: 'not_draft' };
		const quorum = evaluateQuorum(meeting.rule, meetingCounts(db, meeting));
		if (!quorum.met) return { ok: false, reason: 'no_quorum', quorum };
		db.prepare(
			"update motions set state = 'open', opened_at = ?, quorum_at_open = ? where id = ?"
		).run(now.toISOString(), JSON.stringify(quorum), motionId);
		if (motion.method === 'secret') {
			const counter = db.prepare(
				'insert into secret_tallies (motion_id, choice, count) values (?, ?, 0)'
			);
			for (const c of CHOICES) counter.run(motionId, c);
		}
		audit(
			db,
			actor,
			villageId,
			{
				action: 'motion.open',
				subjectType: 'motion',
				subjectId: motionId,
				before: { state: 'draft' },
				after: { state: 'open', quorum }
			},
			now
		);
		return { ok: true, motion: getMotion(db, villageId, motionId)!, quorum };
	});
}

// ---------- ballots ----------

export type BallotRefusal =
	| 'forbidden'
	| 'not_found'
	| 'not_open'
	| 'wrong_method'
	| 'not_on_roster'
	| 'not_a_voter'
	| 'not_signed_in'
	| 'left'
	| 'already_voted'
	| 'bad_choice';

export type CastBallotResult = { ok: true } | { ok: false; reason: BallotRefusal };

const isChoice = (c: unknown): c is Choice => (CHOICES as readonly unknown[]).includes(c);

function isPrimaryKeyConflict(e: unknown): boolean {
	return (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** May this person cast a ballot on this open motion now? */
function voterCheck(db: Db, motion: Motion, personId: number): BallotRefusal | null {
	const entry = db
		.prepare(
			'select voting, signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(motion.meetingId, personId) as
		{ voting: number; signed_in_at: string | null; left_at: string | null } | undefined;
	if (!entry) return 'not_on_roster';
	if (entry.voting !== 1) return 'not_a_voter';
	if (!entry.signed_in_at) return 'not_signed_in';
	if (entry.left_at) return 'left';
	if (
		db
			.prepare('select 1 from ballot_receipts where motion_id = ? and person_id = ?')
			.get(motion.id, personId)
	)
		return 'already_voted';
	return null;
}

/**
 * Stores one ballot. The receipt's primary key (motion, person) is the one-ballot rule across every
 * channel; a secret choice only increments its counter, so nothing ties it to the receipt.
 */
function storeBallot(
	db: Db,
	motion: Motion,
	personId: number,
	choice: Choice,
	channel: 'online' | 'paper' | 'clerk'
) {
	db.prepare('insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, ?)').run(
		motion.id,
		personId,
		channel
	);
	if (motion.method === 'secret')
		db.prepare(
			'update secret_tallies set count = count + 1 where motion_id = ? and choice = ?'
		).run(motion.id, choice);
	else
		db.prepare('insert into named_choices (motion_id, person_id, choice) values (?, ?, ?)').run(
			motion.id,
			personId,
			choice
		);
}

/** An online ballot (named or secret), cast by the voter on their phone in the meeting. */
export function castBallot(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	choice: Choice,
	options: { now?: Date } = {}
): CastBallotResult {
	const now = options.now ?? new Date();
	if (!isChoice(choice)) return { ok: false, reason: 'bad_choice' };
	if (actor.personId === null) return { ok: false, reason: 'forbidden' };
	const personId = actor.personId;
	try {
		return db
			.transaction((): CastBallotResult => {
				const motion = getMotion(db, villageId, motionId);
				if (!motion) return { ok: false, reason: 'not_found' };
				if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
				if (motion.method !== 'named' && motion.method !== 'secret')
					return { ok: false, reason: 'wrong_method' };
				const refusal = voterCheck(db, motion, personId);
				if (refusal) return { ok: false, reason: refusal };
				storeBallot(db, motion, personId, choice, 'online');
				audit(
					db,
					actor,
					villageId,
					{
						action: 'ballot.cast',
						subjectType: 'motion',
						subjectId: motionId,
						// A secret ballot's entry records the receipt (who voted), never the choice.
						after:
							motion.method === 'secret'
								? { personId, channel: 'online' }
								: { personId, channel: 'online', choice }
					},
					now
				);
				return { ok: true };
			})
			.immediate();
	} catch (e) {
		// The database is the last word on one ballot per person: a race lands here.
		if (isPrimaryKeyConflict(e)) return { ok: false, reason: 'already_voted' };
		throw e;
	}
}

export type RecordBallotsResult =
	| { ok: true; recorded: number }
	| { ok: false; reason: BallotRefusal; personId?: number }
	| {
			ok: false;
			reason:
				| 'more_than_present'
				| 'more_than_ballots'
				| 'bad_tally'
				| 'bad_names'
				| 'paper_already_counted';
	  };

/** Checks every voter of a batch; the batch is recorded whole or not at all. */
function batchGuard(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	methods: readonly Method[]
): { motion: Motion; meeting: Meeting } | { ok: false; reason: BallotRefusal } {
	if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
	const motion = getMotion(db, villageId, motionId);
	if (!motion) return { ok: false, reason: 'not_found' };
	if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
	if (!methods.includes(motion.method)) return { ok: false, reason: 'wrong_method' };
	return { motion, meeting: getMeeting(db, villageId, motion.meetingId)! };
}

function recordNamed(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	ballots: { personId: number; choice: Choice }[],
	channel: 'paper' | 'clerk',
	methods: readonly Method[],
	now: Date
): RecordBallotsResult {
	try {
		return db
			.transaction((): RecordBallotsResult => {
				const g = batchGuard(db, actor, villageId, motionId, methods);
				if ('ok' in g) return g;
				for (const b of ballots) {
					if (!isChoice(b.choice)) return { ok: false, reason: 'bad_choice', personId: b.personId };
					const refusal = voterCheck(db, g.motion, b.personId);
					if (refusal) {
						// Undo the ballots of this batch already stored: all or nothing.
						throw new BatchRefused(refusal, b.personId);
					}
					storeBallot(db, g.motion, b.personId, b.choice, channel);
				}
				audit(
					db,
					actor,
					villageId,
					{
						action: channel === 'paper' ? 'ballot.paper' : 'ballot.roll_call',
						subjectType: 'motion',
						subjectId: motionId,
						after: { channel, ballots }
					},
					now
				);
				return { ok: true, recorded: ballots.length };
			})
			.immediate();
	} catch (e) {
		if (e instanceof BatchRefused) return { ok: false, reason: e.reason, personId: e.personId };
		if (isPrimaryKeyConflict(e)) return { ok: false, reason: 'already_voted' };
		throw e;
	}
}

class BatchRefused extends Error {
	constructor(
		readonly reason: BallotRefusal,
		readonly personId: number
	) {
		super(reason);
	}
}

/** 唱票/点名表决: the clerk records each voter's choice as called (roll call or named). */
export function recordRollCall(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	ballots: { personId: number; choice: Choice }[],
	options: { now?: Date } = {}
): RecordBallotsResult {
	return recordNamed(
		db,
		actor,
		villageId,
		motionId,
		ballots,
		'clerk',
		['roll_call', 'named'],
		options.now ?? new Date()
	);
}

export type PaperBallots =
	| { kind: 'named'; ballots: { personId: number; choice: Choice }[] }
	/**
	 * Secret paper ballots: who handed one in (receipts), and the counts read out by the counter
	 * (计票人) under the scrutineer (监票人). Blank or spoiled papers make the counts smaller.
	 */
	| { kind: 'secret'; voters: number[]; counts: Tally; counter: string; scrutineer: string };

export function recordPaperBallots(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	paper: PaperBallots,
	options: { now?: Date } = {}
): RecordBallotsResult {
	const now = options.now ?? new Date();
	if (paper.kind === 'named')
		return recordNamed(db, actor, villageId, motionId, paper.ballots, 'paper', ['named'], now);
	const counter = paper.counter.trim();
	const scrutineer = paper.scrutineer.trim();
	if (!counter || !scrutineer || counter.length > 32 || scrutineer.length > 32)
		return { ok: false, reason: 'bad_names' };
	if (validateTally(paper.counts, paper.voters.length) === 'more_than_present')
		return { ok: false, reason: 'more_than_ballots' };
	if (validateTally(paper.counts, paper.voters.length) !== 'ok')
		return { ok: false, reason: 'bad_tally' };
	try {
		return db
			.transaction((): RecordBallotsResult => {
				const g = batchGuard(db, actor, villageId, motionId, ['secret']);
				if ('ok' in g) return g;
				for (const personId of paper.voters) {
					const refusal = voterCheck(db, g.motion, personId);
					if (refusal) return { ok: false, reason: refusal, personId };
				}
				// The box is opened and counted once: batches entered one by one would let their
				// counts, beside their voters, say who chose what.
				if (g.motion.counterName !== null) return { ok: false, reason: 'paper_already_counted' };
				for (const personId of paper.voters) {
					db.prepare(
						"insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, 'paper')"
					).run(motionId, personId);
				}
				const add = db.prepare(
					'update secret_tallies set count = count + ? where motion_id = ? and choice = ?'
				);
				for (const c of CHOICES) add.run(paper.counts[c], motionId, c);
				db.prepare('update motions set counter_name = ?, scrutineer_name = ? where id = ?').run(
					counter,
					scrutineer,
					motionId
				);
				audit(
					db,
					actor,
					villageId,
					{
						action: 'ballot.paper',
						subjectType: 'motion',
						subjectId: motionId,
						// Turnout and the counted totals of the batch; no choice stands beside a voter.
						after: {
							channel: 'paper',
							voters: [...paper.voters].sort((a, b) => a - b),
							counts: paper.counts,
							counter,
							scrutineer
						}
					},
					now
				);
				return { ok: true, recorded: paper.voters.length };
			})
			.immediate();
	} catch (e) {
		if (e instanceof BatchRefused) return { ok: false, reason: e.reason, personId: e.personId };
		if (isPrimaryKeyConflict(e)) return { ok: false, reason: 'already_voted' };
		throw e;
	}
}

/**
 * 举手: the clerk enters the counts. `{ no, abstain, othersYes: true }` is the "all others in
 * favour" shortcut: yes = voters present − no − abstain. Entering again corrects the count
 * while the motion is open; every entry is audited.
 */
export function recordHands(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	tally: Tally | { no: number; abstain: number; othersYes: true },
	options: { now?: Date } = {}
):
	| { ok: true; tally: Tally }
	| { ok: false; reason: BallotRefusal | 'more_than_present' | 'bad_tally' } {
	const now = options.now ?? new Date();
	return db
		.transaction(() => {
			const g = batchGuard(db, actor, villageId, motionId, ['hands']);
			if ('ok' in g) return g;
			const present = presentVoters(g.meeting, meetingCounts(db, g.meeting, motionId));
			const full: Tally =
				'othersYes' in tally
					? { yes: present - tally.no - tally.abstain, no: tally.no, abstain: tally.abstain }
					: { yes: tally.yes, no: tally.no, abstain: tally.abstain };
			const check = validateTally(full, present);
			if (check === 'more_than_present' || full.yes < 0)
				return { ok: false as const, reason: 'more_than_present' as const };
			if (check !== 'ok') return { ok: false as const, reason: 'bad_tally' as const };
			const before = g.motion.tally;
			db.prepare('update motions set yes = ?, no = ?, abstain = ? where id = ?').run(
				full.yes,
				full.no,
				full.abstain,
				motionId
			);
			audit(
				db,
				actor,
				villageId,
				{
					action: 'motion.hands',
					subjectType: 'motion',
					subjectId: motionId,
					before,
					after: { tally: full, present }
				},
				now
			);
			return { ok: true as const, tally: full };
		})
		.immediate();
}

// ---------- closing ----------

/**
 * A secret tally of one or two ballots tells each voter how the other chose (and one ballot tells
 * everyone), so the clerk closes it only after confirming; the minutes say so. Zero reveals nothing.
 */
export const FEW_SECRET_BALLOTS = 3;

export type CloseMotionResult =
	| { ok: true; motion: Motion }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'no_tally' }
	| { ok: false; reason: 'few_secret_ballots'; ballots: number };

export type CloseOptions = { now?: Date; confirmFewBallots?: boolean };

function needsFewBallotsConfirmation(db: Db, motion: Motion): number | null {
	if (motion.method !== 'secret') return null;
	const ballots = db
		.prepare('select count(*) from ballot_receipts where motion_id = ?')
		.pluck()
		.get(motion.id) as number;
	return ballots > 0 && ballots < FEW_SECRET_BALLOTS ? ballots : null;
}

function tallyOf(db: Db, motion: Motion): Tally | null {
	if (motion.method === 'hands') return motion.tally;
	const rows =
		motion.method === 'secret'
			? (db
					.prepare('select choice, count as n from secret_tallies where motion_id = ?')
					.all(motion.id) as { choice: Choice; n: number }[])
			: (db
					.prepare(
						'select choice, count(*) as n from named_choices where motion_id = ? group by choice'
					)
					.all(motion.id) as { choice: Choice; n: number }[]);
	const t: Tally = { yes: 0, no: 0, abstain: 0 };
	for (const r of rows) t[r.choice] = r.n;
	return t;
}

/** Inside a transaction: re-checks the quorum, computes the result, freezes the motion. */
function closeMotionNow(
	db: Db,
	actor: Actor,
	villageId: number,
	motion: Motion,
	meeting: Meeting,
	now: Date,
	confirmFewBallots = false
): CloseMotionResult {
	const tally = tallyOf(db, motion);
	if (!tally) return { ok: false, reason: 'no_tally' };
	const few = needsFewBallotsConfirmation(db, motion);
	if (few !== null && !confirmFewBallots)
		return { ok: false, reason: 'few_secret_ballots', ballots: few };
	const counts = meetingCounts(db, meeting, motion.id);
	const quorum = evaluateQuorum(meeting.rule, counts);
	let result: MotionResult = 'no_quorum';
	let pass: PassResult | null = null;
	if (quorum.met) {
		pass = evaluatePass(meeting.rule, tally, counts);
		result = pass.passed ? 'passed' : 'failed';
	}
	db.prepare(
		`update motions set state = 'closed', closed_at = ?, quorum_at_close = ?, pass_evaluation = ?, result = ?,
		   yes = ?, no = ?, abstain = ? where id = ?`
	).run(
		now.toISOString(),
		JSON.stringify(quorum),
		pass && JSON.stringify(pass),
		result,
		tally.yes,
		tally.no,
		tally.abstain,
		motion.id
	);
	// A passed motion of a decision meeting is a resolution, numbered in this same transaction.
	const resolution =
		result === 'passed' && meeting.rule.mayDecide
			? adoptResolution(db, {
					villageId,
					actorId: actor.userId,
					meetingId: meeting.id,
					motionId: motion.id,
					now
				})
			: null;
	// Turnout (who voted, never how) is published at close (docs/domain.md §7.5).
	const turnout = db
		.prepare('select person_id from ballot_receipts where motion_id = ? order by person_id')
		.pluck()
		.all(motion.id);
	audit(
		db,
		actor,
		villageId,
		{
			action: 'motion.close',
			subjectType: 'motion',
			subjectId: motion.id,
			before: { state: 'open' },
			after: {
				state: 'closed',
				result,
				tally,
				quorum,
				pass,
				turnout,
				resolution: resolution?.number ?? null,
				// The minutes name the clerk who closed a count that may reveal choices.
				...(few !== null && { fewBallotsConfirmed: true })
			}
		},
		now
	);
	return { ok: true, motion: getMotion(db, villageId, motion.id)! };
}

/**
 * Closes the vote. A secret close then erases the WAL's commit-by-commit history, which pairs each
 * receipt with the counter it raised; `secure_delete` (db/open.js) has kept freed space zeroed.
 */
export function closeMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	options: CloseOptions = {}
): CloseMotionResult {
	const now = options.now ?? new Date();
	const r = inMotion(db, actor, villageId, motionId, (motion, meeting): CloseMotionResult => {
		if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
		return closeMotionNow(db, actor, villageId, motion, meeting, now, options.confirmFewBallots);
	});
	if (r.ok && r.motion.method === 'secret') truncateWal(db);
	return r;
}

export type CloseMeetingResult =
	| { ok: true; meeting: Meeting; auditHead: { id: number; hash: string } }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'bad_minutes' }
	| { ok: false; reason: 'motions_open'; motionIds: number[] }
	| { ok: false; reason: 'no_tally'; motionId: number }
	| { ok: false; reason: 'few_secret_ballots'; motionId: number; ballots: number };

/**
 * Closes the meeting and freezes its record. Open motions are refused unless `closeOpenMotions`,
 * which closes each first in the same transaction. The audit head stored is the chain's head after
 * every motion close, so the minutes' hash covers the whole meeting.
 */
export function closeMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: {
		minutes?: string;
		closeOpenMotions?: boolean;
		confirmFewBallots?: boolean;
		now?: Date;
	} = {}
): CloseMeetingResult {
	const now = options.now ?? new Date();
	if (options.minutes !== undefined && options.minutes.length > 20000)
		return { ok: false, reason: 'bad_minutes' };
	try {
		const r = closeMeetingNow(db, actor, villageId, meetingId, options, now);
		if (r.ok && r.closedSecret) truncateWal(db);
		return r.ok ? { ok: true, meeting: r.meeting, auditHead: r.auditHead } : r;
	} catch (e) {
		// A motion that cannot close (a show of hands never entered, a secret count of one or two
		// ballots not confirmed) keeps the meeting open.
		if (e instanceof MotionNotClosed) {
			const { result, motionId } = e;
			return result.reason === 'few_secret_ballots'
				? { ok: false, reason: result.reason, motionId, ballots: result.ballots }
				: { ok: false, reason: 'no_tally', motionId };
		}
		throw e;
	}
}

class MotionNotClosed extends Error {
	constructor(
		readonly motionId: number,
		readonly result: Extract<CloseMotionResult, { ok: false }>
	) {
		super(result.reason);
	}
}

function closeMeetingNow(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: { minutes?: string; closeOpenMotions?: boolean; confirmFewBallots?: boolean },
	now: Date
):
	| Exclude<CloseMeetingResult, { ok: true }>
	| (Extract<CloseMeetingResult, { ok: true }> & { closedSecret: boolean }) {
	return inMeeting(db, actor, villageId, meetingId, (meeting) => {
		if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
		const open = db
			.prepare("select id from motions where meeting_id = ? and state = 'open' order by id")
			.pluck()
			.all(meetingId) as number[];
		if (open.length && !options.closeOpenMotions)
			return { ok: false, reason: 'motions_open', motionIds: open };
		let closedSecret = false;
		for (const id of open) {
			const motion = getMotion(db, villageId, id)!;
			const r = closeMotionNow(
				db,
				actor,
				villageId,
				motion,
				meeting,
				now,
				options.confirmFewBallots
			);
			if (!r.ok) throw new MotionNotClosed(id, r);
			closedSecret ||= motion.method === 'secret';
		}
		const head = auditHead(db);
		db.prepare(
			`update meetings set state = 'closed', closed_at = ?, audit_head_id = ?, audit_head_hash = ?,
				   minutes = coalesce(?, minutes) where id = ?`
		).run(now.toISOString(), head.id, head.hash, options.minutes ?? null, meetingId);
		audit(
			db,
			actor,
			villageId,
			{
				action: 'meeting.close',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: { state: 'open' },
				after: {
					state: 'closed',
					auditHeadId: head.id,
					auditHeadHash: head.hash,
					closedMotions: open
				}
			},
			now
		);
		return {
			ok: true as const,
			meeting: getMeeting(db, villageId, meetingId)!,
			auditHead: head,
			closedSecret
		};
	});
}

// ---------- updateDraftMeeting ----------

export interface DraftMeetingInput {
	title: string;
	place?: string;
	meetingDate: string;
	startsAt?: string;
	chairPersonId?: number | null;
	recorderPersonId?: number | null;
}

export type UpdateDraftMeetingResult =
	| { ok: true; meeting: Meeting; changed: boolean }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_draft'
				| 'bad_title'
				| 'bad_date'
				| 'bad_time'
				| 'bad_place'
				| 'bad_person';
	  };

/** Every reason a meeting or motion command can refuse with; meetings/messages.ts words each. */
export type MeetingRefusal = Refusal<
	| CreateMeetingResult
	| UpdateDraftMeetingResult
	| AddAgendaItemResult
	| NotifyMeetingResult
	| OpenMeetingResult
	| SignInResult
	| MarkLeftResult
	| AddGuestResult
	| AddSpeechResult
	| CreateMotionResult
	| OpenMotionResult
	| CastBallotResult
	| RecordBallotsResult
	| CloseMotionResult
	| CloseMeetingResult
>;

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Corrects a draft before its notice goes out: a clerk refused with 'too_late' moves the date here.
 * Once notified, the notice people read carries these facts, so they are fixed; the type and rule
 * stay as created because the roster and quorum follow from them.
 */
export function updateDraftMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: DraftMeetingInput,
	options: { now?: Date } = {}
): UpdateDraftMeetingResult {
	const now = options.now ?? new Date();
	const title = input.title.trim();
	if (title.length < 1 || title.length > 100) return { ok: false, reason: 'bad_title' };
	if (!isValidDate(input.meetingDate)) return { ok: false, reason: 'bad_date' };
	const startsAt = (input.startsAt ?? '').trim();
	if (startsAt && !START_TIME.test(startsAt)) return { ok: false, reason: 'bad_time' };
	const place = input.place?.trim() || '湖边议事厅';
	if (place.length > 100) return { ok: false, reason: 'bad_place' };
	return inMeeting(db, actor, villageId, meetingId, (meeting): UpdateDraftMeetingResult => {
		if (meeting.state !== 'draft') return { ok: false, reason: 'not_draft' };
		for (const p of [input.chairPersonId, input.recorderPersonId]) {
			if (p != null && !personOfVillage(db, villageId, p))
				return { ok: false, reason: 'bad_person' };
		}
		const next = {
			title,
			place,
			meetingDate: input.meetingDate,
			startsAt,
			chairPersonId: input.chairPersonId ?? null,
			recorderPersonId: input.recorderPersonId ?? null
		};
		const before: Record<string, unknown> = {};
		const after: Record<string, unknown> = {};
		for (const key of Object.keys(next) as (keyof typeof next)[]) {
			if (meeting[key] !== next[key]) {
				before[key] = meeting[key];
				after[key] = next[key];
			}
		}
		if (!Object.keys(after).length) return { ok: true, meeting, changed: false };
		db.prepare(
			`update meetings set title = ?, place = ?, meeting_date = ?, starts_at = ?,
			   chair_person_id = ?, recorder_person_id = ? where id = ?`
		).run(
			next.title,
			next.place,
			next.meetingDate,
			next.startsAt,
			next.chairPersonId,
			next.recorderPersonId,
			meetingId
		);
		audit(
			db,
			actor,
			villageId,
			{ action: 'meeting.update', subjectType: 'meeting', subjectId: meetingId, before, after },
			now
		);
		return { ok: true, meeting: getMeeting(db, villageId, meetingId)!, changed: true };
	});
}
