// The lists of a village's resolutions: those the staff still have to publish (the dashboard's
// "待公布的决议"), and the public register, where every number of a year appears so the public
// numbering has no unexplained hole — an unpublished one by its number and state only.
import type { Db } from '../db';
import { noticeOfResolution, publicationBlock, type PublicationBlock } from './publication';
import { getResolution } from './resolutions';

export interface PendingResolution {
	id: number;
	number: string;
	text: string;
	adoptedOn: string;
	meetingTitle: string;
	/** Why it cannot be published now; null when the one publish action will succeed. */
	block: Exclude<PublicationBlock, 'already_published'> | null;
}

/** Adopted, unpublished resolutions of the village, oldest first. */
export function pendingResolutions(db: Db, villageId: number): PendingResolution[] {
	const rows = db
		.prepare(
			`select r.id, m.title from resolutions r join meetings m on m.id = r.meeting_id
			 where r.village_id = ? and not exists (
			   select 1 from notices n where n.resolution_id = r.id and n.kind = 'resolution')
			 order by r.year, r.seq`
		)
		.all(villageId) as { id: number; title: string }[];
	return rows.map(({ id, title }) => {
		const r = getResolution(db, villageId, id)!;
		const block = publicationBlock(db, villageId, r);
		return {
			id,
			number: r.number,
			text: r.text,
			adoptedOn: r.adoptedOn,
			meetingTitle: title,
			block: block === 'already_published' ? null : block
		};
	});
}

export type RegisterEntry =
	| {
			id: number;
			year: number;
			seq: number;
			number: string;
			adoptedOn: string;
			published: { text: string; noticeSeq: number; postedOn: string };
	  }
	| { id: number; year: number; seq: number; number: string; adoptedOn: string; published: null };

/** Every resolution of the village by year and number, newest year first; content only once published. */
export function publicRegister(db: Db, villageId: number): RegisterEntry[] {
	const rows = db
		.prepare(
			`select id, year, seq, number, text, adopted_on from resolutions where village_id = ?
			 order by year desc, seq`
		)
		.all(villageId) as {
		id: number;
		year: number;
		seq: number;
		number: string;
		text: string;
		adopted_on: string;
	}[];
	return rows.map((r) => {
		const notice = noticeOfResolution(db, villageId, r.id);
		const base = { id: r.id, year: r.year, seq: r.seq, number: r.number, adoptedOn: r.adopted_on };
		return notice
			? { ...base, published: { text: r.text, noticeSeq: notice.seq, postedOn: notice.postedOn } }
			: { ...base, published: null };
	});
}
