import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { checkLogin } from '../auth/accounts';
import { DEMO_ACCOUNTS, DEMO_VILLAGE, seedDemo } from './demo';
import { DEMO_SECOND_VILLAGE, DEMO_TOWNSHIP_ACCOUNTS } from './demo-township';
import { whoCountsOn } from '../roster/counts';
import { rosterWarnings } from '../roster/checks';
import { addDays, todayInChina } from '../calendar/dates';
import { openMeeting } from '../meetings/notice';
import { minutesOf } from '../meetings/minutes-view';
import { DEMO_CLOSED_MEETING_TITLE } from './demo-closed-meeting';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('demo seed', () => {
	it('creates 新阳村 with its demo accounts once, and only on an empty database', async () => {
		expect(await seedDemo(db)).toBe(true);
		expect(await seedDemo(db)).toBe(false);
		const village = db
			.prepare(
				'select id, slug, name, township, township_id, one_shoulder from villages order by id'
			)
			.all() as { id: number; township_id: number }[];
		// 新阳村 and 湖东村, the second village of its township 长青乡.
		expect(village).toEqual([
			{
				id: village[0].id,
				slug: DEMO_VILLAGE.slug,
				name: '新阳村',
				township: '长青乡',
				township_id: village[0].township_id,
				one_shoulder: 1
			},
			{
				id: village[1].id,
				slug: DEMO_SECOND_VILLAGE.slug,
				name: DEMO_SECOND_VILLAGE.name,
				township: '长青乡',
				township_id: village[0].township_id,
				one_shoulder: 0
			}
		]);
		expect(village[0].township_id).not.toBeNull();
		for (const a of [...DEMO_ACCOUNTS, ...DEMO_TOWNSHIP_ACCOUNTS, DEMO_SECOND_VILLAGE.clerk]) {
			expect(await checkLogin(db, a.phone, a.password)).toMatchObject({
				ok: true,
				role: 'role' in a ? a.role : 'clerk'
			});
		}
		expect(
			db
				.prepare(
					'select role, township_id as t from users where township_id is not null order by role'
				)
				.all()
		).toEqual([
			{ role: 'township_official', t: village[0].township_id },
			{ role: 'township_reviewer', t: village[0].township_id }
		]);
		expect(verifyChain(db).ok).toBe(true);
		// Every login of 新阳村 belongs to a person on its roster.
		const unlinked = db
			.prepare('select count(*) as n from users where village_id = ? and person_id is null')
			.get(village[0].id);
		expect(unlinked).toEqual({ n: 0 });
	});

	it('has the roster the issue asks for, meeting both legal checks', async () => {
		await seedDemo(db);
		const { id } = db.prepare('select id from villages').get() as { id: number };
		const c = whoCountsOn(db, id, '2026-11-27');
		expect(c.households).toBe(120);
		expect(c.adults).toBeGreaterThanOrEqual(310);
		expect(c.adults).toBeLessThanOrEqual(350);
		expect(c.partyFull + c.partyProbationary).toBe(35);
		expect(c.partyProbationary).toBe(2);
		expect(c.committeeMembers).toBe(5);
		expect(c.representatives).toBe(20);
		expect(c.supervisionMembers).toBe(3);
		expect(c.groups).toHaveLength(4);
		expect(db.prepare('select count(*) as n from grids where village_id = ?').get(id)).toEqual({
			n: 8
		});
		expect(rosterWarnings(c)).toEqual([]);
		const womenReps = db
			.prepare(
				"select count(*) as n from roles r join people p on p.id = r.person_id where r.role = 'village_rep' and p.gender = 'f'"
			)
			.get() as { n: number };
		expect(womenReps.n).toBeGreaterThanOrEqual(9);
		// The roster came in through the importer: one import audit entry, and no full ID number kept.
		expect(
			db
				.prepare(
					"select count(*) as n from audit where action = 'roster.imported' and village_id = ?"
				)
				.get(id)
		).toEqual({ n: 1 });
		expect(
			db.prepare('select count(*) as n from people where length(id_last4) != 4').get()
		).toEqual({ n: 0 });
	});

	it("has a dozen topics in several states, the article's cases among them", async () => {
		await seedDemo(db);
		const topics = db.prepare('select number, title, state from topics order by id').all() as {
			number: string;
			title: string;
			state: string;
		}[];
		expect(topics.length).toBeGreaterThanOrEqual(12);
		expect(topics[0].number).toBe('XY-2026-0001');
		const states = new Set(topics.map((t) => t.state));
		for (const s of [
			'draft',
			'submitted',
			'consultation',
			'four_plus_two',
			'direct',
			'completed',
			'merged',
			'not_accepted'
		]) {
			expect(states).toContain(s);
		}
		const titles = topics.map((t) => t.title).join('|');
		for (const needle of ['储藏库', '果树', '舞台', '户籍']) expect(titles).toContain(needle);
	});

	it('is deterministic: two seeds give the same rows apart from hashes and times', async () => {
		const other = createTestDb();
		try {
			await seedDemo(db);
			await seedDemo(other.db);
			const rows = (d: Db) =>
				d.prepare('select id, village_id, role, name, phone from users order by id').all();
			expect(rows(other.db)).toEqual(rows(db));
		} finally {
			other.cleanup();
		}
	});

	it("has a representatives' meeting ready to open today and a villagers' meeting called ahead", async () => {
		await seedDemo(db);
		const { id } = db.prepare('select id from villages').get() as { id: number };
		const today = todayInChina();
		const meetings = db
			.prepare('select id, type, state, meeting_date, notice_date from meetings order by id')
			.all() as {
			id: number;
			type: string;
			state: string;
			meeting_date: string;
			notice_date: string;
		}[];
		const ready = meetings.find((m) => m.type === 'reps_meeting' && m.meeting_date === today)!;
		expect(ready).toMatchObject({ state: 'notified', notice_date: addDays(today, -4) });
		const clerk = db
			.prepare("select id, person_id from users where phone = '13800000001'")
			.get() as {
			id: number;
			person_id: number;
		};
		const opened = openMeeting(
			db,
			{ userId: clerk.id, personId: clerk.person_id, role: 'clerk' },
			id,
			ready.id
		);
		expect(opened.ok).toBe(true);
		// 20 representatives and 5 committee members (一肩挑: the secretary chairs the committee).
		expect(
			db
				.prepare('select count(*) as n from meeting_roster where meeting_id = ? and voting = 1')
				.get(ready.id)
		).toEqual({ n: 25 });
		const ahead = meetings.find((m) => m.type === 'villagers_meeting')!;
		expect(ahead).toMatchObject({
			state: 'notified',
			notice_date: today,
			meeting_date: addDays(today, 14)
		});
		expect(verifyChain(db).ok).toBe(true);
	});

	it('has a closed party assembly on the storage house, with its minutes, as the oldest meeting', async () => {
		await seedDemo(db);
		const { id: villageId } = db.prepare('select id from villages').get() as { id: number };
		const first = db.prepare('select id, title, state from meetings order by id limit 1').get() as {
			id: number;
			title: string;
			state: string;
		};
		expect(first).toMatchObject({ title: DEMO_CLOSED_MEETING_TITLE, state: 'closed' });
		const minutes = minutesOf(db, villageId, first.id)!;
		expect(minutes.meeting.type).toBe('party_assembly');
		expect(minutes.meeting.minutes).toContain('储藏库');
		expect(minutes.agenda[0].topic?.title).toBe('建设1000平方米果蔬储藏库');
		expect(minutes.agenda[0].motions[0].result).toBe('passed');
		expect(minutes.attendees.map((a) => a.name)).toContain('李建国');
		expect(minutes.confirmations).toHaveLength(20);
		expect(minutes.confirmations.map((c) => c.name)).not.toContain('李建国');
		const chain = verifyChain(db);
		expect(chain.ok).toBe(true);
		// The head printed in the minutes is an entry of the verified chain.
		const printed = db
			.prepare('select hash from audit where id = ?')
			.pluck()
			.get(minutes.meeting.auditHeadId);
		expect(printed).toBe(minutes.meeting.auditHeadHash);
	});

	it('shows a notice board with real content: a resolution under notice, one with results disclosed, a consultation outcome, a meeting notice', async () => {
		await seedDemo(db);
		const today = todayInChina();
		const kinds = (sql: string) => db.prepare(sql).pluck().all({ today }) as string[];
		// Posted now (within the posting period).
		expect(
			kinds(
				"select kind from notices where kind = 'resolution' and posted_on <= @today and posted_until >= @today"
			).length
		).toBeGreaterThanOrEqual(1);
		expect(
			kinds("select kind from notices where kind = 'meeting' and posted_until >= @today").length
		).toBeGreaterThanOrEqual(1);
		expect(
			kinds("select kind from notices where kind = 'consultation_outcome' and @today is not null")
		).toHaveLength(1);
		// A resolution whose implementation result was disclosed: the road, through all six steps.
		const disclosed = db
			.prepare(
				`select r.number, t.title from notices n join topics t on t.id = n.topic_id
				 join resolutions r on r.topic_id = t.id
				 where n.kind = 'implementation_result'`
			)
			.all() as { number: string; title: string }[];
		expect(disclosed).toEqual([
			{
				number: expect.stringMatching(/^新阳村决〔2026〕\d+号$/),
				title: '硬化三组至四组村道1.2公里'
			}
		]);
		expect(verifyChain(db).ok).toBe(true);
	});
});
