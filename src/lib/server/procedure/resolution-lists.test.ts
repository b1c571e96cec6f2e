// Issue 15 item 4: the dashboard's resolutions to publish (one publish each, a second refused), the
// public register with no unexplained hole, and the authorisation a representatives' decision cites.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { holdPastMeeting } from '../seed/demo-past-meeting';
import type { MeetingType } from '../votes/rules';
import { at, clerkOf, topicOn } from '../implementation/test-helpers';
import { authorizeReps, recordStep } from './matters';
import { publicationBlock, publishResolutionById } from './publication';
import { getResolution, resolutionOfMotion, type Resolution } from './resolutions';
import { pendingResolutions, publicRegister } from './resolution-lists';
import { citedAuthorization } from './citation';

let db: Db;
let fortnight = 0;
useDemoVillageDb((d) => {
	db = d;
	fortnight = 0;
});

const v = () => demoVillageId(db);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** One meeting per fortnight from April, passing `text` on the topic (or on none). */
function hold(type: MeetingType, topicId: number | null, text = '同意硬化村内主干道') {
	const notice = new Date(Date.UTC(2026, 3, 1 + 15 * fortnight++));
	const date = new Date(notice.getTime() + 12 * 86_400_000);
	const r = holdPastMeeting(db, clerkOf(db), v(), {
		type,
		title: `会议${fortnight}`,
		noticeDate: iso(notice),
		meetingDate: iso(date),
		motions: [{ agendaTitle: '道路硬化', topicId, text }]
	});
	return { motionId: r.motionIds[0], date: iso(date), title: `会议${fortnight}` };
}

const resolutionOf = (motionId: number) => resolutionOfMotion(db, v(), motionId)!;

/** A 4+2 matter whose steps 1–3 are recorded; `decide` holds its step-4 meeting. */
function matterAtStep4() {
	const topic = topicOn(db, 'four_plus_two', {
		category: 'development',
		art24: ['public_welfare']
	});
	for (const type of ['two_committees', 'party_assembly'] as const)
		expect(recordStep(db, clerkOf(db), v(), topic, hold(type, topic).motionId).ok).toBe(true);
	return topic;
}

const noticesOf = (r: Resolution) =>
	db
		.prepare("select count(*) from notices where kind = 'resolution' and resolution_id = ?")
		.pluck()
		.get(r.id);

describe('resolutions to publish', () => {
	it('lists every adopted, unpublished resolution with one publish that works once', () => {
		const a = resolutionOf(hold('villagers_meeting', null, '甲').motionId);
		const b = resolutionOf(hold('villagers_meeting', null, '乙').motionId);
		const c = resolutionOf(hold('villagers_meeting', matterAtStep4(), '丙').motionId);
		expect(pendingResolutions(db, v()).map((p) => [p.number, p.text, p.block])).toEqual([
			[a.number, '甲', null],
			[b.number, '乙', null],
			[c.number, '丙', null]
		]);
		const first = publishResolutionById(db, clerkOf(db), v(), b.id, { now: at('2026-11-02') });
		expect(first.ok).toBe(true);
		// The double tap: refused by name, and still one notice.
		expect(publishResolutionById(db, clerkOf(db), v(), b.id)).toEqual({
			ok: false,
			reason: 'already_published'
		});
		expect(noticesOf(b)).toBe(1);
		expect(pendingResolutions(db, v()).map((p) => p.number)).toEqual([a.number, c.number]);
		// A villager may not publish.
		expect(publishResolutionById(db, demoActor(db, '13800000003'), v(), a.id).ok).toBe(false);
		expect(noticesOf(a)).toBe(0);
	});

	const blocks: { name: string; setup: () => Resolution; block: string | null }[] = [
		{
			name: 'a resolution without a topic',
			setup: () => resolutionOf(hold('villagers_meeting', null).motionId),
			block: null
		},
		{
			name: 'a 4+2 decision, its step 4 recorded as it closed',
			setup: () => resolutionOf(hold('villagers_meeting', matterAtStep4()).motionId),
			block: null
		},
		{
			name: 'one already on the board',
			setup: () => {
				const r = resolutionOf(hold('villagers_meeting', null).motionId);
				expect(publishResolutionById(db, clerkOf(db), v(), r.id).ok).toBe(true);
				return r;
			},
			block: 'already_published'
		}
	];
	it.each(blocks)('publicationBlock: $name', ({ setup, block }) => {
		expect(publicationBlock(db, v(), setup())).toBe(block);
	});
});

describe('the public register', () => {
	it('lists every number of the year in order, an unpublished one without its content', () => {
		const before = publicRegister(db, v()).length;
		const texts = ['第一项内容', '第二项内容', '第三项内容'];
		const ids = texts.map((t) => resolutionOf(hold('villagers_meeting', null, t).motionId).id);
		expect(publishResolutionById(db, clerkOf(db), v(), ids[1], { now: at('2026-11-02') }).ok).toBe(
			true
		);
		const register = publicRegister(db, v());
		expect(register).toHaveLength(before + 3);
		const year = register.filter((r) => r.year === 2026);
		expect(year.map((r) => r.seq)).toEqual(year.map((_, i) => i + 1));
		const mine = register.filter((r) => ids.includes(r.id));
		expect(mine.map((r) => r.published?.text ?? null)).toEqual([null, '第二项内容', null]);
		expect(mine[1].published).toMatchObject({ postedOn: '2026-11-02' });
		expect(JSON.stringify(register)).not.toMatch(/第一项内容|第三项内容/);
	});
});

describe('the authorisation a resolution cites', () => {
	it('names the villagers’ meeting, its date, scope and term for a representatives’ decision', () => {
		const topic = matterAtStep4();
		const grant = hold('villagers_meeting', null, '授权村民代表会议决定发展项目');
		expect(
			authorizeReps(db, clerkOf(db), v(), grant.motionId, {
				categories: ['development'],
				art24Items: ['public_welfare'],
				validFrom: grant.date,
				validTo: '2027-12-31'
			}).ok
		).toBe(true);
		const decided = resolutionOf(hold('reps_meeting', topic).motionId);
		expect(citedAuthorization(db, v(), decided)).toMatchObject({
			meetingTitle: grant.title,
			meetingDate: grant.date,
			categories: ['development'],
			art24Items: ['public_welfare'],
			validFrom: grant.date,
			validTo: '2027-12-31'
		});
		const r = publishResolutionById(db, clerkOf(db), v(), decided.id);
		if (!r.ok) throw new Error(r.reason);
		expect(r.notice.body).toContain(
			`决定依据：${grant.title}（${grant.date}）授权村民代表会议决定的事项：发展项目、村公益事业的兴办和筹资筹劳方案及建设承包方案；授权期限 ${grant.date} 至 2027-12-31。`
		);
		// The villagers' meeting's own resolution relied on no authorisation.
		const own = getResolution(db, v(), resolutionOf(grant.motionId).id)!;
		expect(citedAuthorization(db, v(), own)).toBeNull();
		const p = publishResolutionById(db, clerkOf(db), v(), own.id);
		if (!p.ok) throw new Error(p.reason);
		expect(p.notice.body).not.toContain('决定依据');
	});
});
