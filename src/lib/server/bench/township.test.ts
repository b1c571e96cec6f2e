import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../audit/chain.js';
import { openDatabase } from '../db/open.js';
import { checkLogin } from '../auth/accounts';
import { meetingView } from '../meetings/view';
import { listCases } from '../services/queries';
import {
	TINY,
	TOWNSHIP,
	STORM_PASSWORD,
	generate,
	scaleFor,
	townshipPhone,
	type Generated
} from './township';

describe('the benchmark township', () => {
	it('generates the same database for the same scale, with working logins and open motions', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishiting-bench-'));
		try {
			const a = await generate(join(dir, 'a.db'), TINY, { today: '2026-11-27' });
			const b = await generate(join(dir, 'b.db'), TINY, { today: '2026-11-27' });
			expect(a.counts).toEqual(b.counts);
			expect(a.counts).toMatchObject({
				villages: 2,
				people: 600,
				topics: 200,
				topic_opinions: 20,
				// The closed ones, the storm's and the open loop's.
				meetings: 12,
				townships: 1,
				notices: 20,
				service_cases: 60
			});
			expect(a.counts.ballot_receipts).toBe(1000);
			const db = openDatabase(join(dir, 'a.db'));
			try {
				expect(await checkLogin(db, a.storm.phones[0], STORM_PASSWORD)).toMatchObject({ ok: true });
				const v = (
					db.prepare('select id from villages where slug = ?').get(a.slug) as { id: number }
				).id;
				const view = meetingView(db, v, a.storm.meetingId)!;
				expect(view.attendance).toMatchObject({ expectedVoting: 20, present: 20 });
				expect(view.agenda[0].motions.map((m) => m.state)).toEqual(Array(10).fill('open'));
				// Every closed meeting reads through the app's own view without error.
				const closed = db
					.prepare("select id from meetings where state = 'closed' limit 3")
					.pluck()
					.all() as number[];
				for (const id of closed)
					expect(meetingView(db, v, id)?.agenda[0].motions[0].state ?? 'closed').toBe('closed');
				// The window's list reads the generated cases: the first village's, some open and late.
				const cases = listCases(db, v, { kind: 'all' }, { pageSize: 100 }, '2026-11-27');
				expect(cases.total).toBe(TINY.firstVillageCases);
				expect(new Set(cases.items.map((c) => c.state)).size).toBeGreaterThan(3);
				const late = listCases(db, v, { kind: 'all' }, { overdue: true }, '2026-11-27');
				expect(late.total).toBeGreaterThan(0);
				// The open loop's meeting: its own voters, none of them the storm's, one open motion.
				const open = meetingView(db, v, a.openLoop.meetingId)!;
				expect(open.attendance).toMatchObject({ expectedVoting: 30, present: 30 });
				expect(open.agenda[0].motions.map((m) => m.id)).toEqual([a.openLoop.motionId]);
				expect(open.agenda[0].motions[0].state).toBe('open');
				expect(new Set([...a.openLoop.phones, ...a.storm.phones]).size).toBe(50);
				expect(await checkLogin(db, a.openLoop.phones[29], STORM_PASSWORD)).toMatchObject({
					ok: true
				});
				expect(verifyChain(db).ok).toBe(true);
			} finally {
				db.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('puts every 30 villages in a township with its official', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishiting-bench-'));
		try {
			const scale = { ...TINY, villages: 31, people: 31 * 60, openLoopVoters: 10, stormVoters: 5 };
			const g: Generated = await generate(join(dir, 't.db'), scale, { today: '2026-11-27' });
			expect(g.counts.townships).toBe(2);
			expect(g.townshipOfficialPhone).toBe(townshipPhone(0));
			const db = openDatabase(join(dir, 't.db'));
			try {
				const perTownship = db
					.prepare(
						`select t.name, count(v.id) as villages, v.township = t.name as named
						 from townships t join villages v on v.township_id = t.id group by t.id order by t.id`
					)
					.all();
				expect(perTownship).toEqual([
					{ name: '长青乡', villages: 30, named: 1 },
					{ name: '青山镇', villages: 1, named: 1 }
				]);
				expect(
					db.prepare('select count(*) from villages where township_id is null').pluck().get()
				).toBe(0);
				for (const [t, phone] of [townshipPhone(0), townshipPhone(1)].entries()) {
					const login = await checkLogin(db, phone, STORM_PASSWORD);
					expect(login).toMatchObject({ ok: true });
					expect(
						db
							.prepare(
								"select township_id from users where phone = ? and role = 'township_official'"
							)
							.pluck()
							.get(phone)
					).toBe(t + 1);
				}
			} finally {
				db.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('grows the full township with the number of villages, keeping the first village as measured', () => {
		expect(scaleFor(30)).toEqual(TOWNSHIP);
		const five = scaleFor(150);
		expect(five).toMatchObject({
			villages: 150,
			people: 450_000,
			topics: 10_000 + 5 * 40_000,
			meetings: 25_000,
			ballots: 5_000_000,
			firstVillageTopics: TOWNSHIP.firstVillageTopics,
			openLoopVoters: 300
		});
	});
});
