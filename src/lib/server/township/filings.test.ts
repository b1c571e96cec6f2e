import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { addDays } from '../calendar/dates';
import { createTownshipAccount } from '../auth/township-accounts';
import type { TownshipRole } from '../auth/session';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { holdPastMeeting } from '../seed/demo-past-meeting';
import { publishResolutionById } from '../procedure/publication';
import { resolutionOfMotion } from '../procedure/resolutions';
import { filingOfSubject, returnedFilingsOfVillage } from '../procedure/township-filing';
import { enactRevision } from '../village-rules/enactment';
import { filingOf } from '../village-rules/filing';
import { recordExistingText } from '../village-rules/recording';
import { decision, revision, rulesTopic } from '../village-rules/test-helpers';
import { acknowledgeTownshipFiling, returnTownshipFiling, townshipFilingInbox } from './filings';

let db: Db;
let meetings = 0;
useDemoVillageDb((d) => {
	db = d;
	meetings = 0;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const townshipOf = (villageId: number) =>
	db.prepare('select township_id from villages where id = ?').pluck().get(villageId) as number;
const now = new Date('2026-05-10T02:00:00Z');

/** A resolution of a villagers' meeting outside the 4+2, published by the clerk. */
function published(text = '同意村内路灯由集体经费维护'): number {
	// One meeting a fortnight from March, so each keeps the ten days' notice.
	const notice = addDays('2026-03-01', 15 * meetings++);
	const held = holdPastMeeting(db, clerk(), village(), {
		type: 'villagers_meeting',
		title: `村民会议${meetings}`,
		noticeDate: notice,
		meetingDate: addDays(notice, 12),
		motions: [{ agendaTitle: '路灯维护', topicId: null, text }]
	});
	const resolution = resolutionOfMotion(db, village(), held.motionIds[0])!;
	const r = publishResolutionById(db, clerk(), village(), resolution.id, { now });
	if (!r.ok) throw new Error(r.reason);
	return resolution.id;
}

function townshipLogin(role: TownshipRole, phone: string, township: number): Actor {
	const r = createTownshipAccount(db, null, {
		townshipId: township,
		role,
		name: '赵乡长',
		phone,
		position: ''
	});
	if (!r.ok) throw new Error(r.reason);
	return { userId: r.account.id, personId: null, role };
}

function otherTownship(): number {
	return Number(
		db
			.prepare(
				`insert into townships (name, district, city, province, created_at)
				 values ('西岗镇', '城子河区', '鸡西市', '黑龙江省', '2026-01-01T00:00:00Z')`
			)
			.run().lastInsertRowid
	);
}

const auditCount = () => db.prepare('select count(*) from audit').pluck().get() as number;

describe('a resolution is filed when its notice is published', () => {
	it('files it with the township, audited, when the village has one', () => {
		const id = published();
		const filing = filingOfSubject(db, village(), { resolutionId: id });
		expect(filing).toMatchObject({ kind: 'resolution', state: 'filed', resolutionId: id });
		const audit = db
			.prepare("select subject_id from audit where action = 'filing.filed'")
			.pluck()
			.all();
		expect(audit).toEqual([String(filing!.id)]);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('files nothing when the village belongs to no township', () => {
		db.prepare('update villages set township_id = null where id = ?').run(village());
		const id = published();
		expect(filingOfSubject(db, village(), { resolutionId: id })).toBeNull();
		expect(db.prepare('select count(*) from township_filings').pluck().get()).toBe(0);
	});
});

describe('the township decides a filing', () => {
	const roles = {
		official: () => townshipLogin('township_official', '13600000001', townshipOf(village())),
		reviewer: () => townshipLogin('township_reviewer', '13600000002', townshipOf(village())),
		'village clerk': clerk,
		'another township’s official': () =>
			townshipLogin('township_official', '13600000003', otherTownship())
	};
	it.each([
		['official', 'acknowledge', 'acknowledged'],
		['reviewer', 'acknowledge', 'acknowledged'],
		['official', 'return', 'returned'],
		['reviewer', 'return', 'returned'],
		['village clerk', 'acknowledge', 'forbidden'],
		['village clerk', 'return', 'forbidden'],
		['another township’s official', 'acknowledge', 'forbidden'],
		['another township’s official', 'return', 'forbidden']
	] as const)('%s: %s → %s', (who, verb, expected) => {
		const filing = filingOfSubject(db, village(), { resolutionId: published() })!;
		const actor = roles[who]();
		const before = auditCount();
		const r =
			verb === 'acknowledge'
				? acknowledgeTownshipFiling(db, actor, village(), filing.id, now)
				: returnTownshipFiling(db, actor, village(), filing.id, '表决人数记载不清，请补正', now);
		const after = filingOfSubject(db, village(), { resolutionId: filing.resolutionId! })!;
		if (expected === 'forbidden') {
			expect(r).toEqual({ ok: false, reason: 'forbidden' });
			expect(after.state).toBe('filed');
			expect(auditCount()).toBe(before);
			return;
		}
		expect(r.ok).toBe(true);
		expect(after.state).toBe(expected);
		expect(after.reason).toBe(expected === 'returned' ? '表决人数记载不清，请补正' : null);
		const action = db.prepare('select action from audit order by id desc limit 1').pluck().get();
		expect(action).toBe(expected === 'returned' ? 'filing.returned' : 'filing.acknowledged');
	});

	it.each([
		['acknowledged, then acknowledged again', 'acknowledge', 'acknowledge'],
		['acknowledged, then returned', 'acknowledge', 'return'],
		['returned, then acknowledged', 'return', 'acknowledge']
	] as const)('is decided once: %s', (_, first, second) => {
		const filing = filingOfSubject(db, village(), { resolutionId: published() })!;
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		const act = (verb: 'acknowledge' | 'return') =>
			verb === 'acknowledge'
				? acknowledgeTownshipFiling(db, official, village(), filing.id, now)
				: returnTownshipFiling(db, official, village(), filing.id, '请补正', now);
		expect(act(first).ok).toBe(true);
		const state = filingOfSubject(db, village(), { resolutionId: filing.resolutionId! })!.state;
		const before = auditCount();
		expect(act(second)).toEqual({ ok: false, reason: 'already_decided' });
		expect(filingOfSubject(db, village(), { resolutionId: filing.resolutionId! })!.state).toBe(
			state
		);
		expect(auditCount()).toBe(before);
	});

	it.each([
		['empty', ''],
		['only spaces', '   '],
		['over 1000 characters', '退'.repeat(1001)]
	])('a return needs a reason: %s is refused', (_, reason) => {
		const filing = filingOfSubject(db, village(), { resolutionId: published() })!;
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		expect(returnTownshipFiling(db, official, village(), filing.id, reason, now)).toEqual({
			ok: false,
			reason: 'bad_reason'
		});
		expect(filingOfSubject(db, village(), { resolutionId: filing.resolutionId! })!.state).toBe(
			'filed'
		);
	});

	it('a reason of exactly 1000 characters is taken, trimmed', () => {
		const filing = filingOfSubject(db, village(), { resolutionId: published() })!;
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		const r = returnTownshipFiling(
			db,
			official,
			village(),
			filing.id,
			` ${'退'.repeat(1000)} `,
			now
		);
		expect(r.ok && r.filing.reason).toBe('退'.repeat(1000));
	});

	it('a filing of another village is not found', () => {
		const filing = filingOfSubject(db, village(), { resolutionId: published() })!;
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		const hudong = db
			.prepare(
				'insert into villages (slug, name, township_id, created_at) values (?, ?, ?, ?) returning id'
			)
			.pluck()
			.get('hedong', '河东村', townshipOf(village()), now.toISOString()) as number;
		expect(acknowledgeTownshipFiling(db, official, hudong, filing.id, now)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('the inbox and the village’s returned filings', () => {
	it('lists the township’s filings oldest first, by state and village, with the days waited', () => {
		const first = published('第一项决议');
		const second = published('第二项决议');
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		const secondFiling = filingOfSubject(db, village(), { resolutionId: second })!;
		const later = new Date('2026-05-13T02:00:00Z');
		expect(returnTownshipFiling(db, official, village(), secondFiling.id, '请补正', later).ok).toBe(
			true
		);
		const all = townshipFilingInbox(db, townshipOf(village()), {}, later);
		expect(all.map((f) => [f.resolutionId, f.state, f.waitingDays])).toEqual([
			[first, 'filed', 3],
			[second, 'returned', 3]
		]);
		expect(all[1]).toMatchObject({ decidedByName: '赵乡长', villageSlug: 'xinyang' });
		const waiting = townshipFilingInbox(db, townshipOf(village()), { state: 'filed' }, later);
		expect(waiting.map((f) => f.resolutionId)).toEqual([first]);
		expect(townshipFilingInbox(db, otherTownship(), {}, later)).toEqual([]);
		expect(
			townshipFilingInbox(db, townshipOf(village()), { villageId: village() + 999 }, later)
		).toEqual([]);
		expect(returnedFilingsOfVillage(db, village()).map((f) => [f.resolutionId, f.reason])).toEqual([
			[second, '请补正']
		]);
	});
});

describe('a rules version is filed when enacted', () => {
	function enacted(): number {
		const v1 = recordExistingText(
			db,
			clerk(),
			village(),
			{
				kind: 'village_rules',
				title: '新阳村村规民约',
				text: '第一条 甲。\n第二条 禁止焚烧秸秆。',
				source: '2019年村民会议通过',
				adoptedOn: '2019-05-01',
				effectiveOn: '2019-05-01'
			},
			{ now }
		);
		if (!v1.ok) throw new Error(v1.reason);
		const topic = rulesTopic(db, village());
		decision(db, village(), topic, 'villagers_meeting', '2026-05-08', []);
		const rev = revision(db, village(), topic, v1.version.documentId, v1.version.id, 'reviewed', [
			{ change: 'change', articleKey: 2, body: '禁止焚烧秸秆，引导秸秆还田。' }
		]);
		const r = enactRevision(db, clerk(), village(), rev, { effectiveOn: '2026-06-01' }, { now });
		if (!r.ok) throw new Error(r.reason);
		return r.version.id;
	}

	it('files it with the township and marks the village’s own record filed on that day', () => {
		const versionId = enacted();
		expect(filingOfSubject(db, village(), { rulesVersionId: versionId })).toMatchObject({
			kind: 'rules_version',
			state: 'filed'
		});
		expect(filingOf(db, versionId)).toMatchObject({ filedOn: '2026-05-10', acknowledgedOn: null });
	});

	it('the township’s acknowledgement is the village’s receipt, by the official’s name', () => {
		const versionId = enacted();
		const filing = filingOfSubject(db, village(), { rulesVersionId: versionId })!;
		const reviewer = townshipLogin('township_reviewer', '13600000002', townshipOf(village()));
		const later = new Date('2026-05-12T02:00:00Z');
		expect(acknowledgeTownshipFiling(db, reviewer, village(), filing.id, later).ok).toBe(true);
		expect(filingOf(db, versionId)).toMatchObject({
			acknowledgedOn: '2026-05-12',
			acknowledgedByName: '赵乡长'
		});
	});

	it('a returned version stays filed but unacknowledged in the village’s record', () => {
		const versionId = enacted();
		const filing = filingOfSubject(db, village(), { rulesVersionId: versionId })!;
		const official = townshipLogin('township_official', '13600000001', townshipOf(village()));
		expect(returnTownshipFiling(db, official, village(), filing.id, '第二条须写明', now).ok).toBe(
			true
		);
		expect(filingOf(db, versionId)).toMatchObject({ filedOn: '2026-05-10', acknowledgedOn: null });
	});
});
