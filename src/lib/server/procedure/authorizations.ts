// What the authorisations page reads: the recorded authorisations of the representatives' meeting
// with the villagers' meeting behind each, and the motions that could still be recorded as one.
import type { Db } from '../db';
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

export function listAuthorizations(db: Db, villageId: number): AuthorizationView[] {
	return (
		db
			.prepare(
				`select r.id, r.categories, r.art24_items, r.valid_from, r.valid_to, mo.text, m.id as meeting_id,
				   m.title, m.meeting_date
				 from reps_authorizations r join motions mo on mo.id = r.motion_id join meetings m on m.id = mo.meeting_id
				 where r.village_id = ? order by r.valid_to desc, r.id desc`
			)
			.all(villageId) as {
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
