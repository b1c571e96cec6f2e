// What the meeting pages read: one query module for the clerk's console, the hall screen, the
// attendee's phone and the minutes, so that each shows the same record. A secret ballot's counts
// stay out of every view until its motion closes (docs/domain.md §7.5).
import type { Db } from '../db';
import {
	CHOICES,
	getMeeting,
	listRoster,
	meetingCounts,
	motionsOfMeeting,
	presenceOfMeeting,
	recusalsOfMeeting,
	type Choice,
	type Meeting,
	type Method,
	type MotionResult,
	type MotionState,
	type Recusal,
	type RosterEntry
} from './records';
import { passWords, quorumWords, type PassWords, type QuorumWords } from './hall';
import {
	evaluateQuorum,
	symbolicFormula,
	type MeetingCounts,
	type PassResult,
	type QuorumResult,
	type Tally
} from '../votes/rules';

export interface Attendance {
	/** 应到: everyone on the frozen roster, voting or not. */
	expected: number;
	/** Voting members on the roster: the base of the quorum. */
	expectedVoting: number;
	/** 实到: voting members signed in and not gone. */
	present: number;
	/** Signed in without a vote (e.g. probationary party members). */
	presentNonVoting: number;
	/** present / expectedVoting in per mille, for display only: the rules never divide. */
	ratioPermille: number;
	counts: MeetingCounts;
	/** null before the roster is frozen, or for a meeting that never votes. */
	quorum: QuorumResult | null;
	/** The quorum rule in words of its counts, e.g. '3 × present ≥ 2 × (repsTotal + committeeTotal)'. */
	quorumRule: string[];
	/** The same quorum in words of people (应到、实到、还差), for pages villagers read. */
	words: QuorumWords | null;
}

export interface MotionView {
	id: number;
	agendaItemId: number;
	text: string;
	method: Method;
	state: MotionState;
	result: MotionResult | null;
	/** null while a secret ballot is open: its counts are shown only after the close. */
	tally: Tally | null;
	ballotsCast: number;
	quorumAtOpen: QuorumResult | null;
	quorumAtClose: QuorumResult | null;
	passEvaluation: PassResult | null;
	passRule: string | null;
	/** A closed vote's pass test in words of votes, read back from its stored evaluation. */
	pass: PassWords | null;
	counterName: string | null;
	scrutineerName: string | null;
	/** Who voted (never how), once the motion is closed. */
	turnout: { personId: number; name: string; channel: 'online' | 'paper' | 'clerk' }[] | null;
	/** Each voter's choice for a closed named or roll-call vote; never for a secret one. */
	namedChoices: { personId: number; name: string; choice: Choice }[] | null;
	/** Who confirmed closing a secret ballot of one or two ballots, whose tally may reveal choices. */
	fewBallotsConfirmedBy: string | null;
	/** The voting members recorded present when the vote was taken; null before. */
	presentAtVote: number[] | null;
	/** 回避: who stood aside from this motion, and why. */
	recusals: Recusal[];
}

export interface SpeechView {
	id: number;
	speakerName: string;
	summary: string;
	createdAt: string;
}

export interface WrittenOpinionView {
	id: number;
	personId: number;
	name: string;
	text: string;
	createdAt: string;
}

export interface AgendaItemView {
	id: number;
	position: number;
	title: string;
	materials: string;
	topic: { id: number; number: string; title: string } | null;
	speeches: SpeechView[];
	/** 书面意见 attendees submitted from their phones. */
	opinions: WrittenOpinionView[];
	motions: MotionView[];
}

export interface GuestView {
	kind: 'observer' | 'township';
	name: string;
	position: string;
	/** Signed in by their own township account (本人签到), not typed by the clerk (文书登记). */
	byAccount: boolean;
}

export interface MeetingView {
	meeting: Meeting;
	chairName: string | null;
	recorderName: string | null;
	openedAt: string | null;
	closedAt: string | null;
	agenda: AgendaItemView[];
	guests: GuestView[];
	attendance: Attendance;
}

export function attendanceOf(db: Db, meeting: Meeting, roster?: RosterEntry[]): Attendance {
	const entries = roster ?? listRoster(db, meeting.id);
	const frozen = meeting.state !== 'draft';
	const counts = frozen ? meetingCounts(db, meeting) : {};
	const here = (e: RosterEntry) => e.signedInAt !== null && e.leftAt === null;
	const expectedVoting = entries.filter((e) => e.voting).length;
	const present = entries.filter((e) => e.voting && here(e)).length;
	const rule = meeting.rule;
	const tests =
		rule.quorum.kind === 'compare'
			? [rule.quorum.test]
			: rule.quorum.kind === 'any'
				? rule.quorum.tests
				: [];
	return {
		expected: entries.length,
		expectedVoting,
		present,
		presentNonVoting: entries.filter((e) => !e.voting && here(e)).length,
		ratioPermille: expectedVoting ? Math.round((present * 1000) / expectedVoting) : 0,
		counts,
		quorum: frozen && rule.voters ? evaluateQuorum(rule, counts) : null,
		quorumRule: tests.map(symbolicFormula),
		words: frozen ? quorumWords(rule, counts, false) : null
	};
}

function motionViews(db: Db, meeting: Meeting): MotionView[] {
	const cast = new Map(
		(
			db
				.prepare(
					`select b.motion_id as id, count(*) as n from ballot_receipts b
					 where b.motion_id in (select id from motions where meeting_id = ?) group by b.motion_id`
				)
				.all(meeting.id) as { id: number; n: number }[]
		).map((r) => [r.id, r.n])
	);
	const turnoutOf = db.prepare(
		`select b.person_id as personId, p.name, b.channel from ballot_receipts b join people p on p.id = b.person_id
		 where b.motion_id = ? order by p.name, b.person_id`
	);
	const choicesOf = db.prepare(
		`select c.person_id as personId, p.name, c.choice from named_choices c join people p on p.id = c.person_id
		 where c.motion_id = ? order by p.name, c.person_id`
	);
	const confirmedBy = db
		.prepare(
			`select u.name from motions mo join users u on u.id = mo.few_ballots_confirmed_by
			 where mo.id = ?`
		)
		.pluck();
	const passRule =
		meeting.rule.pass.kind === 'compare' ? symbolicFormula(meeting.rule.pass.test) : null;
	const recusals = recusalsOfMeeting(db, meeting.id);
	const presence = presenceOfMeeting(db, meeting.id);
	return motionsOfMeeting(db, meeting.id).map((motion) => {
		const id = motion.id;
		const closed = motion.state === 'closed';
		const hidden = motion.method === 'secret' && !closed;
		return {
			id: motion.id,
			agendaItemId: motion.agendaItemId,
			text: motion.text,
			method: motion.method,
			state: motion.state,
			result: motion.result,
			tally: hidden ? null : motion.tally,
			ballotsCast: cast.get(id) ?? 0,
			quorumAtOpen: motion.quorumAtOpen,
			quorumAtClose: motion.quorumAtClose,
			passEvaluation: motion.passEvaluation,
			passRule,
			pass: closed && motion.passEvaluation ? passWords(meeting.rule, motion.passEvaluation) : null,
			counterName: motion.counterName,
			scrutineerName: motion.scrutineerName,
			turnout: closed ? (turnoutOf.all(id) as MotionView['turnout']) : null,
			namedChoices:
				closed && (motion.method === 'named' || motion.method === 'roll_call')
					? (choicesOf.all(id) as MotionView['namedChoices'])
					: null,
			fewBallotsConfirmedBy: (closed && motion.method === 'secret'
				? (confirmedBy.get(id) ?? null)
				: null) as string | null,
			presentAtVote: presence.get(id) ?? null,
			recusals: recusals.filter((r) => r.motionId === id)
		};
	});
}

/** Running counts of a meeting's open named and roll-call votes, in one query. */
function liveNamedTallies(db: Db, meetingId: number): Map<number, Tally> {
	const rows = db
		.prepare(
			`select c.motion_id as motionId, c.choice, count(*) as n from named_choices c
			 where c.motion_id in (select id from motions where meeting_id = ? and state = 'open')
			 group by c.motion_id, c.choice`
		)
		.all(meetingId) as { motionId: number; choice: Choice; n: number }[];
	const tallies = new Map<number, Tally>();
	for (const r of rows) {
		if (!(CHOICES as readonly string[]).includes(r.choice)) continue;
		const t = tallies.get(r.motionId) ?? { yes: 0, no: 0, abstain: 0 };
		t[r.choice] = r.n;
		tallies.set(r.motionId, t);
	}
	return tallies;
}

/** `roster`: the meeting's roster when the caller has already read it (listRoster), read once. */
export function meetingView(
	db: Db,
	villageId: number,
	meetingId: number,
	roster?: RosterEntry[]
): MeetingView | null {
	const meeting = getMeeting(db, villageId, meetingId);
	if (!meeting) return null;
	const extra = db
		.prepare(
			`select (select name from people where id = m.chair_person_id) as chair,
			   (select name from people where id = m.recorder_person_id) as recorder,
			   m.opened_at, m.closed_at
			 from meetings m where m.id = ?`
		)
		.get(meetingId) as {
		chair: string | null;
		recorder: string | null;
		opened_at: string | null;
		closed_at: string | null;
	};
	const motions = motionViews(db, meeting);
	const live = liveNamedTallies(db, meetingId);
	for (const mv of motions) {
		if (mv.state === 'open' && (mv.method === 'named' || mv.method === 'roll_call'))
			mv.tally = live.get(mv.id) ?? { yes: 0, no: 0, abstain: 0 };
	}
	const items = db
		.prepare(
			`select a.id, a.position, a.title, a.materials, t.id as topic_id, t.number, t.title as topic_title
			 from agenda_items a left join topics t on t.id = a.topic_id
			 where a.meeting_id = ? order by a.position`
		)
		.all(meetingId) as {
		id: number;
		position: number;
		title: string;
		materials: string;
		topic_id: number | null;
		number: string | null;
		topic_title: string | null;
	}[];
	const speechesOf = db.prepare(
		'select id, speaker_name, summary, created_at from speeches where agenda_item_id = ? order by id'
	);
	const opinionsOf = db.prepare(
		`select o.id, o.person_id, p.name, o.text, o.created_at from written_opinions o
		 join people p on p.id = o.person_id where o.agenda_item_id = ? order by o.id`
	);
	const agenda = items.map((i) => ({
		id: i.id,
		position: i.position,
		title: i.title,
		materials: i.materials,
		topic:
			i.topic_id === null ? null : { id: i.topic_id, number: i.number!, title: i.topic_title! },
		speeches: (
			speechesOf.all(i.id) as {
				id: number;
				speaker_name: string;
				summary: string;
				created_at: string;
			}[]
		).map((s) => ({
			id: s.id,
			speakerName: s.speaker_name,
			summary: s.summary,
			createdAt: s.created_at
		})),
		opinions: (
			opinionsOf.all(i.id) as {
				id: number;
				person_id: number;
				name: string;
				text: string;
				created_at: string;
			}[]
		).map((o) => ({
			id: o.id,
			personId: o.person_id,
			name: o.name,
			text: o.text,
			createdAt: o.created_at
		})),
		motions: motions.filter((mv) => mv.agendaItemId === i.id)
	}));
	const guests = (
		db
			.prepare(
				'select kind, name, position, user_id from meeting_guests where meeting_id = ? order by id'
			)
			.all(meetingId) as (Omit<GuestView, 'byAccount'> & { user_id: number | null })[]
	).map(({ user_id, ...g }) => ({ ...g, byAccount: user_id !== null }));
	return {
		meeting,
		chairName: extra.chair,
		recorderName: extra.recorder,
		openedAt: extra.opened_at,
		closedAt: extra.closed_at,
		agenda,
		guests,
		attendance: attendanceOf(db, meeting, roster)
	};
}

/** The small state the hall screen and the console poll: attendance, quorum, and the motions. */
export interface LiveState {
	state: Meeting['state'];
	attendance: Omit<Attendance, 'counts'>;
	motions: Pick<
		MotionView,
		'id' | 'text' | 'method' | 'state' | 'result' | 'tally' | 'ballotsCast' | 'passEvaluation'
	>[];
}

export function liveState(db: Db, villageId: number, meetingId: number): LiveState | null {
	const view = meetingView(db, villageId, meetingId);
	if (!view) return null;
	const attendance: Partial<Attendance> = { ...view.attendance };
	delete attendance.counts;
	return {
		state: view.meeting.state,
		attendance: attendance as LiveState['attendance'],
		motions: view.agenda.flatMap((a) =>
			a.motions.map((mv) => ({
				id: mv.id,
				text: mv.text,
				method: mv.method,
				state: mv.state,
				result: mv.result,
				tally: mv.tally,
				ballotsCast: mv.ballotsCast,
				passEvaluation: mv.passEvaluation
			}))
		)
	};
}

export interface MeetingListItem {
	id: number;
	type: Meeting['type'];
	title: string;
	meetingDate: string;
	startsAt: string;
	place: string;
	state: Meeting['state'];
}

/** A village's meetings, newest first; drafts only for staff. */
export function listMeetings(
	db: Db,
	villageId: number,
	options: { includeDrafts: boolean; limit?: number; offset?: number }
): { items: MeetingListItem[]; total: number } {
	const where = options.includeDrafts ? '' : " and state != 'draft'";
	const total = (
		db
			.prepare(`select count(*) as n from meetings where village_id = ?${where}`)
			.get(villageId) as { n: number }
	).n;
	const items = (
		db
			.prepare(
				`select id, type, title, meeting_date, starts_at, place, state from meetings
				 where village_id = ?${where} order by meeting_date desc, id desc limit ? offset ?`
			)
			.all(villageId, options.limit ?? 50, options.offset ?? 0) as {
			id: number;
			type: Meeting['type'];
			title: string;
			meeting_date: string;
			starts_at: string;
			place: string;
			state: Meeting['state'];
		}[]
	).map((r) => ({
		id: r.id,
		type: r.type,
		title: r.title,
		meetingDate: r.meeting_date,
		startsAt: r.starts_at,
		place: r.place,
		state: r.state
	}));
	return { items, total };
}
