// The rows of each open dataset, read from the public record only: notices already posted,
// resolutions once published, meeting notices on the board, implementations whose decision or
// result is on the board. No row carries a person: no name columns, no phones, no ids of people,
// and a name or mobile number inside a text (a consultation's parties in a notice's summary) is
// masked; the notice's own page, at the row's link, shows it as posted.
import type { Db } from '../db';
import { resolutionView } from '../procedure/view';
import { implementationOf } from '../implementation/implementation';
import { excerpt } from '../board/notice-view';
import { SCHEMA, type Dataset, type Row } from './schema';

export interface RecordsInput {
	villageId: number;
	slug: string;
	/** The China date: a notice posted later is not yet public. */
	today: string;
	/** Links are absolute, so a downloaded file still points at the page. */
	origin: string;
}

const link = (i: RecordsInput, path: string) => new URL(`/${i.slug}/${path}`, i.origin).href;

function notices(db: Db, i: RecordsInput): Row[] {
	const rows = db
		.prepare(
			`select n.seq, n.kind, n.title, n.summary, n.body, n.posted_on, n.posted_until,
			   n.objections_until, c.seq as corrects, r.number as resolution
			 from notices n left join notices c on c.id = n.corrects_id
			 left join resolutions r on r.id = n.resolution_id
			 where n.village_id = ? and n.posted_on <= ? order by n.seq`
		)
		.all(i.villageId, i.today) as {
		seq: number;
		kind: string;
		title: string;
		summary: string;
		body: string;
		posted_on: string;
		posted_until: string;
		objections_until: string | null;
		corrects: number | null;
		resolution: string | null;
	}[];
	return rows.map((n) => ({
		number: n.seq,
		kind: n.kind,
		title: n.title,
		// The board's own fallback: a notice without a summary shows the start of its text.
		summary: n.summary || excerpt(n.body),
		posted_on: n.posted_on,
		posted_until: n.posted_until,
		objections_until: n.objections_until,
		corrects_number: n.corrects,
		resolution_number: n.resolution,
		link: link(i, `notices/${n.seq}`)
	}));
}

/** Published resolutions with the vote and the arithmetic their public page shows. */
function resolutions(db: Db, i: RecordsInput): Row[] {
	const rows = db
		.prepare(
			`select r.id, min(n.seq) as seq from resolutions r
			 join notices n on n.resolution_id = r.id and n.kind = 'resolution' and n.posted_on <= ?
			 where r.village_id = ? group by r.id order by r.year, r.seq`
		)
		.all(i.today, i.villageId) as { id: number; seq: number }[];
	return rows.map(({ id, seq }) => {
		const v = resolutionView(db, i.villageId, id)!;
		return {
			number: v.resolution.number,
			text: v.resolution.text,
			adopted_on: v.resolution.adoptedOn,
			meeting_type: v.meeting.type,
			meeting_title: v.meeting.title,
			meeting_date: v.meeting.date,
			method: v.vote.method,
			votes_for: v.vote.tally?.yes ?? null,
			votes_against: v.vote.tally?.no ?? null,
			votes_abstain: v.vote.tally?.abstain ?? null,
			entitled: v.vote.expected,
			present: v.vote.present,
			quorum_check: v.vote.quorum || null,
			quorum_met: v.vote.quorumMet,
			pass_rule: v.vote.passRule,
			pass_check: v.vote.passCheck,
			passed: v.vote.passed,
			notice_number: seq,
			link: link(i, `resolutions/${id}`)
		};
	});
}

/** Each notice a meeting was called by (a new date is a new notice), as the board posted it. */
function meetingNotices(db: Db, i: RecordsInput): Row[] {
	const rows = db
		.prepare(
			`select n.seq, n.posted_on, m.id, m.type, m.title, mn.meeting_date, mn.starts_at, m.ends_at,
			   coalesce(v.name, m.place) as place, mn.emergency_reason, m.state
			 from meeting_notices mn join meetings m on m.id = mn.meeting_id
			 join notices n on n.id = mn.notice_id
			 left join venues v on v.id = m.venue_id
			 where m.village_id = ? and m.state != 'draft' and n.posted_on <= ? order by n.seq`
		)
		.all(i.villageId, i.today) as {
		seq: number;
		posted_on: string;
		id: number;
		type: string;
		title: string;
		meeting_date: string;
		starts_at: string;
		ends_at: string;
		place: string;
		emergency_reason: string | null;
		state: string;
	}[];
	const agenda = db
		.prepare('select title from agenda_items where meeting_id = ? order by position')
		.pluck();
	return rows.map((r) => ({
		notice_number: r.seq,
		meeting_type: r.type,
		title: r.title,
		meeting_date: r.meeting_date,
		starts_at: r.starts_at,
		ends_at: r.ends_at,
		place: r.place,
		agenda: agenda.all(r.id) as string[],
		temporary: r.emergency_reason !== null,
		posted_on: r.posted_on,
		meeting_state: r.state,
		link: link(i, `meetings/${r.id}`)
	}));
}

const yuan = (fen: number) => fen / 100;

/**
 * Implementations whose decision is on the board (a published resolution) or whose result notice
 * is posted; the responsible person and the supervisors stay on the notice, not in the data.
 */
function implementations(db: Db, i: RecordsInput): Row[] {
	const topics = db
		.prepare(
			`select i.topic_id from implementations i where i.village_id = @village and (
			   exists (select 1 from notices n where n.resolution_id = i.resolution_id
			     and n.kind = 'resolution' and n.posted_on <= @today)
			   or exists (select 1 from implementation_disclosures d join notices n on n.id = d.notice_id
			     where d.implementation_id = i.id and n.posted_on <= @today))
			 order by i.id`
		)
		.pluck()
		.all({ village: i.villageId, today: i.today }) as number[];
	const topicOf = db.prepare('select number, title from topics where id = ?');
	const resolutionOf = db.prepare('select number from resolutions where id = ?').pluck();
	return topics.map((topicId) => {
		const impl = implementationOf(db, i.villageId, topicId)!;
		const topic = topicOf.get(topicId) as { number: string; title: string };
		const last = impl.progress.at(-1);
		const spent = last?.spentFen ?? 0;
		const disclosed = impl.disclosure && impl.disclosure.noticeSeq;
		return {
			topic_number: topic.number,
			title: topic.title,
			resolution_number:
				impl.resolutionId === null ? null : (resolutionOf.get(impl.resolutionId) as string),
			budget_yuan: yuan(impl.budgetFen),
			spent_yuan: yuan(spent),
			over_budget: spent > impl.budgetFen,
			progress_percent: last?.percent ?? 0,
			last_reported_on: last?.onDate ?? null,
			state: disclosed ? 'result_published' : impl.completion ? 'completed' : 'under_way',
			completed_on: impl.completion?.completedOn ?? null,
			result_notice_number: disclosed || null
		};
	});
}

const READERS: Record<Dataset, (db: Db, i: RecordsInput) => Row[]> = {
	notices,
	resolutions,
	'meeting-notices': meetingNotices,
	implementations
};

/** What stands for a masked name or number: the way a Chinese record blanks one out. */
export const MASK = '○○';

/**
 * A masker of the names of everyone on the village's roster and of every account (two characters
 * or more: a one-character name would blank ordinary words), and of mainland mobile numbers.
 */
function personalMasker(db: Db, villageId: number): (text: string) => string {
	const names = db
		.prepare(
			`select name from people where village_id = ? and length(name) >= 2
			 union select name from users where length(name) >= 2`
		)
		.pluck()
		.all(villageId) as string[];
	// Longest first, so 王丽华 is masked whole rather than as 王丽 and a stray 华.
	const escaped = names
		.sort((a, b) => b.length - a.length)
		.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const pattern = new RegExp([...escaped, '(?<![0-9])1[3-9][0-9]{9}(?![0-9])'].join('|'), 'gu');
	return (text) => text.replace(pattern, MASK);
}

/** Every row of one dataset, oldest first (a stable order, so pages do not shift). */
export function datasetRows(db: Db, dataset: Dataset, input: RecordsInput): Row[] {
	const mask = personalMasker(db, input.villageId);
	const texts = SCHEMA[dataset].filter((f) => f.type === 'text' || f.type === 'text[]');
	return READERS[dataset](db, input).map((row) => {
		for (const { key } of texts) {
			const v = row[key];
			if (typeof v === 'string') row[key] = mask(v);
			else if (Array.isArray(v)) row[key] = v.map(mask);
		}
		return row;
	});
}
