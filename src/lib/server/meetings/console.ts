// What the clerk's console and the new-meeting form read beyond the shared view (view.ts): the rule
// of each meeting type as help for choosing a date, the people who may chair or record, the topics
// an agenda item may take up, and the checks that a posted id belongs to the meeting in hand.
import type { Db } from '../db';
import { currentMeetingNotice } from './notice-records';
import { listPeople } from '../roster/people';
import { labelPeople } from '../roster/person-labels';
import { entrustablePeople, listEntrustments } from './entrustments';
import { todayInChina } from '../calendar/dates';
import { idParam } from '../villages/context';
import { searchText } from './console-forms';
import { getMeeting, getMotion, listRoster, type Meeting, type Motion } from './records';
import { meetingView } from './view';
import { labelledRoster, paperEntries } from './paper-entry';
import {
	CN_2018,
	MEETING_TYPES,
	earliestOpening,
	symbolicFormula,
	type MeetingType,
	type RuleSet
} from '../votes/rules';

export interface MeetingTypeGuide {
	type: MeetingType;
	noticeDays: number;
	opensAtOnce: boolean;
	/** Each quorum condition in symbolic form; more than one means any one of them suffices. */
	quorumRules: string[];
	passRule: string | null;
	/** The attendees are picked by name when the notice is sent, not derived from roles. */
	namedRoster: boolean;
	/** The roster is one 村民小组's: the meeting needs a group. */
	groupScoped: boolean;
	/** The first day the meeting may open if the notice goes out today. */
	earliestIfNotifiedToday: string;
}

/** Every meeting type's notice period, quorum and pass rule, as the clerk picks a type and date. */
export function meetingTypeGuide(rules: RuleSet, today: string): MeetingTypeGuide[] {
	return MEETING_TYPES.map((type) => {
		const rule = rules.meetings[type];
		const q = rule.quorum;
		return {
			type,
			noticeDays: rule.noticeDays,
			opensAtOnce: rule.opensAtOnce,
			quorumRules: (q.kind === 'compare' ? [q.test] : q.kind === 'any' ? q.tests : []).map(
				symbolicFormula
			),
			passRule: rule.pass.kind === 'compare' ? symbolicFormula(rule.pass.test) : null,
			namedRoster: rule.roster.kind === 'named',
			groupScoped: rule.roster.kind === 'roles' && rule.roster.scope === 'group',
			earliestIfNotifiedToday: earliestOpening(type, today, rules)
		};
	});
}

export interface PersonOption {
	id: number;
	name: string;
	/** The name, with what tells namesakes apart (roster/namesakes.ts). */
	label: string;
}

/**
 * Who may chair or record a meeting: people holding a branch or villagers' committee seat, or the
 * clerk's post, on `date`. A name shared by two people keeps both rows, labelled apart.
 */
export function officerCandidates(db: Db, villageId: number, date: string): PersonOption[] {
	const people = db
		.prepare(
			`select distinct p.id, p.name from roles r join people p on p.id = r.person_id
			 where r.village_id = ? and p.status = 'resident'
			   and r.role in ('branch_secretary', 'branch_committee', 'villagers_committee', 'clerk')
			   and r.start_date <= ? and (r.end_date is null or r.end_date >= ?)
			 order by p.id`
		)
		.all(villageId, date, date) as Omit<PersonOption, 'label'>[];
	return labelPeople(db, villageId, people);
}

/**
 * The officers a draft may name, plus whoever it names now though not (or no longer) an officer:
 * saving the draft's other details must not drop its chair or recorder unasked.
 */
export function draftOfficerOptions(db: Db, meeting: Meeting): PersonOption[] {
	const officers: Omit<PersonOption, 'label'>[] = officerCandidates(
		db,
		meeting.villageId,
		meeting.meetingDate
	);
	for (const id of [meeting.chairPersonId, meeting.recorderPersonId]) {
		if (id === null || officers.some((o) => o.id === id)) continue;
		const person = db
			.prepare('select id, name from people where id = ? and village_id = ?')
			.get(id, meeting.villageId) as Omit<PersonOption, 'label'> | undefined;
		if (person) officers.push(person);
	}
	return labelPeople(db, meeting.villageId, officers);
}

export interface TopicOption {
	id: number;
	number: string;
	title: string;
}

/** Topics an agenda item may take up: filed and still in play (not drafts, closed or merged). */
export function agendaTopicOptions(db: Db, villageId: number): TopicOption[] {
	return db
		.prepare(
			`select id, number, title from topics
			 where village_id = ? and state in ('submitted', 'consultation', 'four_plus_two', 'direct')
			 order by id desc limit 200`
		)
		.all(villageId) as TopicOption[];
}

/**
 * People to tick for a meeting of named attendees: those matching `search`, and always those
 * already ticked, so a second search (a GET without JavaScript) keeps the earlier choices.
 */
export function attendeeCandidates(
	db: Db,
	villageId: number,
	search: string,
	picked: number[]
): (PersonOption & { picked: boolean })[] {
	const found = search ? listPeople(db, villageId, { search, pageSize: 50 }).items : [];
	const pickedSet = new Set(picked);
	const byId = new Map<number, Omit<PersonOption, 'label'> & { picked: boolean }>();
	if (picked.length) {
		const rows = db
			.prepare(
				`select id, name from people where village_id = ? and id in (${picked.map(() => '?').join(',')}) order by id`
			)
			.all(villageId, ...picked) as Omit<PersonOption, 'label'>[];
		for (const r of rows) byId.set(r.id, { ...r, picked: true });
	}
	for (const p of found)
		if (!byId.has(p.id)) byId.set(p.id, { id: p.id, name: p.name, picked: pickedSet.has(p.id) });
	return labelPeople(db, villageId, [...byId.values()]);
}

/** The motion, only when it belongs to this meeting (of this village). */
export function motionOfMeeting(
	db: Db,
	villageId: number,
	meetingId: number,
	motionId: number
): Motion | null {
	const motion = getMotion(db, villageId, motionId);
	return motion?.meetingId === meetingId ? motion : null;
}

/** Does this agenda item belong to this meeting (of this village)? */
export function isAgendaItemOf(
	db: Db,
	villageId: number,
	meetingId: number,
	agendaItemId: number
): boolean {
	return (
		getMeeting(db, villageId, meetingId) !== null &&
		!!db
			.prepare('select 1 from agenda_items where id = ? and meeting_id = ?')
			.get(agendaItemId, meetingId)
	);
}

/**
 * The first day this meeting may open if the notice goes out on `noticeDate`, by the rule frozen
 * into the meeting when it was created (not today's rule set).
 */
export function earliestOpeningOf(meeting: Meeting, noticeDate: string, base: RuleSet): string {
	return earliestOpening(meeting.type, noticeDate, {
		...base,
		meetings: { ...base.meetings, [meeting.type]: meeting.rule }
	});
}

/** Everything the console page shows of a meeting of this village, with its query's search terms. */
export function consolePage(db: Db, villageId: number, meeting: Meeting, params: URLSearchParams) {
	const today = todayInChina();
	const collective = meeting.type === 'collective_members';
	const entrustments = collective ? listEntrustments(db, meeting.id) : [];
	const proxyOf = new Map(entrustments.map((e) => [e.principalId, e.proxyName]));
	// One read of where each person lives: the label, and the household and group beside it.
	const homes = new Map(labelledRoster(db, meeting.id).map((r) => [r.personId, r]));
	const roster = listRoster(db, meeting.id).map((r) => ({
		personId: r.personId,
		name: r.name,
		label: homes.get(r.personId)?.label ?? r.name,
		household: homes.get(r.personId)?.householdKey ?? '',
		groupId: homes.get(r.personId)?.groupId ?? null,
		groupName: homes.get(r.personId)?.groupName ?? null,
		voting: r.voting,
		status: r.leftAt
			? ('left' as const)
			: r.signedInAt
				? ('present' as const)
				: ('absent' as const),
		proxyName: proxyOf.get(r.personId) ?? null
	}));

	const draft = meeting.state === 'draft';
	const namedRoster = meeting.rule.roster.kind === 'named';
	const find = searchText(params.get('find'));
	const picked = params
		.getAll('attendee')
		.map(idParam)
		.filter((n): n is number => n !== null)
		.slice(0, 500);
	const view = meetingView(db, villageId, meeting.id)!;
	return {
		view,
		today,
		q: searchText(params.get('q')),
		roster,
		// "全部到会" without JavaScript: the checklist comes back with everyone absent ticked.
		tickAll: params.get('tick') === 'all',
		marked: idParam(params.get('marked')),
		votes: meeting.rule.voters !== null,
		// The paper and roll-call list of each open motion, every row shown as what it is.
		entry: paperEntries(
			db,
			meeting.id,
			view.agenda.flatMap((a) => a.motions),
			entrustments
		),
		// 书面委托: only a collective members' meeting takes them (集体经济组织法 第二十七条).
		entrustments,
		entrustable:
			collective && (meeting.state === 'notified' || meeting.state === 'open')
				? entrustablePeople(db, meeting.id)
				: [],
		notified: params.get('notified') === '1',
		reNoticed: params.get('reNoticed') === '1',
		edited: params.get('edited'),
		// The chair and recorder the draft's edit form offers.
		officers: draft ? draftOfficerOptions(db, meeting) : [],
		// What a draft needs: topics for the agenda, and the attendee picker of a named roster.
		topics: draft ? agendaTopicOptions(db, villageId) : [],
		namedRoster,
		find,
		candidates: draft && namedRoster ? attendeeCandidates(db, villageId, find, picked) : [],
		earliestIfNotifiedToday: draft ? earliestOpeningOf(meeting, today, CN_2018) : null,
		earliestOpening:
			meeting.state === 'notified' && meeting.noticeDate
				? earliestOpeningOf(meeting, meeting.noticeDate, CN_2018)
				: null,
		earliestIfReNoticedToday:
			meeting.state === 'notified' ? earliestOpeningOf(meeting, today, CN_2018) : null,
		// The rule frozen into the meeting decides whether a temporary notice is open to it.
		temporaryNotice: meeting.rule.temporaryNotice === true,
		emergencyReason:
			meeting.state === 'draft'
				? null
				: (currentMeetingNotice(db, meeting.id)?.emergencyReason ?? null)
	};
}
