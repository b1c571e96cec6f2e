import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { createVillage } from '../villages/villages';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { disclosureCadence, postNotice, postStaffNotice, correctionsOf } from './notices';
import {
	answerObjection,
	escalateObjection,
	fileObjection,
	isOverdue,
	objectionsOfNotice,
	openObjections
} from './objections';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
const neighbour = () => demoActor(db, '13800000004');
// 10:00 in China on that day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);

function notice(takesObjections = true, on = '2026-03-02') {
	const r = postNotice(
		db,
		clerk().userId,
		village(),
		{ kind: 'resolution', title: '关于建设果蔬储藏库的决议', body: '同意建设。', takesObjections },
		{ now: at(on) }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.notice;
}

function setHolidays(holidays: string[]) {
	const row = db.prepare('select settings from villages where id = ?').get(village()) as {
		settings: string;
	};
	db.prepare('update villages set settings = ? where id = ?').run(
		JSON.stringify({ ...JSON.parse(row.settings), holidays }),
		village()
	);
}

describe('filing an objection', () => {
	it('is open from the posting day to the window’s last day inclusive, then refused', () => {
		const n = notice();
		expect(n.objectionsUntil).toBe('2026-03-07');
		const cases: [string, string | null][] = [
			['2026-03-02', null],
			['2026-03-07', null],
			['2026-03-08', 'window_closed'],
			['2026-04-01', 'window_closed']
		];
		for (const [day, reason] of cases) {
			const r = fileObjection(db, villager(), village(), n.id, `${day} 的异议`, { now: at(day) });
			if (reason) expect(r).toEqual({ ok: false, reason });
			else expect(r.ok).toBe(true);
		}
		expect(objectionsOfNotice(db, village(), n.id).map((o) => o.ordinal)).toEqual([1, 2]);
	});

	it('moves the answer deadline past weekends and the village’s holidays', () => {
		const n = notice();
		const cases: [string[], string, string][] = [
			[[], '2026-03-04', '2026-03-09'],
			// Saturday the 7th is a rest day: the answer is due on Monday.
			[[], '2026-03-02', '2026-03-09'],
			[['2026-03-09'], '2026-03-04', '2026-03-10'],
			[['2026-03-09', '2026-03-10'], '2026-03-04', '2026-03-11'],
			// A holiday before the last day changes nothing.
			[['2026-03-06'], '2026-03-04', '2026-03-09']
		];
		for (const [holidays, day, due] of cases) {
			setHolidays(holidays);
			const r = fileObjection(db, villager(), village(), n.id, '异议', { now: at(day) });
			expect(r.ok && r.objection.answerDue).toBe(due);
		}
	});

	it('refuses a notice with no window, empty or overlong text, staff without a person, another village', () => {
		const none = notice(false);
		const open = notice();
		const now = { now: at('2026-03-03') };
		const cases: [Parameters<typeof fileObjection>, string][] = [
			[[db, villager(), village(), none.id, '异议', now], 'no_objections'],
			[[db, villager(), village(), open.id, '   ', now], 'bad_text'],
			[[db, villager(), village(), open.id, '字'.repeat(2001), now], 'bad_text'],
			[[db, villager(), village() + 99, open.id, '异议', now], 'forbidden'],
			[[db, villager(), village(), open.id + 999, '异议', now], 'not_found'],
			[[db, { ...villager(), personId: null }, village(), open.id, '异议', now], 'forbidden']
		];
		for (const [args, reason] of cases)
			expect(fileObjection(...args)).toEqual({ ok: false, reason });
		expect(db.prepare('select count(*) as n from objections').get()).toEqual({ n: 0 });
	});
});

describe('another village', () => {
	it('sees none of this village’s notices or objections, and may act on none', () => {
		const other = createVillage(db, null, {
			slug: 'dongshan',
			name: '东山村',
			township: '东山镇',
			district: '',
			city: '',
			province: '黑龙江省',
			oneShoulder: false,
			clerk: { name: '陈明', phone: '13700000001' }
		});
		if (!other.ok) throw new Error(other.reason);
		const n = notice();
		const f = fileObjection(db, villager(), village(), n.id, '异议', { now: at('2026-03-03') });
		if (!f.ok) throw new Error(f.reason);
		const otherClerk = { userId: other.clerkId, personId: null, role: 'clerk' as const };
		// The other village's clerk, even naming this village's ids under their own village.
		expect(answerObjection(db, otherClerk, other.village.id, f.objection.id, '答复')).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(answerObjection(db, otherClerk, village(), f.objection.id, '答复')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(fileObjection(db, villager(), other.village.id, n.id, '异议')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(objectionsOfNotice(db, other.village.id, n.id)).toEqual([]);
		expect(openObjections(db, other.village.id)).toEqual([]);
	});
});

describe('answering and escalating', () => {
	it('answers once by staff, escalates once by the objector after the answer, all audited', () => {
		const n = notice();
		const filed = fileObjection(db, villager(), village(), n.id, '选址离水源太近', {
			now: at('2026-03-03')
		});
		if (!filed.ok) throw new Error(filed.reason);
		const id = filed.objection.id;
		expect(openObjections(db, village()).map((o) => [o.id, o.noticeSeq])).toEqual([[id, n.seq]]);

		expect(escalateObjection(db, villager(), village(), id)).toEqual({
			ok: false,
			reason: 'not_answered'
		});
		expect(answerObjection(db, villager(), village(), id, '答复')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(answerObjection(db, clerk(), village() + 99, id, '答复')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(answerObjection(db, clerk(), village(), id, ' ')).toEqual({
			ok: false,
			reason: 'bad_text'
		});
		const answered = answerObjection(db, clerk(), village(), id, '已请水利站复核，距离符合要求。', {
			now: at('2026-03-05')
		});
		expect(answered.ok && answered.objection.answer).toBe('已请水利站复核，距离符合要求。');
		expect(answerObjection(db, clerk(), village(), id, '再答')).toEqual({
			ok: false,
			reason: 'already_answered'
		});
		expect(openObjections(db, village())).toEqual([]);

		expect(escalateObjection(db, neighbour(), village(), id)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(escalateObjection(db, villager(), village() + 99, id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const esc = escalateObjection(db, villager(), village(), id, { now: at('2026-03-06') });
		expect(esc.ok && esc.objection.escalatedAt).toBe(at('2026-03-06').toISOString());
		expect(escalateObjection(db, villager(), village(), id)).toEqual({
			ok: false,
			reason: 'already_escalated'
		});

		const actions = db
			.prepare("select action from audit where action like 'objection.%' order by id")
			.all()
			.map((r) => (r as { action: string }).action);
		expect(actions).toEqual(['objection.filed', 'objection.answered', 'objection.escalated']);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('keeps the answer fixed in the database itself', () => {
		const n = notice();
		const f = fileObjection(db, villager(), village(), n.id, '异议', { now: at('2026-03-03') });
		if (!f.ok) throw new Error(f.reason);
		answerObjection(db, clerk(), village(), f.objection.id, '答复');
		expect(() =>
			db
				.prepare("update objections set answer = 'x', answered_at = 'y' where id = ?")
				.run(f.objection.id)
		).toThrow(/once/);
		expect(() => db.prepare('delete from objections').run()).toThrow();
	});

	it('flags an unanswered objection after its due day as overdue', () => {
		const cases: [string | null, string, boolean][] = [
			[null, '2026-03-07', false],
			[null, '2026-03-08', true],
			['答复', '2026-03-20', false]
		];
		for (const [answer, today, overdue] of cases)
			expect(isOverdue({ answer, answerDue: '2026-03-07' }, today)).toBe(overdue);
	});
});

describe('desk notices and the disclosure cadence', () => {
	it('posts general and finance notices by staff only, and corrections pointing back', () => {
		const input = { title: '2026年3月财务公开', summary: '', body: '收入：……' };
		const cases: [ReturnType<typeof clerk>, string | undefined, string | null][] = [
			[clerk(), 'finance', null],
			[clerk(), 'general', null],
			[clerk(), 'resolution', 'bad_kind'],
			[villager(), 'finance', 'forbidden']
		];
		for (const [actor, kind, reason] of cases) {
			const r = postStaffNotice(db, actor, village(), { ...input, kind });
			if (reason) expect(r).toEqual({ ok: false, reason });
			else expect(r.ok).toBe(true);
		}
		const first = postStaffNotice(db, clerk(), village(), { ...input, kind: 'finance' });
		if (!first.ok) throw new Error(first.reason);
		const fix = postStaffNotice(db, clerk(), village(), {
			...input,
			body: '更正：收入……',
			correctsSeq: first.notice.seq
		});
		expect(fix.ok && [fix.notice.kind, fix.notice.correctsId]).toEqual([
			'finance',
			first.notice.id
		]);
		expect(correctionsOf(db, village(), first.notice.id).map((c) => c.body)).toEqual([
			'更正：收入……'
		]);
		expect(postStaffNotice(db, clerk(), village(), { ...input, correctsSeq: 999 })).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('flags a quarter without a general notice and a month without a finance notice', () => {
		const post = (kind: 'general' | 'finance', on: string) =>
			postStaffNotice(
				db,
				clerk(),
				village(),
				{ kind, title: kind, summary: '', body: '内容' },
				{ now: at(on) }
			);
		expect(disclosureCadence(db, village(), '2026-03-10')).toEqual({
			lastGeneral: null,
			lastFinance: null,
			generalDue: true,
			financeDue: true,
			lastConsultation: null,
			consultationFollowUpsDue: 0
		});
		post('general', '2026-01-05');
		post('finance', '2026-02-27');
		const cases: [string, boolean, boolean][] = [
			['2026-02-28', false, false],
			['2026-03-01', false, true],
			['2026-03-31', false, true],
			['2026-04-01', true, true]
		];
		for (const [today, generalDue, financeDue] of cases) {
			const c = disclosureCadence(db, village(), today);
			expect([today, c.generalDue, c.financeDue]).toEqual([today, generalDue, financeDue]);
		}
	});
});
