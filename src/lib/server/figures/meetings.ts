// Meetings in figures: attendance by meeting type (实到 ÷ 应到) and who takes part, women's share
// included. Counted over meetings closed with their date in the period: an open meeting's sign-in
// is not over, and a draft has no roster.
import type { Db } from '../db';
import { MEETING_TYPES, type MeetingType } from '../votes/rules';
import { bind, inGrid, permille, type FigureFilter } from './period';

export interface Attendance {
	meetings: number;
	/** 应到: the roster frozen at notice (voting and non-voting seats). */
	expected: number;
	/** 实到: of them, signed in. */
	present: number;
	ratePermille: number | null;
}

export interface Share {
	/** Distinct people. */
	total: number;
	women: number;
	womenPermille: number | null;
}

export interface Participation {
	/** Signed in to at least one meeting closed in the period. */
	attendees: Share;
	/** Cast at least one ballot (any channel) in such a meeting. */
	voters: Share;
	/** Had a topic submitted for them in the period. */
	proposers: Share;
	/** Had a service request filed for them in the period. */
	requesters: Share;
}

const MEETINGS = `from meetings mt join meeting_roster r on r.meeting_id = mt.id join people p on p.id = r.person_id
	where mt.village_id = @village and mt.state = 'closed' and mt.meeting_date between @from and @to
	  and ${inGrid('p.household_id')}`;

export function attendanceByType(db: Db, f: FigureFilter): Record<MeetingType, Attendance> {
	const rows = db
		.prepare(
			`select mt.type, count(distinct mt.id) as meetings, count(*) as expected,
			   coalesce(sum(r.signed_in_at is not null), 0) as present
			 ${MEETINGS} group by mt.type`
		)
		.all(bind(f)) as { type: MeetingType; meetings: number; expected: number; present: number }[];
	const byType = new Map(rows.map((r) => [r.type, r]));
	return Object.fromEntries(
		MEETING_TYPES.map((t) => {
			const r = byType.get(t) ?? { meetings: 0, expected: 0, present: 0 };
			return [
				t,
				{
					meetings: r.meetings,
					expected: r.expected,
					present: r.present,
					ratePermille: permille(r.present, r.expected)
				}
			];
		})
	) as Record<MeetingType, Attendance>;
}

function share(db: Db, f: FigureFilter, peopleSql: string): Share {
	const r = db
		.prepare(
			`select count(*) as total, coalesce(sum(p.gender = 'f'), 0) as women
			 from people p where p.id in (${peopleSql}) and ${inGrid('p.household_id')}`
		)
		.get(bind(f)) as { total: number; women: number };
	return { ...r, womenPermille: permille(r.women, r.total) };
}

const CLOSED_IN_PERIOD = `select id from meetings where village_id = @village and state = 'closed'
	and meeting_date between @from and @to`;

export function participation(db: Db, f: FigureFilter): Participation {
	return {
		attendees: share(
			db,
			f,
			`select person_id from meeting_roster where meeting_id in (${CLOSED_IN_PERIOD}) and signed_in_at is not null`
		),
		voters: share(
			db,
			f,
			`select b.person_id from ballot_receipts b join motions mo on mo.id = b.motion_id
			 where mo.meeting_id in (${CLOSED_IN_PERIOD})`
		),
		proposers: share(
			db,
			f,
			`select proposer_person_id from topics where village_id = @village and submitted_at >= @fromUtc
			 and submitted_at < @toUtc and proposer_person_id is not null`
		),
		requesters: share(
			db,
			f,
			`select person_id from service_cases where village_id = @village and filed_on between @from and @to`
		)
	};
}
