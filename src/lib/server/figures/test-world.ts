// A small village built row by row for the figures' tests: every number a test expects is
// counted from rows it inserted itself, not from the demo's story.
import type { Db } from '../db';
import { createTestDb } from '../db/test-db';

export interface World {
	db: Db;
	village: number;
	user: number;
	grids: [number, number];
	cleanup: () => void;
}

const T = '2026-01-01T00:00:00.000Z';

export function buildWorld(): World {
	const { db, cleanup } = createTestDb();
	const village = Number(
		db.prepare("insert into villages (slug, name, created_at) values ('fig', '统计村', ?)").run(T)
			.lastInsertRowid
	);
	const user = Number(
		db
			.prepare(
				"insert into users (village_id, role, name, phone, created_at) values (?, 'clerk', '文书', '13900000000', ?)"
			)
			.run(village, T).lastInsertRowid
	);
	const grid = (name: string) =>
		Number(
			db.prepare('insert into grids (village_id, name) values (?, ?)').run(village, name)
				.lastInsertRowid
		);
	return { db, village, user, grids: [grid('第一网格'), grid('第二网格')], cleanup };
}

let seq = 0;

/** A household of the grid with one resident of each given gender; returns the people's ids. */
export function household(w: World, grid: number, genders: ('m' | 'f')[] = ['m']) {
	const h = Number(
		w.db
			.prepare('insert into households (village_id, household_key, grid_id) values (?, ?, ?)')
			.run(w.village, `H${++seq}`, grid).lastInsertRowid
	);
	const people = genders.map((g, i) =>
		Number(
			w.db
				.prepare(
					`insert into people (village_id, household_id, name, gender, birth_date, created_at)
					 values (?, ?, ?, ?, '1960-01-01', ?)`
				)
				.run(w.village, h, `村民${seq}-${i}`, g, T).lastInsertRowid
		)
	);
	return { household: h, people };
}

export interface TopicRow {
	category?: string;
	state?: string;
	person?: number | null;
	submittedAt: string;
	triagedAt?: string | null;
	closedAt?: string | null;
	endKind?: string | null;
}

export function topic(w: World, t: TopicRow): number {
	const n = ++seq;
	return Number(
		w.db
			.prepare(
				`insert into topics (village_id, number, year, seq, title, description, category, state, channel,
				   proposer_person_id, filed_by_user_id, submitted_at, triaged_at, closed_at, end_kind, created_at, updated_at)
				 values (?, ?, 2026, ?, ?, '', ?, ?, 'online', ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				w.village,
				`T-${n}`,
				n,
				`议题${n}`,
				t.category ?? 'livelihood',
				t.state ?? 'submitted',
				t.person ?? null,
				w.user,
				t.submittedAt,
				t.triagedAt ?? null,
				t.closedAt ?? null,
				t.endKind ?? null,
				t.submittedAt,
				t.submittedAt
			).lastInsertRowid
	);
}

export interface CaseRow {
	person: number;
	category?: string;
	state: string;
	filedOn: string;
	/** Step kinds after 'filed'. */
	steps?: string[];
	rating?: string | null;
	createdAt?: string;
	completedAt?: string | null;
	title?: string;
}

export function serviceCase(w: World, c: CaseRow): number {
	const n = ++seq;
	const created = c.createdAt ?? `${c.filedOn}T01:00:00.000Z`;
	const id = Number(
		w.db
			.prepare(
				`insert into service_cases (village_id, number, year, seq, category, title, person_id, filed_by_user_id,
				   channel, state, limit_days, filed_on, due_on, rating, completed_at, created_at, updated_at)
				 values (?, ?, 2026, ?, ?, ?, ?, ?, 'online', ?, 5, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				w.village,
				`FW-${n}`,
				n,
				c.category ?? 'certificate',
				c.title ?? `办事${n}`,
				c.person,
				w.user,
				c.state,
				c.filedOn,
				c.filedOn,
				c.rating ?? null,
				c.completedAt ?? null,
				created,
				created
			).lastInsertRowid
	);
	for (const kind of ['filed', ...(c.steps ?? [])])
		w.db
			.prepare('insert into service_case_steps (case_id, kind, at) values (?, ?, ?)')
			.run(id, kind, created);
	return id;
}

/**
 * A closed meeting of `type` on `date` with these people on its roster, `present` of them signed
 * in, and `voters` of those casting a ballot on one motion.
 */
export function closedMeeting(
	w: World,
	type: string,
	date: string,
	roster: number[],
	present: number[],
	voters: number[] = []
): number {
	const db = w.db;
	const m = Number(
		db
			.prepare(
				`insert into meetings (village_id, type, title, meeting_date, rule_set_id, rule_json, created_by, created_at)
				 values (?, ?, '会议', ?, 'CN_2026', '{}', ?, ?)`
			)
			.run(w.village, type, date, w.user, T).lastInsertRowid
	);
	const item = db
		.prepare(
			"insert into agenda_items (meeting_id, position, title) values (?, 1, '事项') returning id"
		)
		.pluck()
		.get(m);
	for (const p of roster)
		db.prepare('insert into meeting_roster (meeting_id, person_id, voting) values (?, ?, 1)').run(
			m,
			p
		);
	db.prepare("update meetings set state = 'notified', notice_date = ? where id = ?").run(date, m);
	for (const p of present)
		db.prepare(
			'update meeting_roster set signed_in_at = ? where meeting_id = ? and person_id = ?'
		).run(T, m, p);
	db.prepare("update meetings set state = 'open', opened_at = ? where id = ?").run(T, m);
	const motion = db
		.prepare(
			`insert into motions (meeting_id, agenda_item_id, text, method, state, created_by, created_at, opened_at)
			 values (?, ?, '表决', 'named', 'open', ?, ?, ?) returning id`
		)
		.pluck()
		.get(m, item, w.user, T, T);
	for (const p of voters) {
		db.prepare('insert into motion_presence (motion_id, person_id) values (?, ?)').run(motion, p);
		db.prepare(
			"insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, 'online')"
		).run(motion, p);
	}
	db.prepare(
		"update meetings set state = 'closed', closed_at = ?, audit_head_hash = 'x' where id = ?"
	).run(T, m);
	return m;
}
