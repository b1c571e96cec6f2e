import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { atomFeed } from './atom';
import { createTestDb } from '../db/test-db';
import { seedDemo } from '../seed/demo';
import { implementationOf } from '../implementation/implementation';
import { resultNoticeBody } from '../implementation/disclosure';
import { createMeeting } from '../meetings/calling';
import { getNotice, postNotice, postStaffNotice, type NoticeInput } from '../notices/notices';
import { fileObjection } from '../notices/objections';
import { createTopic } from '../topics/filing';
import {
	boardFront,
	boardPage,
	excerpt,
	noticeBodyFor,
	noticeIssuer,
	noticeView,
	noticeYears
} from './notice-view';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('the public view of a notice', () => {
	it('shows objections by number, marks the viewer’s own, and carries no person', () => {
		const v = demoVillageId(db);
		const clerk = demoActor(db, '13800000001');
		const villager = demoActor(db, '13800000003');
		const posted = postNotice(
			db,
			clerk.userId,
			v,
			{ kind: 'general', title: '分配方案', body: '一、……\n二、……', takesObjections: true },
			{ now: at('2026-03-02') }
		);
		if (!posted.ok) throw new Error(posted.reason);
		const seq = posted.notice.seq;
		fileObjection(db, villager, v, posted.notice.id, '异议甲', { now: at('2026-03-03') });
		// Answers are due five days on, past the weekend: 异议甲 on Monday 9 March, 异议乙 on Tuesday.
		fileObjection(db, demoActor(db, '13800000004'), v, posted.notice.id, '异议乙', {
			now: at('2026-03-05')
		});
		const cases: [number | null, string, boolean[], boolean[]][] = [
			[null, '2026-03-05', [false, false], [false, false]],
			[villager.personId, '2026-03-05', [true, false], [false, false]],
			[villager.personId, '2026-03-09', [true, false], [false, false]],
			[villager.personId, '2026-03-10', [true, false], [true, false]]
		];
		for (const [viewer, today, mine, overdue] of cases) {
			const view = noticeView(db, v, seq, viewer, at(today))!;
			expect(view.objections.map((o) => o.mine)).toEqual(mine);
			expect(view.objections.map((o) => o.overdue)).toEqual(overdue);
			expect(view.objections.map((o) => o.ordinal)).toEqual([1, 2]);
			expect(JSON.stringify(view)).not.toMatch(/personId|person_id|13800000/);
		}
		expect(noticeView(db, v, seq, null, at('2026-03-07'))!.windowOpen).toBe(true);
		expect(noticeView(db, v, seq, null, at('2026-03-08'))!.windowOpen).toBe(false);
		expect(noticeView(db, v + 99, seq, null)).toBeNull();
		expect(noticeView(db, v, seq + 99, null)).toBeNull();
		expect(boardPage(db, v, { q: '分配' }, { limit: 10, offset: 0 }).items[0].summary).toBe(
			'一、…… 二、……'
		);
	});

	it('cuts a summary nobody wrote at 100 characters', () => {
		const cases: [string, string][] = [
			['短文', '短文'],
			['甲\n\n乙', '甲 乙'],
			['字'.repeat(101), `${'字'.repeat(100)}…`]
		];
		for (const [text, summary] of cases) expect(excerpt(text)).toBe(summary);
	});
});

describe('the years of the board', () => {
	it('are the years with a notice, newest first, skipping years without one', () => {
		const v = demoVillageId(db);
		const clerk = demoActor(db, '13800000001');
		const before = noticeYears(db, v);
		for (const day of ['2019-12-31', '2019-01-01', '2021-06-30', '2030-01-01'])
			expect(
				postNotice(
					db,
					clerk.userId,
					v,
					{ kind: 'general', title: `${day} 公告`, body: '内容', takesObjections: false },
					{ now: at(day) }
				).ok
			).toBe(true);
		const years = noticeYears(db, v);
		expect(years).toEqual([...new Set([...before, 2019, 2021, 2030])].sort((a, b) => b - a));
		expect(years).not.toContain(2020);
		expect(noticeYears(db, v + 99)).toEqual([]);
	});
});

describe('the board’s front page', () => {
	it('lists each notice once: current ones once, superseded ones among the earlier only', () => {
		const v = demoVillageId(db);
		const clerk = demoActor(db, '13800000001');
		const meeting = createMeeting(db, clerk, v, {
			type: 'reps_meeting',
			title: '代表会议',
			meetingDate: '2030-03-20'
		});
		if (!meeting.ok) throw new Error(meeting.reason);
		const meetingId = meeting.meeting.id;
		const post = (input: NoticeInput, day: string) => {
			const r = postNotice(db, clerk.userId, v, input, { now: at(day) });
			if (!r.ok) throw new Error(r.reason);
			return r.notice.seq;
		};
		const old = post({ kind: 'general', title: '早已到期', body: '……' }, '2020-01-02');
		const plain = post({ kind: 'finance', title: '三月财务', body: '……' }, '2030-03-02');
		const wrong = post({ kind: 'general', title: '分配方案', body: '错' }, '2030-03-02');
		const first = post(
			{ kind: 'meeting', title: '开会通知', body: '3月20日', meetingId },
			'2030-03-02'
		);
		const fixed = postStaffNotice(
			db,
			clerk,
			v,
			{ title: '分配方案（更正）', summary: '', body: '对', correctsSeq: wrong },
			{ now: at('2030-03-04') }
		);
		if (!fixed.ok) throw new Error(fixed.reason);
		const moved = post(
			{ kind: 'meeting', title: '开会通知（改期）', body: '3月22日', meetingId },
			'2030-03-04'
		);
		const all = [old, plain, wrong, first, fixed.notice.seq, moved];

		const cases: [string, number[]][] = [
			// Before the correction and the new date are up, the first versions are current.
			['2030-03-03', [plain, wrong, first]],
			// Then each is superseded: the later version is current, the earlier one is not.
			['2030-03-05', [plain, fixed.notice.seq, moved]],
			['2030-06-01', []]
		];
		for (const [today, current] of cases) {
			const front = boardFront(db, v, today, { limit: 1000, offset: 0 });
			const currentSeqs = front.current.map((i) => i.seq);
			const earlierSeqs = front.earlier.map((i) => i.seq);
			expect(currentSeqs.sort()).toEqual([...current].sort());
			// Every notice exactly once on the front page: current, or among the earlier ones.
			expect([...currentSeqs, ...earlierSeqs].sort()).toEqual([...all].sort());
			expect(front.total).toBe(all.length - current.length);
		}
	});
});

describe('who issues a notice on the wall', () => {
	it.each([
		[null, 'committee'],
		['villagers_meeting', 'committee'],
		['reps_meeting', 'committee'],
		['two_committees', 'committee'],
		['consultation', 'committee'],
		['branch_committee', 'branch'],
		['party_assembly', 'branch']
	] as const)('a notice calling %s is issued by the %s', (type, issuer) => {
		expect(noticeIssuer(type)).toBe(issuer);
	});
});

describe('the Atom feed', () => {
	it('escapes titles and summaries and drops characters XML forbids', () => {
		const xml = atomFeed({
			title: '新阳村 <公开栏>',
			boardUrl: 'https://example.cn/xinyang/notices',
			feedUrl: 'https://example.cn/xinyang/notices.atom',
			updated: '2026-03-02T02:00:00.000Z',
			kindLabel: (k) => k,
			numberLabel: (i) => `#${i.seq}`,
			items: [
				{
					seq: 1,
					kind: 'general',
					title: 'A & B <script>alert("x")</script>\u0001',
					summary: "it's",
					postedOn: '2026-03-02',
					postedUntil: '2026-03-12',
					objectionsUntil: null,
					resolutionNumber: null,
					createdAt: '2026-03-02T02:00:00.000Z',
					url: 'https://example.cn/xinyang/notices/1?a=1&b=2'
				}
			]
		});
		expect(xml).toContain(
			'<title>A &amp; B &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>'
		);
		expect(xml).toContain('<summary>#1 · it&apos;s</summary>');
		expect(xml).toContain('href="https://example.cn/xinyang/notices/1?a=1&amp;b=2"');
		expect(xml).toContain('<title>新阳村 &lt;公开栏&gt;</title>');
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('\u0001');
	});
});

describe("the board in the reader's language", () => {
	const baseGetLocale = getLocale;
	afterEach(() => overwriteGetLocale(baseGetLocale));

	it("titles the notices the app wrote in the reader's language, and leaves typed ones alone", () => {
		const v = demoVillageId(db);
		const clerk = demoActor(db, '13800000001');
		const t = createTopic(
			db,
			demoActor(db, '13800000003'),
			v,
			{
				title: '村内主干道硬化',
				description: '主干道雨天泥泞。',
				category: 'development',
				place: '村内',
				affected: '全村',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true, now: at('2026-03-02') }
		);
		if (!t.ok) throw new Error(t.reason);
		const post = (kind: 'implementation_result' | 'general', title: string) => {
			const r = postNotice(
				db,
				clerk.userId,
				v,
				{ kind, title, body: '正文', topicId: t.topic.id },
				{ now: at('2026-03-03') }
			);
			if (!r.ok) throw new Error(r.reason);
			return r.notice.seq;
		};
		const result = post('implementation_result', '实施结果公开：村内主干道硬化');
		const typed = post('general', '关于道路硬化的说明');
		const titles = () =>
			new Map(boardPage(db, v, {}, { limit: 50, offset: 0 }).items.map((i) => [i.seq, i.title]));
		overwriteGetLocale(() => 'zh-CN');
		expect(titles().get(result)).toBe('实施结果公开：村内主干道硬化');
		overwriteGetLocale(() => 'en');
		expect(titles().get(result)).toBe('Implementation result: 村内主干道硬化');
		expect(titles().get(typed)).toBe('关于道路硬化的说明');
	});
});

describe("a result notice in the reader's language", () => {
	const baseGetLocale = getLocale;
	afterEach(() => overwriteGetLocale(baseGetLocale));

	it('keeps the stored Chinese for a Chinese reader and rebuilds it in English from the records', async () => {
		// The full demo: its road went through all six steps to the result notice.
		const full = createTestDb();
		onTestFinished(full.cleanup);
		const db = full.db;
		await seedDemo(db);
		const v = demoVillageId(db);
		const row = db
			.prepare(
				`select n.seq, i.topic_id as topicId from notices n
				 join implementation_disclosures d on d.notice_id = n.id
				 join implementations i on i.id = d.implementation_id
				 where n.village_id = ? and n.kind = 'implementation_result'`
			)
			.get(v) as { seq: number; topicId: number };
		const notice = getNotice(db, v, row.seq)!;
		const impl = implementationOf(db, v, row.topicId)!;
		const d = impl.disclosure!;
		// The rebuild is faithful: in Chinese it gives the stored record byte for byte.
		expect(resultNoticeBody(impl, d.opinion, d.supervisorName)).toBe(notice.body);
		expect(noticeBodyFor(db, v, notice, 'zh-CN')).toBe(notice.body);
		const english = noticeBodyFor(db, v, notice, 'en');
		expect(english).toContain('Budget:');
		expect(english).toContain(`Supervision committee's opinion (${d.supervisorName})`);
		const villagersWords = [
			impl.responsibleName,
			impl.plan,
			...impl.budget.map((b) => b.source),
			impl.completion!.summary,
			d.opinion,
			d.supervisorName
		];
		const generated = villagersWords.reduce((text, w) => text.split(w).join(''), english);
		expect(generated).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);

		const summaryOf = () =>
			boardPage(db, v, {}, { limit: 200, offset: 0 }).items.find((i) => i.seq === row.seq)!.summary;
		overwriteGetLocale(() => 'en');
		expect(summaryOf()).toMatch(/^Completed on .*, with the supervision committee's opinion$/);
		expect(summaryOf()).not.toMatch(/[\u4e00-\u9fff]/);
		overwriteGetLocale(() => 'zh-CN');
		expect(summaryOf()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日竣工/);

		// The consultation outcome's summary too: the meeting's date and the parties, named as typed.
		const outcome = db
			.prepare(
				`select n.seq, c.id from notices n join consultations c on c.outcome_notice_id = n.id
				 where n.village_id = ?`
			)
			.get(v) as { seq: number; id: number };
		const parties = db
			.prepare('select name from consultation_parties where consultation_id = ?')
			.pluck()
			.all(outcome.id) as string[];
		overwriteGetLocale(() => 'en');
		const summary = boardPage(db, v, {}, { limit: 200, offset: 0 }).items.find(
			(i) => i.seq === outcome.seq
		)!.summary;
		expect(summary).toMatch(/^Consultation meeting of .*; parties: /);
		expect(parties.reduce((t, p) => t.split(p).join(''), summary)).not.toMatch(
			/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/
		);
	});
});
