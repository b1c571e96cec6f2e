import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { postNotice } from './notices';
import { answerObjection, objectionsOfNotice } from './objections';
import { recordPaperObjection, type PaperObjectionInput } from './paper-objections';
import { noticeView } from '../board/notice-view';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
// 10:00 in China on that day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);

function notice(takesObjections = true) {
	const r = postNotice(
		db,
		clerk().userId,
		village(),
		{ kind: 'resolution', title: '关于建设果蔬储藏库的决议', body: '同意建设。', takesObjections },
		{ now: at('2026-03-02') }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.notice;
}

const input = (seq: number, over: Partial<PaperObjectionInput> = {}): PaperObjectionInput => ({
	noticeSeq: seq,
	channel: 'letter',
	name: '王秀英',
	contact: '二组 12 号',
	receivedOn: '2026-03-05',
	text: '储藏库选址离水井太近。',
	...over
});

const count = () => db.prepare('select count(*) from objections').pluck().get() as number;

describe('recording an objection received on paper', () => {
	// The window of a notice posted 2026-03-02 runs to 2026-03-07 inclusive.
	const cases: [string, Partial<PaperObjectionInput>, string, string | null][] = [
		['received and typed in within the window', {}, '2026-03-05', null],
		['received on the last day', { receivedOn: '2026-03-07' }, '2026-03-07', null],
		['received in the window, typed in later', { receivedOn: '2026-03-06' }, '2026-03-20', null],
		['received after the window', { receivedOn: '2026-03-08' }, '2026-03-08', 'window_closed'],
		[
			'received before the notice was posted',
			{ receivedOn: '2026-03-01' },
			'2026-03-05',
			'bad_received'
		],
		['received on a day yet to come', { receivedOn: '2026-03-06' }, '2026-03-05', 'bad_received'],
		['a date that does not exist', { receivedOn: '2026-02-30' }, '2026-03-05', 'bad_received'],
		['not a date', { receivedOn: '上周三' }, '2026-03-05', 'bad_received'],
		['online is not a desk channel', { channel: 'online' }, '2026-03-05', 'bad_channel'],
		['an unknown channel', { channel: 'wechat' }, '2026-03-05', 'bad_channel'],
		['no name', { name: '  ' }, '2026-03-05', 'bad_name'],
		['a name too long', { name: '王'.repeat(51) }, '2026-03-05', 'bad_name'],
		['a contact too long', { contact: '1'.repeat(101) }, '2026-03-05', 'bad_contact'],
		['no text', { text: ' \n ' }, '2026-03-05', 'bad_text'],
		['a text too long', { text: '异'.repeat(2001) }, '2026-03-05', 'bad_text']
	];
	for (const [name, over, today, reason] of cases) {
		it(`${name}: ${reason ?? 'recorded'}`, () => {
			const n = notice();
			const before = count();
			const r = recordPaperObjection(db, clerk(), village(), input(n.seq, over), {
				now: at(today)
			});
			if (reason) {
				expect(r).toEqual({ ok: false, reason });
				expect(count()).toBe(before);
			} else {
				expect(r.ok).toBe(true);
				if (!r.ok) return;
				expect(r.objection.receivedOn).toBe(over.receivedOn ?? '2026-03-05');
				expect(r.objection.personId).toBeNull();
			}
		});
	}

	it('runs the five days to answer from the day received, not the day typed in', () => {
		const n = notice();
		// Received Friday 2026-03-06: five days are the 11th; typed in on the 20th, still due the 11th.
		const r = recordPaperObjection(
			db,
			clerk(),
			village(),
			input(n.seq, { receivedOn: '2026-03-06' }),
			{
				now: at('2026-03-20')
			}
		);
		expect(r.ok && r.objection.answerDue).toBe('2026-03-11');
	});

	it('is refused on a notice without an objection window and on a notice that does not exist', () => {
		const closed = notice(false);
		expect(
			recordPaperObjection(db, clerk(), village(), input(closed.seq), { now: at('2026-03-05') })
		).toEqual({
			ok: false,
			reason: 'no_objections'
		});
		expect(
			recordPaperObjection(db, clerk(), village(), input(9999), { now: at('2026-03-05') })
		).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('is the staff’s to record: a villager is refused and nothing changes', () => {
		const n = notice();
		const before = count();
		expect(
			recordPaperObjection(db, villager(), village(), input(n.seq), { now: at('2026-03-05') })
		).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(count()).toBe(before);
	});

	it('keeps the channel, name and contact for the staff, and shows the public only the text and answer', () => {
		const n = notice();
		const r = recordPaperObjection(db, clerk(), village(), input(n.seq, { channel: 'in_person' }), {
			now: at('2026-03-06')
		});
		if (!r.ok) throw new Error(r.reason);
		const staff = objectionsOfNotice(db, village(), n.id)[0];
		expect([staff.channel, staff.objectorName, staff.objectorContact]).toEqual([
			'in_person',
			'王秀英',
			'二组 12 号'
		]);

		expect(
			answerObjection(db, clerk(), village(), r.objection.id, '已另行选址。', {
				now: at('2026-03-09')
			}).ok
		).toBe(true);
		// Answered once, like an online objection.
		expect(
			answerObjection(db, clerk(), village(), r.objection.id, '再答一次', { now: at('2026-03-10') })
		).toEqual({
			ok: false,
			reason: 'already_answered'
		});

		const view = noticeView(db, village(), n.seq, null, at('2026-03-10'))!;
		const shown = JSON.stringify(view.objections);
		expect(view.objections[0]).toMatchObject({
			text: '储藏库选址离水井太近。',
			answer: '已另行选址。',
			filedOn: '2026-03-05',
			mine: false
		});
		for (const secret of ['王秀英', '二组 12 号', 'in_person']) expect(shown).not.toContain(secret);
	});

	it('writes one audit entry in its transaction, and the chain still verifies', () => {
		const n = notice();
		const entries = () =>
			db
				.prepare("select count(*) from audit where action = 'objection.recorded'")
				.pluck()
				.get() as number;
		const before = entries();
		recordPaperObjection(db, clerk(), village(), input(n.seq), { now: at('2026-03-05') });
		recordPaperObjection(db, clerk(), village(), input(n.seq, { receivedOn: '2026-03-09' }), {
			now: at('2026-03-09')
		});
		expect(entries()).toBe(before + 1);
		expect(verifyChain(db).ok).toBe(true);
	});
});
