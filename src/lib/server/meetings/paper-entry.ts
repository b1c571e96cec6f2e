// The clerk's paper and roll-call list for an open motion (issue 15 item 1): every voting member in
// the hall or counted at the vote, each shown as what they are — free to enter, voted on the phone,
// already entered, recused, not in the hall when the vote was taken, or voting through a proxy.
import type { Db } from '../db';
import { withNamesakeLabels } from '../roster/namesakes';
import type { Method, MotionState } from './records';

export type EntryStatus =
	'open' | 'represented' | 'voted_online' | 'recorded' | 'recused' | 'absent_at_vote';

export interface EntryRow {
	personId: number;
	label: string;
	status: EntryStatus;
	/** The proxy in the hall who votes for this member (书面委托), when they did not come. */
	proxyLabel: string | null;
	/** The clerk may still fill this row; every other one is shown and cannot be picked. */
	enterable: boolean;
}

export interface EntryPerson {
	personId: number;
	label: string;
	/** Signed in and not gone. */
	here: boolean;
	/** The written proxy signed in for them, if any (not read when they came in person). */
	proxyLabel: string | null;
}

export interface EntryInput {
	/** The meeting's voting members, in roster order. */
	people: readonly EntryPerson[];
	/** Who was recorded present when the vote was taken; null before. */
	presentAtVote: readonly number[] | null;
	recused: readonly number[];
	receipts: readonly { personId: number; channel: 'online' | 'paper' | 'clerk' }[];
}

/**
 * The rows of the list, one per voting member the clerk may meet in the hall: present now (in
 * person or by proxy), counted at the vote, or already holding a ballot. A ballot comes first (it
 * cannot be entered twice), then a recusal, then presence at the vote (only those counted then may
 * be entered: votes/ballots.ts `voterCheck`).
 */
export function paperEntryRows(input: EntryInput): EntryRow[] {
	const atVote = input.presentAtVote === null ? null : new Set(input.presentAtVote);
	const recused = new Set(input.recused);
	const channel = new Map(input.receipts.map((r) => [r.personId, r.channel]));
	return input.people.flatMap((p): EntryRow[] => {
		const proxyLabel = p.here ? null : p.proxyLabel;
		const voted = channel.get(p.personId);
		if (!p.here && proxyLabel === null && !atVote?.has(p.personId) && !voted) return [];
		const status: EntryStatus = voted
			? voted === 'online'
				? 'voted_online'
				: 'recorded'
			: recused.has(p.personId)
				? 'recused'
				: atVote && !atVote.has(p.personId)
					? 'absent_at_vote'
					: proxyLabel
						? 'represented'
						: 'open';
		const enterable = status === 'open' || status === 'represented';
		return [{ personId: p.personId, label: p.label, status, proxyLabel, enterable }];
	});
}

interface RosterPersonRow {
	personId: number;
	name: string;
	voting: number;
	here: number;
	householdKey: string;
	groupId: number | null;
	groupName: string | null;
	gridName: string | null;
	birthDate: string;
}

/**
 * The meeting's roster with a label per person that tells namesakes apart (roster/namesakes.ts), in
 * roster order: what every person picker of the console shows.
 */
export function labelledRoster(db: Db, meetingId: number) {
	const rows = db
		.prepare(
			`select r.person_id as personId, p.name, r.voting,
			   (r.signed_in_at is not null and r.left_at is null) as here,
			   h.household_key as householdKey, h.group_id as groupId, g.name as groupName,
			   gr.name as gridName,
			   p.birth_date as birthDate
			 from meeting_roster r join people p on p.id = r.person_id
			 join households h on h.id = p.household_id
			 left join village_groups g on g.id = h.group_id
			 left join grids gr on gr.id = h.grid_id
			 where r.meeting_id = ? order by r.person_id`
		)
		.all(meetingId) as RosterPersonRow[];
	return withNamesakeLabels(rows.map((r) => ({ ...r, id: r.personId })));
}

export interface EntryMotion {
	id: number;
	method: Method;
	state: MotionState;
	presentAtVote: number[] | null;
	recusals: { personId: number }[];
}

/** Each open motion's list the clerk enters ballots on (a show of hands has none), by motion id. */
export function paperEntries(
	db: Db,
	meetingId: number,
	motions: readonly EntryMotion[],
	entrustments: readonly { principalId: number; proxyId: number }[]
): Record<number, EntryRow[]> {
	const listed = motions.filter((mo) => mo.state === 'open' && mo.method !== 'hands');
	if (!listed.length) return {};
	const roster = labelledRoster(db, meetingId);
	const byId = new Map(roster.map((r) => [r.personId, r]));
	const proxyOf = new Map(
		entrustments.flatMap((e) => {
			const proxy = byId.get(e.proxyId);
			return proxy?.here ? [[e.principalId, proxy.label] as const] : [];
		})
	);
	const people = roster
		.filter((r) => r.voting === 1)
		.map((r) => ({
			personId: r.personId,
			label: r.label,
			here: r.here === 1,
			proxyLabel: proxyOf.get(r.personId) ?? null
		}));
	const receiptsOf = db.prepare(
		'select person_id as personId, channel from ballot_receipts where motion_id = ?'
	);
	return Object.fromEntries(
		listed.map((mo) => [
			mo.id,
			paperEntryRows({
				people,
				presentAtVote: mo.presentAtVote,
				recused: mo.recusals.map((r) => r.personId),
				receipts: receiptsOf.all(mo.id) as EntryInput['receipts']
			})
		])
	);
}
