// What the authorisations page reads: the recorded authorisations of the representatives' meeting
// with the villagers' meeting behind each, and the motions that could still be recorded as one;
// and which authorisation covers a matter on a date, which the 4+2 rules and a resolution cite.
import type { Db } from '../db';
import type { Topic } from '../topics/records';
import type { Art24Item, Category } from '../topics/rules';

export interface AuthorizationView {
	id: number;
	categories: Category[];
	art24Items: Art24Item[];
	validFrom: string;
	validTo: string;
	motionText: string;
	meetingId: number;
	meetingTitle: string;
	meetingDate: string;
}

const VIEW_SQL = `select r.id, r.categories, r.art24_items, r.valid_from, r.valid_to, mo.text,
	  m.id as meeting_id, m.title, m.meeting_date
	from reps_authorizations r join motions mo on mo.id = r.motion_id join meetings m on m.id = mo.meeting_id`;

export function listAuthorizations(db: Db, villageId: number): AuthorizationView[] {
	return toViews(
		db
			.prepare(`${VIEW_SQL} where r.village_id = ? order by r.valid_to desc, r.id desc`)
			.all(villageId)
	);
}

/**
 * The authorisation that lets the representatives' meeting decide this matter on `date`
 * (组织法 2018 art. 24 para. 2, 2026 art. 28 para. 2), or null. Authorisations are never edited,
 * so asking later answers what the meeting relied on. Of several, the earliest given.
 */
export function authorizationFor(
	db: Db,
	villageId: number,
	topic: Pick<Topic, 'category' | 'art24Items'>,
	date: string
): AuthorizationView | null {
	const rows = toViews(
		db
			.prepare(
				`${VIEW_SQL} where r.village_id = ? and r.valid_from <= ? and r.valid_to >= ? order by r.valid_from, r.id`
			)
			.all(villageId, date, date)
	);
	return (
		rows.find(
			// An art. 24 matter needs every one of its items covered, not just its category.
			(r) =>
				r.categories.includes(topic.category) &&
				topic.art24Items.every((i) => r.art24Items.includes(i))
		) ?? null
	);
}

function toViews(rows: unknown[]): AuthorizationView[] {
	return (
		rows as {
			id: number;
			categories: string;
			art24_items: string;
			valid_from: string;
			valid_to: string;
			text: string;
			meeting_id: number;
			title: string;
			meeting_date: string;
		}[]
	).map((r) => ({
		id: r.id,
		categories: JSON.parse(r.categories) as Category[],
		art24Items: JSON.parse(r.art24_items) as Art24Item[],
		validFrom: r.valid_from,
		validTo: r.valid_to,
		motionText: r.text,
		meetingId: r.meeting_id,
		meetingTitle: r.title,
		meetingDate: r.meeting_date
	}));
}

/** Passed motions of closed villagers' meetings not yet recorded as an authorisation. */
export function authorizationCandidates(db: Db, villageId: number) {
	return db
		.prepare(
			`select mo.id, mo.text, m.title as meetingTitle, m.meeting_date as meetingDate
			 from motions mo join meetings m on m.id = mo.meeting_id
			 where m.village_id = ? and m.type = 'villagers_meeting' and m.state = 'closed' and mo.result = 'passed'
			   and not exists (select 1 from reps_authorizations r where r.motion_id = mo.id)
			 order by m.meeting_date desc, mo.id desc`
		)
		.all(villageId) as { id: number; text: string; meetingTitle: string; meetingDate: string }[];
}
