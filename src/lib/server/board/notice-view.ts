// What the public board and a notice's page show. Objections appear by their number on the
// notice, never with the objector: the person is only used to tell a signed-in objector "yours".
import type { Db } from '../db';
import { getMeeting, type Meeting } from '../meetings/records';
import { meetingNotices } from '../meetings/notice-records';
import { getResolution } from '../procedure/resolutions';
import { todayInChina } from '../calendar/dates';
import { correctionsOf, getNotice, getNoticeById, type Notice } from '../notices/notices';
import { listNotices, type NoticeFilter } from '../notices/listing';
import { isOverdue, objectionsOfNotice } from '../notices/objections';
import { resolutionNoticeWords, type ResolutionNoticeWords } from '../procedure/notice-words';
import { implementationOf } from '../implementation/implementation';
import { resultNoticeBody } from '../implementation/disclosure';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { rulesNoticeWords } from '../village-rules/notice-words';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import { referralStatusOf } from '../villages/township-referral';

export interface BoardItem {
	seq: number;
	kind: Notice['kind'];
	title: string;
	summary: string;
	postedOn: string;
	postedUntil: string;
	objectionsUntil: string | null;
	resolutionNumber: string | null;
	createdAt: string;
}

/** A notice the app wrote from a resolution's record, not one a clerk typed or corrected. */
const generatedResolution = (n: Notice) =>
	n.kind === 'resolution' && n.resolutionId !== null && n.correctsId === null;

// The notices the app titles itself, "实施结果公开：<the topic's title>": the reader's language.
const TITLES: Partial<Record<Notice['kind'], (i: { title: string }) => string>> = {
	implementation_result: m.impl_notice_title,
	consultation_outcome: m.consult_notice_outcome_title,
	consultation_feedback: m.consult_notice_feedback_title
};

/** A new version of the rules, as the app posted it: its words rebuilt from the record. */
const rulesWords = (db: Db, n: Notice, locale: Locale = getLocale()) =>
	n.rulesVersionId !== null && n.correctsId === null
		? rulesNoticeWords(db, n.rulesVersionId, locale)
		: null;

function generatedTitle(db: Db, n: Notice): string | null {
	const rules = rulesWords(db, n);
	if (rules) return rules.title;
	const title = TITLES[n.kind];
	if (!title || n.topicId === null || n.correctsId !== null) return null;
	const topic = db.prepare('select title from topics where id = ?').pluck().get(n.topicId);
	return typeof topic === 'string' ? title({ title: topic }) : null;
}

/** The summary the app wrote for a result or consultation notice, in the reader's language. */
function generatedSummary(db: Db, n: Notice): string | null {
	if (n.correctsId !== null) return null;
	const rules = rulesWords(db, n);
	if (rules) return rules.summary;
	if (n.kind === 'implementation_result') {
		const completedOn = db
			.prepare(
				`select c.completed_on from implementation_disclosures d
				 join implementation_completions c on c.implementation_id = d.implementation_id
				 where d.notice_id = ?`
			)
			.pluck()
			.get(n.id) as string | undefined;
		return completedOn ? m.impl_notice_summary({ date: formatDate(completedOn) }) : null;
	}
	if (n.kind === 'consultation_outcome') {
		const c = db
			.prepare(
				`select c.id, m.meeting_date as date from consultations c join meetings m on m.id = c.meeting_id
				 where c.outcome_notice_id = ?`
			)
			.get(n.id) as { id: number; date: string } | undefined;
		if (!c) return null;
		const parties = db
			.prepare('select name from consultation_parties where consultation_id = ? order by id')
			.pluck()
			.all(c.id) as string[];
		return m.consult_notice_outcome_summary({
			date: formatDate(c.date),
			parties: parties.join(m.list_separator())
		});
	}
	return null;
}

/**
 * The body of a notice in the reader's language. The stored Chinese is the record, and what a
 * Chinese reader sees; a result notice the app wrote is rebuilt from its records for others.
 */
export function noticeBodyFor(db: Db, villageId: number, n: Notice, locale: Locale): string {
	if (locale !== 'zh-CN' && n.rulesVersionId !== null)
		return rulesWords(db, n, locale)?.body ?? n.body;
	if (locale === 'zh-CN' || n.kind !== 'implementation_result' || n.topicId === null) return n.body;
	const impl = implementationOf(db, villageId, n.topicId);
	const d = impl?.disclosure;
	if (!impl?.completion || !d || d.noticeId !== n.id) return n.body;
	return resultNoticeBody(impl, d.opinion, d.supervisorName, locale);
}

function toItem(db: Db, villageId: number, n: Notice): BoardItem {
	const resolution = n.resolutionId ? getResolution(db, villageId, n.resolutionId) : null;
	// The stored summary is Chinese, written at posting; the reader gets it in their language.
	const summary =
		resolution && generatedResolution(n)
			? m.proc_notice_summary({
					date: formatDate(resolution.adoptedOn),
					meeting: db
						.prepare('select title from meetings where id = ?')
						.pluck()
						.get(resolution.meetingId) as string
				})
			: (generatedSummary(db, n) ?? (n.summary || excerpt(n.body)));
	return {
		seq: n.seq,
		kind: n.kind,
		title: generatedTitle(db, n) ?? n.title,
		summary,
		postedOn: n.postedOn,
		postedUntil: n.postedUntil,
		objectionsUntil: n.objectionsUntil,
		createdAt: n.createdAt,
		resolutionNumber: resolution?.number ?? null
	};
}

/** The first words of a text on one line, for a summary nobody wrote. */
export function excerpt(text: string, length = 100): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

export function boardPage(
	db: Db,
	villageId: number,
	filter: NoticeFilter,
	page: { limit: number; offset: number }
): { items: BoardItem[]; total: number } {
	const r = listNotices(db, villageId, filter, page);
	return { items: r.items.map((n) => toItem(db, villageId, n)), total: r.total };
}

/**
 * The board's front page on `today`: the current notices (正在公示), then a page of the others.
 * Each notice is listed once: a current one is not repeated among the earlier ones, and a notice
 * superseded by its correction or by a new date for its meeting is no longer current.
 */
export function boardFront(
	db: Db,
	villageId: number,
	today: string,
	page: { limit: number; offset: number }
): { current: BoardItem[]; earlier: BoardItem[]; total: number } {
	const earlier = boardPage(db, villageId, { notCurrentOn: today }, page);
	return {
		current: boardPage(db, villageId, { currentOn: today }, { limit: 50, offset: 0 }).items,
		earlier: earlier.items,
		total: earlier.total
	};
}

/** The years that have notices, newest first, for the archive filter. */
export function noticeYears(db: Db, villageId: number): number[] {
	return (
		(
			db
				// Year by year down the (village, posted_on) index: a few seeks, not a scan of the board.
				.prepare(
					`with recursive years(y) as (
				   select substr(max(posted_on), 1, 4) from notices where village_id = @village
				   union all
				   select (select substr(max(posted_on), 1, 4) from notices
				           where village_id = @village and posted_on < years.y || '-01-01')
				   from years where years.y is not null)
				 select cast(y as integer) as y from years where y is not null`
				)
				.all({ village: villageId }) as { y: number }[]
		).map((r) => r.y)
	);
}

/** Who issues a notice on the wall (发布单位): the Party branch for its own meetings, else the committee. */
export type NoticeIssuer = 'committee' | 'branch';
const BRANCH_MEETINGS: readonly string[] = ['branch_committee', 'party_assembly'];

/**
 * The village committee publishes village affairs (组织法 2026 art. 35); the Party branch convenes
 * its own committee and members' assembly (中国共产党农村基层组织工作条例), so their notices go
 * out under the branch's name.
 */
export const noticeIssuer = (meetingType: string | null): NoticeIssuer =>
	meetingType !== null && BRANCH_MEETINGS.includes(meetingType) ? 'branch' : 'committee';

export interface PublicObjection {
	id: number;
	ordinal: number;
	text: string;
	filedOn: string;
	answerDue: string;
	overdue: boolean;
	answer: string | null;
	answeredOn: string | null;
	escalatedOn: string | null;
	/** Where the township has it: its answer deadline, then its answer notice on this board. */
	township: { answerDue: string; answeredOn: string | null; noticeSeq: number | null } | null;
	mine: boolean;
}

const dayOf = (iso: string | null) => (iso ? todayInChina(new Date(iso)) : null);

export function noticeView(
	db: Db,
	villageId: number,
	seq: number,
	viewerPersonId: number | null,
	now = new Date()
) {
	const notice = getNotice(db, villageId, seq);
	if (!notice) return null;
	const today = todayInChina(now);
	const meeting = notice.meetingId ? getMeeting(db, villageId, notice.meetingId) : null;
	const corrects = notice.correctsId ? getNoticeById(db, villageId, notice.correctsId) : null;
	const objections: PublicObjection[] = objectionsOfNotice(db, villageId, notice.id).map((o) => ({
		id: o.id,
		ordinal: o.ordinal,
		text: o.text,
		// A paper objection counts from the day it was received, whenever it was typed in.
		filedOn: o.receivedOn ?? dayOf(o.filedAt)!,
		answerDue: o.answerDue,
		overdue: isOverdue(o, today),
		answer: o.answer,
		answeredOn: dayOf(o.answeredAt),
		escalatedOn: dayOf(o.escalatedAt),
		township: (() => {
			const r = o.escalatedAt ? referralStatusOf(db, villageId, { objectionId: o.id }) : null;
			return r
				? { answerDue: r.answerDue, answeredOn: dayOf(r.answeredAt), noticeSeq: r.noticeSeq }
				: null;
		})(),
		mine: viewerPersonId !== null && o.personId === viewerPersonId
	}));
	const topicNumber = notice.topicId
		? ((
				db
					.prepare('select number from topics where id = ? and village_id = ?')
					.get(notice.topicId, villageId) as { number: string } | undefined
			)?.number ?? null)
		: null;
	const item = toItem(db, villageId, notice);
	return {
		notice: { ...item, body: notice.body, auditHeadHash: notice.auditHeadHash },
		summary: item.summary,
		issuer: noticeIssuer(meeting?.type ?? null),
		meeting: meeting && meeting.state !== 'draft' ? meetingOfNotice(db, meeting, notice.id) : null,
		topicNumber,
		// The version of the rules it publishes: the notice links to its text and comparison.
		rulesVersion: (() => {
			const w = notice.rulesVersionId !== null && rulesWords(db, notice);
			return w ? { kind: w.kind, number: w.number } : null;
		})(),
		corrects: corrects ? { seq: corrects.seq, title: corrects.title } : null,
		correctedBy: correctionsOf(db, villageId, notice.id).map((c) => ({
			seq: c.seq,
			title: c.title
		})),
		objections,
		windowOpen: notice.objectionsUntil !== null && today <= notice.objectionsUntil,
		today
	};
}

/**
 * The meeting as this board notice called it: the date it announced, the notice it replaced
 * ("原定…改期至…"), the later notice that moved it, and a temporary notice's reason.
 */
function meetingOfNotice(db: Db, meeting: Meeting, noticeId: number) {
	const history = meetingNotices(db, meeting.id);
	const index = history.findIndex((h) => h.noticeId === noticeId);
	const own = history[index] ?? history.at(-1);
	const latest = history.at(-1);
	const when = (h: { meetingDate: string; startsAt: string; noticeDate: string }) => ({
		meetingDate: h.meetingDate,
		startsAt: h.startsAt,
		noticeDate: h.noticeDate
	});
	return {
		id: meeting.id,
		type: meeting.type,
		meetingDate: own?.meetingDate ?? meeting.meetingDate,
		startsAt: own?.startsAt ?? meeting.startsAt,
		place: meeting.place,
		noticeDate: own?.noticeDate ?? meeting.noticeDate,
		emergencyReason: own?.emergencyReason ?? null,
		replaces: index > 0 ? when(history[index - 1]) : null,
		movedTo: index >= 0 && latest && index < history.length - 1 ? when(latest) : null
	};
}

export type NoticeView = NonNullable<ReturnType<typeof noticeView>>;

/**
 * A resolution notice's words rebuilt from the record in the reader's language, with the vote as a
 * plain sentence; null for any other notice, whose body is shown as stored. The stored Chinese body
 * stays the legal record (the print and PDF sheets show it).
 */
export function resolutionNoticeOf(
	db: Db,
	villageId: number,
	notice: Notice,
	locale: Locale
): ResolutionNoticeWords | null {
	const resolution =
		generatedResolution(notice) && getResolution(db, villageId, notice.resolutionId!);
	return resolution ? resolutionNoticeWords(db, resolution, locale, formatDate) : null;
}
