// What one attendee's phone needs beyond the shared meeting view: their place on the frozen
// roster and which open votes they have already answered.
import type { Db } from '../db';
import type { Choice } from './records';
import type { MotionView } from './view';

export interface AttendeeStatus {
	voting: boolean;
	signedInAt: string | null;
	leftAt: string | null;
	/**
	 * motion id → the voter's own choice on a named vote, or null: a secret ballot has only a
	 * receipt, so not even its voter can be shown how they voted. `at` is when the phone ballot was
	 * cast (ballot_times, a copy of its audit entry's time); null for a ballot the clerk entered from paper or a roll call.
	 */
	voted: Map<number, { choice: Choice | null; at: string | null }>;
	/** motion id → the reason this person is recused (回避) from it. */
	recused: Map<number, string>;
}

/** null when the person is not on this meeting's roster. */
export function attendeeStatus(db: Db, meetingId: number, personId: number): AttendeeStatus | null {
	const entry = db
		.prepare(
			'select voting, signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(meetingId, personId) as
		{ voting: number; signed_in_at: string | null; left_at: string | null } | undefined;
	if (!entry) return null;
	const rows = db
		.prepare(
			`select b.motion_id, c.choice, t.cast_at as at
			 from ballot_receipts b join motions mo on mo.id = b.motion_id
			 left join named_choices c on c.motion_id = b.motion_id and c.person_id = b.person_id
			 left join ballot_times t on t.motion_id = b.motion_id and t.person_id = b.person_id
			 where mo.meeting_id = ? and b.person_id = ?`
		)
		.all(meetingId, personId) as {
		motion_id: number;
		choice: Choice | null;
		at: string | null;
	}[];
	const recusals = db
		.prepare(
			`select r.motion_id, r.reason from motion_recusals r join motions mo on mo.id = r.motion_id
			 where mo.meeting_id = ? and r.person_id = ?`
		)
		.all(meetingId, personId) as { motion_id: number; reason: string }[];
	return {
		voting: entry.voting === 1,
		signedInAt: entry.signed_in_at,
		leftAt: entry.left_at,
		voted: new Map(rows.map((r) => [r.motion_id, { choice: r.choice, at: r.at }])),
		recused: new Map(recusals.map((r) => [r.motion_id, r.reason]))
	};
}

/** A motion as the public pages show it: counts only once closed, names of voters only if asked. */
export interface PublicMotion {
	id: number;
	agendaItemId: number;
	text: string;
	method: MotionView['method'];
	state: MotionView['state'];
	result: MotionView['result'];
	tally: MotionView['tally'];
	ballotsCast: number;
	passRule: string | null;
	passFormula: string | null;
	pass: MotionView['pass'];
	quorumFormula: string | null;
	counterName: string | null;
	scrutineerName: string | null;
	turnoutCount: number | null;
	turnoutNames: string[] | null;
}

/**
 * While a vote is open no page outside the console shows a running count, named or secret: the
 * hall and the phones show only how many have voted, so nobody votes with the count in view.
 */
export function publicMotion(mv: MotionView, options: { voterNames: boolean }): PublicMotion {
	const closed = mv.state === 'closed';
	return {
		id: mv.id,
		agendaItemId: mv.agendaItemId,
		text: mv.text,
		method: mv.method,
		state: mv.state,
		result: mv.result,
		tally: closed ? mv.tally : null,
		ballotsCast: mv.ballotsCast,
		passRule: mv.passRule,
		passFormula: mv.passEvaluation?.formula ?? null,
		pass: mv.pass,
		quorumFormula: mv.quorumAtClose?.formula ?? null,
		counterName: mv.counterName,
		scrutineerName: mv.scrutineerName,
		turnoutCount: mv.turnout ? mv.turnout.length : null,
		turnoutNames: mv.turnout && options.voterNames ? mv.turnout.map((t) => t.name) : null
	};
}
