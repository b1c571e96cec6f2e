// Reading honour rounds (道德模范, 文明户, 好媳妇 …): the round, its categories, its nominations.
// The public reads (publicHonourees) return honourees only: a nominee who was not chosen, or was
// rejected, is never named outside the committee and the nominator.
import type { Db } from '../db';

export type RoundState =
	'nominating' | 'reviewing' | 'voting' | 'counted' | 'published' | 'cancelled';
export type VoteMode = 'online' | 'meeting';
export type Subject = 'person' | 'household';
export type Review = 'pending' | 'accepted' | 'rejected';

export interface HonourRound {
	id: number;
	villageId: number;
	title: string;
	nominationsFrom: string;
	nominationsUntil: string;
	voteMode: VoteMode;
	votingFrom: string | null;
	votingUntil: string | null;
	meetingId: number | null;
	state: RoundState;
	noticeId: number | null;
	createdAt: string;
}

export interface HonourCategory {
	id: number;
	roundId: number;
	name: string;
	subject: Subject;
	seats: number;
	position: number;
}

export interface HonourNomination {
	id: number;
	categoryId: number;
	nomineePersonId: number | null;
	nomineeHouseholdId: number | null;
	/** The person's name, or the household head's name (the page says "household of"). */
	nomineeName: string;
	reason: string;
	nominatedByPersonId: number;
	nominatorName: string;
	filedByUserId: number;
	consentKind: 'signed_note' | 'read_back' | null;
	review: Review;
	reviewNote: string;
	votes: number | null;
	honoured: boolean;
	certificateNo: string | null;
	createdAt: string;
}

const ROUND_SELECT = `select id, village_id as villageId, title, nominations_from as nominationsFrom,
	nominations_until as nominationsUntil, vote_mode as voteMode, voting_from as votingFrom,
	voting_until as votingUntil, meeting_id as meetingId, state, notice_id as noticeId,
	created_at as createdAt from honour_rounds`;

export function findRound(db: Db, villageId: number, id: number): HonourRound | null {
	return (
		(db.prepare(`${ROUND_SELECT} where id = ? and village_id = ?`).get(id, villageId) as
			HonourRound | undefined) ?? null
	);
}

/** The village's rounds, newest first; `states` narrows them (the public sees published ones). */
export function listRounds(db: Db, villageId: number, states?: RoundState[]): HonourRound[] {
	const rows = db
		.prepare(`${ROUND_SELECT} where village_id = ? order by created_at desc, id desc`)
		.all(villageId) as HonourRound[];
	return states ? rows.filter((r) => states.includes(r.state)) : rows;
}

export function categoriesOf(db: Db, roundId: number): HonourCategory[] {
	return db
		.prepare(
			`select id, round_id as roundId, name, subject, seats, position from honour_categories
			 where round_id = ? order by position, id`
		)
		.all(roundId) as HonourCategory[];
}

const NOMINATION_SELECT = `select n.id, n.category_id as categoryId, n.nominee_person_id as nomineePersonId,
	n.nominee_household_id as nomineeHouseholdId,
	coalesce(np.name, (select hp.name from people hp where hp.household_id = nh.id and hp.is_head = 1
	  order by hp.id limit 1), nh.household_key) as nomineeName,
	n.reason, n.nominated_by_person_id as nominatedByPersonId, by.name as nominatorName,
	n.filed_by_user_id as filedByUserId, n.consent_kind as consentKind, n.review,
	n.review_note as reviewNote, n.votes, n.honoured, n.certificate_no as certificateNo,
	n.created_at as createdAt
	from honour_nominations n
	join honour_categories c on c.id = n.category_id
	join people by on by.id = n.nominated_by_person_id
	left join people np on np.id = n.nominee_person_id
	left join households nh on nh.id = n.nominee_household_id`;

type NominationRow = Omit<HonourNomination, 'honoured'> & { honoured: number };
const toNomination = (r: NominationRow): HonourNomination => ({ ...r, honoured: r.honoured === 1 });

/** Every nomination of a round, for the committee: by category, then as filed. */
export function nominationsOf(db: Db, roundId: number): HonourNomination[] {
	return (
		db
			.prepare(`${NOMINATION_SELECT} where c.round_id = ? order by c.position, n.votes desc, n.id`)
			.all(roundId) as NominationRow[]
	).map(toNomination);
}

export function findNomination(db: Db, roundId: number, id: number): HonourNomination | null {
	const r = db
		.prepare(`${NOMINATION_SELECT} where c.round_id = ? and n.id = ?`)
		.get(roundId, id) as NominationRow | undefined;
	return r ? toNomination(r) : null;
}

/** The nominations a villager made or that were filed by this login: theirs to see. */
export function nominationsBy(
	db: Db,
	roundId: number,
	personId: number | null,
	userId: number
): HonourNomination[] {
	return nominationsOf(db, roundId).filter(
		(n) => n.filedByUserId === userId || (personId !== null && n.nominatedByPersonId === personId)
	);
}

export interface Honouree {
	nominationId: number;
	categoryId: number;
	categoryName: string;
	name: string;
	subject: Subject;
	certificateNo: string;
}

/** The honourees of a published round, and nobody else: what the board, the page and the certificate show. */
export function publicHonourees(db: Db, villageId: number, roundId: number): Honouree[] {
	const round = findRound(db, villageId, roundId);
	if (!round || round.state !== 'published') return [];
	const categories = new Map(categoriesOf(db, roundId).map((c) => [c.id, c]));
	return nominationsOf(db, roundId)
		.filter((n) => n.honoured && n.certificateNo !== null)
		.map((n) => ({
			nominationId: n.id,
			categoryId: n.categoryId,
			categoryName: categories.get(n.categoryId)!.name,
			name: n.nomineeName,
			subject: categories.get(n.categoryId)!.subject,
			certificateNo: n.certificateNo!
		}));
}

/** Which categories of the round this person has already voted in (not what they chose: that is not kept). */
export function categoriesVotedBy(db: Db, roundId: number, personId: number): number[] {
	return db
		.prepare(
			`select v.category_id from honour_voters v join honour_categories c on c.id = v.category_id
			 where c.round_id = ? and v.person_id = ?`
		)
		.pluck()
		.all(roundId, personId) as number[];
}

/** How many people voted in each category: the turnout shown with the result. */
export function turnoutOf(db: Db, roundId: number): Map<number, number> {
	const rows = db
		.prepare(
			`select c.id, count(v.person_id) as n from honour_categories c
			 left join honour_voters v on v.category_id = c.id where c.round_id = ? group by c.id`
		)
		.all(roundId) as { id: number; n: number }[];
	return new Map(rows.map((r) => [r.id, r.n]));
}

export interface NomineeCandidate {
	subject: Subject;
	id: number;
	name: string;
	groupName: string | null;
}

/**
 * Resident villagers and households whose name matches, for the nomination form: the name and the
 * villagers' group only, which neighbours know anyway; nothing else of the roster.
 */
export function nomineeCandidates(db: Db, villageId: number, search: string): NomineeCandidate[] {
	const q = search.trim().slice(0, 32);
	if (!q) return [];
	const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	const people = db
		.prepare(
			`select 'person' as subject, p.id, p.name, g.name as groupName from people p
			 join households h on h.id = p.household_id left join village_groups g on g.id = h.group_id
			 where p.village_id = ? and p.status = 'resident' and p.name like ? escape '\\'
			 order by p.name, p.id limit 20`
		)
		.all(villageId, like) as NomineeCandidate[];
	const households = db
		.prepare(
			`select 'household' as subject, h.id, p.name, g.name as groupName from households h
			 join people p on p.household_id = h.id and p.is_head = 1 and p.status = 'resident'
			 left join village_groups g on g.id = h.group_id
			 where h.village_id = ? and p.name like ? escape '\\' order by p.name, h.id limit 20`
		)
		.all(villageId, like) as NomineeCandidate[];
	return [...people, ...households];
}

/** The village's closed meetings, newest first: where a meeting-mode round takes its count from. */
export function closedMeetingsOf(db: Db, villageId: number) {
	return db
		.prepare(
			`select id, title, meeting_date as date from meetings where village_id = ? and state = 'closed'
			 order by meeting_date desc, id desc limit 20`
		)
		.all(villageId) as { id: number; title: string; date: string }[];
}

/** An honouree's certificate: the published round, the honouree and the board notice; else null. */
export function certificateOf(db: Db, villageId: number, roundId: number, nominationId: number) {
	const round = findRound(db, villageId, roundId);
	const honouree =
		round && publicHonourees(db, villageId, round.id).find((h) => h.nominationId === nominationId);
	const notice =
		round && round.noticeId !== null
			? (db
					.prepare('select seq, posted_on as postedOn from notices where id = ?')
					.get(round.noticeId) as { seq: number; postedOn: string } | undefined)
			: undefined;
	return round && honouree && notice ? { round, honouree, notice } : null;
}
