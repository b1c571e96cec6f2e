import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { createVillage } from '../villages/villages';
import { createTownshipAccount } from '../auth/township-accounts';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { getNoticeById, postNotice } from '../notices/notices';
import { answerObjection, escalateObjection, fileObjection } from '../notices/objections';
import { referralStatusOf } from '../villages/township-referral';
import { caseIn, caseWorld } from '../services/test-helpers';
import type { Actor } from '../permissions/actor';
import { referralPage } from './referral-page';
import {
	answerReferral,
	findTownshipReferral,
	referralsOfVillage,
	townshipReferrals
} from './referrals';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
const official = () => demoActor(db, '13800000010');
const reviewer = () => demoActor(db, '13800000012');
// 10:00 in China on that day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const townshipOf = (villageId: number) =>
	(db.prepare('select township_id as t from villages where id = ?').get(villageId) as { t: number })
		.t;

const OBJECTION = '分配方案没有写外出务工户，我家两口人在外打工。';
const ANSWER = '经乡里核查，外出务工户按户籍分配，村里的答复符合分配方案，请村委会补充公示说明。';

/** 张秀英's objection to a resolution notice, answered by the clerk and referred by her on `day`. */
function referredObjection(day = '2026-03-04') {
	const posted = postNotice(
		db,
		clerk().userId,
		village(),
		{ kind: 'resolution', title: '关于集体收益分配的决议', body: '同意。', takesObjections: true },
		{ now: at('2026-03-02') }
	);
	if (!posted.ok) throw new Error(posted.reason);
	const filed = fileObjection(db, villager(), village(), posted.notice.id, OBJECTION, {
		now: at('2026-03-03')
	});
	if (!filed.ok) throw new Error(filed.reason);
	const answered = answerObjection(db, clerk(), village(), filed.objection.id, '按户籍分配。', {
		now: at('2026-03-03')
	});
	if (!answered.ok) throw new Error(answered.reason);
	const escalated = escalateObjection(db, villager(), village(), filed.objection.id, {
		now: at(day)
	});
	if (!escalated.ok) throw new Error(escalated.reason);
	return { notice: posted.notice, objection: filed.objection };
}

const referralOf = (objectionId: number) => referralStatusOf(db, village(), { objectionId });

describe('opening a referral', () => {
	it('opens one when the objector refers, due 15 days later moved past rest days', () => {
		const cases: [string, string][] = [
			// Wednesday + 15 = Thursday the 19th, a working day.
			['2026-03-04', '2026-03-19'],
			// Friday + 15 = Saturday the 21st: due on Monday.
			['2026-03-06', '2026-03-23'],
			// Into the National Day holiday (1–7 October 2026): due on the first working day after.
			['2026-09-20', '2026-10-08']
		];
		for (const [day, due] of cases) {
			const { objection } = referredObjection(day);
			expect(referralOf(objection.id)).toMatchObject({ answerDue: due, answer: null });
		}
		expect(verifyChain(db).ok).toBe(true);
	});

	it('opens one only where the village belongs to a township, for objections and cases alike', () => {
		const cases: [string, boolean][] = [
			['with a township', true],
			['without a township', false]
		];
		for (const [, withTownship] of cases) {
			if (!withTownship)
				db.prepare('update villages set township_id = null where id = ?').run(village());
			const { objection } = referredObjection();
			const c = caseIn(db, caseWorld(db), 'referred', { now: at('2026-03-04') });
			expect(referralOf(objection.id) !== null).toBe(withTownship);
			expect(referralStatusOf(db, village(), { serviceCaseId: c.id }) !== null).toBe(withTownship);
			// The objection and the case end their part at the village either way.
			expect(c.state).toBe('referred');
		}
		const kinds = referralsOfVillage(db, village(), '2026-03-04').map((r) => r.kind);
		expect(kinds.sort()).toEqual(['complaint', 'objection']);
	});
});

function otherTownshipOfficial(): Actor {
	const elsewhere = createVillage(db, null, {
		slug: 'dongshan',
		name: '东山村',
		township: '东山镇',
		district: '',
		city: '',
		province: '黑龙江省',
		oneShoulder: false,
		clerk: { name: '陈明', phone: '13700000001' }
	});
	if (!elsewhere.ok) throw new Error(elsewhere.reason);
	const r = createTownshipAccount(db, null, {
		townshipId: elsewhere.village.townshipId!,
		role: 'township_official',
		name: '钱立新',
		phone: '13600000003',
		position: ''
	});
	if (!r.ok) throw new Error(r.reason);
	return { userId: r.account.id, personId: null, role: 'township_official' };
}

describe('answering a referral', () => {
	it('is for an official of the village’s township only; a refusal changes nothing', () => {
		const cases: [string, () => Actor, string | null][] = [
			['the reviewer reads but does not answer', reviewer, 'forbidden'],
			['the village clerk', clerk, 'forbidden'],
			['the objector', villager, 'forbidden'],
			['an official of another township', otherTownshipOfficial, 'forbidden'],
			['the admin', () => demoActor(db, '13900000000'), 'forbidden'],
			['the township official', official, null]
		];
		const { objection } = referredObjection();
		const id = referralOf(objection.id)!.id;
		for (const [who, actor, reason] of cases) {
			const notices = db.prepare('select count(*) as n from notices').get() as { n: number };
			const r = answerReferral(
				db,
				actor(),
				village(),
				id,
				{ answer: ANSWER },
				{
					now: at('2026-03-10')
				}
			);
			if (reason) {
				expect(r, who).toEqual({ ok: false, reason });
				expect(referralOf(objection.id)!.answer, who).toBeNull();
				expect(db.prepare('select count(*) as n from notices').get(), who).toEqual(notices);
			} else expect(r.ok, who).toBe(true);
		}
		expect(referralOf(objection.id)).toMatchObject({ answer: ANSWER });
	});

	it('is given once, with text of 1 to 2000 characters', () => {
		const { objection } = referredObjection();
		const id = referralOf(objection.id)!.id;
		const cases: [string, string | null][] = [
			['   ', 'bad_text'],
			['答'.repeat(2001), 'bad_text'],
			[ANSWER, null],
			['再答一次', 'already_answered']
		];
		for (const [answer, reason] of cases) {
			const r = answerReferral(
				db,
				official(),
				village(),
				id,
				{ answer },
				{ now: at('2026-03-10') }
			);
			if (reason) expect(r).toEqual({ ok: false, reason });
			else expect(r.ok).toBe(true);
		}
		expect(referralOf(objection.id)!.answer).toBe(ANSWER);
	});

	it('posts the answer on the village board without the objector’s name, phone or words', () => {
		const { notice, objection } = referredObjection();
		const id = referralOf(objection.id)!.id;
		const r = answerReferral(
			db,
			official(),
			village(),
			id,
			{ answer: ANSWER },
			{
				now: at('2026-03-10')
			}
		);
		if (!r.ok) throw new Error(r.reason);
		const status = referralOf(objection.id)!;
		expect(status.noticeSeq).toBe(r.noticeSeq);
		const row = db
			.prepare(
				'select id, township_referral_id as ref from notices where seq = ? and village_id = ?'
			)
			.get(r.noticeSeq, village()) as { id: number; ref: number };
		expect(row.ref).toBe(id);
		const posted = getNoticeById(db, village(), row.id)!;
		expect(posted.kind).toBe('general');
		expect(posted.title).toBe('长青乡对异议的答复');
		expect(posted.body).toContain(ANSWER);
		expect(posted.body).toContain(`公告第${notice.seq}号《${notice.title}》的异议1`);
		const text = `${posted.title}${posted.summary}${posted.body}`;
		const person = db
			.prepare('select name, phone from people where id = ?')
			.get(villager().personId) as {
			name: string;
			phone: string;
		};
		expect(person.name).toBe('张秀英');
		expect(text).not.toContain(person.name);
		expect(text).not.toContain(person.phone);
		expect(text).not.toContain(OBJECTION);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('names a referred case by its number only, never its title or the villager', () => {
		const c = caseIn(db, caseWorld(db), 'referred', { now: at('2026-03-04') });
		const id = referralStatusOf(db, village(), { serviceCaseId: c.id })!.id;
		const r = answerReferral(
			db,
			official(),
			village(),
			id,
			{ answer: ANSWER },
			{
				now: at('2026-03-10')
			}
		);
		if (!r.ok) throw new Error(r.reason);
		const n = db
			.prepare('select title, summary, body from notices where seq = ? and village_id = ?')
			.get(r.noticeSeq, village()) as { title: string; summary: string; body: string };
		const text = `${n.title}${n.summary}${n.body}`;
		expect(n.title).toBe('长青乡对村民反映事项的答复');
		expect(text).toContain(c.number);
		expect(text).toContain(ANSWER);
		for (const secret of [c.title, c.description, '张秀英']) expect(text).not.toContain(secret);
	});
});

describe('the township’s inbox', () => {
	it('lists its villages’ referrals, unanswered by deadline, overdue in working days', () => {
		const late = referredObjection('2026-03-04').objection;
		const fresh = referredObjection('2026-03-06').objection;
		const township = townshipOf(village());
		const cases: [string, number[]][] = [
			// Due the 19th: not overdue on the day itself.
			['2026-03-19', [0, 0]],
			// Friday the 20th, then Monday the 23rd (the weekend does not count).
			['2026-03-20', [1, 0]],
			['2026-03-23', [2, 0]],
			['2026-03-24', [3, 1]]
		];
		for (const [today, overdue] of cases) {
			const inbox = townshipReferrals(db, township, today);
			expect(inbox.map((r) => r.objectionId)).toEqual([late.id, fresh.id]);
			expect(
				inbox.map((r) => r.overdueDays),
				today
			).toEqual(overdue);
		}
		const answered = answerReferral(
			db,
			official(),
			village(),
			referralOf(late.id)!.id,
			{ answer: ANSWER },
			{ now: at('2026-03-24') }
		);
		expect(answered.ok).toBe(true);
		const after = townshipReferrals(db, township, '2026-03-24');
		expect(after.map((r) => [r.objectionId, r.overdueDays])).toEqual([
			[fresh.id, 1],
			[late.id, 0]
		]);
	});

	it('shows another township nothing of this township’s referrals', () => {
		const { objection } = referredObjection();
		const id = referralOf(objection.id)!.id;
		const other = otherTownshipOfficial();
		const elsewhere = (
			db.prepare('select township_id as t from users where id = ?').get(other.userId) as {
				t: number;
			}
		).t;
		expect(townshipReferrals(db, elsewhere, '2026-03-10')).toEqual([]);
		expect(findTownshipReferral(db, elsewhere, id, '2026-03-10')).toBeNull();
		expect(findTownshipReferral(db, townshipOf(village()), id, '2026-03-10')?.id).toBe(id);
	});

	it('shows the official whose objection it is, with the village’s record, but not her number', () => {
		const { objection } = referredObjection();
		const id = referralOf(objection.id)!.id;
		const page = referralPage(db, townshipOf(village()), id, '2026-03-10')!;
		const person = db
			.prepare('select name, phone from people where id = ?')
			.get(villager().personId) as { name: string; phone: string };
		expect(page.objection).toMatchObject({
			objectorName: person.name,
			text: OBJECTION,
			villageAnswer: '按户籍分配。'
		});
		expect(JSON.stringify(page)).not.toContain(person.phone);
	});
});
