import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { listNotices } from '../notices/listing';
import { matterOf, repsAuthorizedFor } from '../procedure/matters';
import { registerOf } from '../implementation/register';
import { todayInChina } from '../calendar/dates';
import { seedDemo } from './demo';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const topic = (title: string) =>
	db.prepare('select id from topics where title = ?').pluck().get(title) as number;

describe('the demo 4+2 matters', () => {
	it('has the storage house at step 4, authorised for today, and a resolution under notice', async () => {
		await seedDemo(db);
		const village = db.prepare('select id from villages').pluck().get() as number;
		const today = todayInChina();

		const storage = matterOf(db, village, topic('建设1000平方米果蔬储藏库'))!;
		expect(storage.position).toEqual({ kind: 'at', step: 4, done: [1, 2, 3] });
		expect(repsAuthorizedFor(db, village, storage.topic, today)).toBe(true);
		const sheets = registerOf(db, village, storage.topic.id)!.sheets;
		expect(sheets[0].meeting!.meetingType).toBe('two_committees');
		expect(sheets[0].meeting!.date < '2026-10-08').toBe(true);
		expect(sheets[2].meeting!.meetingType).toBe('party_assembly');

		const straw = matterOf(db, village, topic('修订村规民约：禁止露天焚烧秸秆'))!;
		expect(straw.position).toEqual({ kind: 'at', step: 6, done: [1, 2, 3, 4, 5] });
		const underNotice = listNotices(
			db,
			village,
			{ kind: 'resolution', postedOn: today },
			{ limit: 10, offset: 0 }
		);
		expect(underNotice.items).toHaveLength(1);
		expect(underNotice.items[0].title).toMatch(
			/^新阳村决〔\d{4}〕\d+号 修订村规民约：禁止露天焚烧秸秆$/
		);
		expect(underNotice.items[0].objectionsUntil! >= today).toBe(true);
		expect(registerOf(db, village, straw.topic.id)!.sheets[3].meeting!.township).toEqual([
			{ name: '孙明', position: '长青乡党委委员', byAccount: false }
		]);
		expect(verifyChain(db).ok).toBe(true);
	});
});
