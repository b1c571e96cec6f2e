import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { listRounds, nominationsOf, publicHonourees } from '../honours/records';
import { seedDemo } from './demo';
import { demoVillageId } from './demo-test-db';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

describe('the demo honour round', () => {
	it('is published, with honourees, rejected and not chosen nominees, and a third of adults voting', () => {
		const village = demoVillageId(db);
		const [round] = listRounds(db, village);
		expect(round).toMatchObject({ state: 'published', voteMode: 'online' });
		const noms = nominationsOf(db, round.id);
		expect(noms.filter((n) => n.review === 'rejected')).toHaveLength(2);
		const notChosen = noms.filter((n) => n.review === 'accepted' && !n.honoured);
		expect(notChosen.length).toBeGreaterThan(0);
		expect(noms.some((n) => n.consentKind === 'read_back')).toBe(true);
		const honourees = publicHonourees(db, village, round.id);
		expect(honourees.length).toBe(noms.filter((n) => n.honoured).length);
		expect(honourees.length).toBeGreaterThanOrEqual(7);
		const body = db
			.prepare('select body from notices where id = ?')
			.pluck()
			.get(round.noticeId) as string;
		// A name the body carries as an honouree (a household's head) is not a leak; any other is.
		const honoured = new Set(honourees.map((h) => h.name));
		const hidden = notChosen.filter((n) => !honoured.has(n.nomineeName));
		expect(hidden.length).toBeGreaterThan(0);
		for (const n of hidden) expect(body).not.toContain(n.nomineeName);
		const voters = db
			.prepare('select count(distinct person_id) from honour_voters')
			.pluck()
			.get() as number;
		const adults = db
			.prepare(
				`select count(*) from people where village_id = ? and status = 'resident' and birth_date <= '2007-01-01'`
			)
			.pluck()
			.get(village) as number;
		expect(voters / adults).toBeGreaterThan(0.2);
		expect(voters / adults).toBeLessThan(0.5);
		expect(verifyChain(db).ok).toBe(true);
	});
});
