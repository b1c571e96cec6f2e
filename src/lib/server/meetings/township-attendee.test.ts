import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { createTownshipAccount } from '../auth/township-accounts';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { closeMeeting } from '../procedure/closing';
import { addAgendaItem, createMeeting } from './calling';
import { notifyMeeting, openMeeting } from './notice';
import { meetingView } from './view';
import {
	inviteesOf,
	invitationsOfOfficial,
	inviteTownshipOfficial,
	signInAsTownshipAttendee,
	townshipOfficialsFor
} from './township-attendee';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const at = (date: string) => new Date(`${date}T02:00:00Z`);
const DAY = '2026-11-20';
const phones = {
	clerk: '13800000001',
	secretary: '13800000002',
	villager: '13800000003',
	admin: '13900000000',
	// 湖东村's clerk: the same township, another village.
	otherVillageClerk: '13800000021',
	official: '13800000010',
	reviewer: '13800000012'
};
const actor = (who: keyof typeof phones): Actor => demoActor(db, phones[who]);
const userIdOf = (who: keyof typeof phones) => actor(who).userId;

/** An official of another township (西岗镇), with no say over 新阳村. */
function otherTownshipOfficial(): Actor {
	const township = Number(
		db
			.prepare(
				`insert into townships (name, district, city, province, created_at)
				 values ('西岗镇', '城子河区', '鸡西市', '黑龙江省', '2026-01-01T00:00:00Z')`
			)
			.run().lastInsertRowid
	);
	const r = createTownshipAccount(db, null, {
		townshipId: township,
		role: 'township_official',
		name: '郑国强',
		phone: '13600000009',
		position: '西岗镇党政办主任'
	});
	if (!r.ok) throw new Error(r.reason);
	return { userId: r.account.id, personId: null, role: 'township_official' };
}

/** A 党员大会 of 新阳村 on DAY, called 18 days before; notified and opened when asked. */
function partyAssembly(upTo: 'draft' | 'notified' | 'open' | 'closed' = 'notified') {
	const v = demoVillageId(db);
	const c = actor('clerk');
	const m = createMeeting(
		db,
		c,
		v,
		{ type: 'party_assembly', title: '党员大会：储藏库选址', meetingDate: DAY },
		{ now: at('2026-11-02') }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v, m.meeting.id, { title: '储藏库选址' });
	if (!item.ok) throw new Error(item.reason);
	const id = m.meeting.id;
	if (upTo !== 'draft')
		expect(notifyMeeting(db, c, v, id, { now: at('2026-11-02') }).ok).toBe(true);
	if (upTo === 'open' || upTo === 'closed')
		expect(openMeeting(db, c, v, id, { now: at(DAY) }).ok).toBe(true);
	return { v, id, close: () => closeMeeting(db, c, v, id, { confirmed: true, now: at(DAY) }) };
}

const invite = (meetingId: number, userId = userIdOf('official'), by = actor('clerk')) =>
	inviteTownshipOfficial(db, by, demoVillageId(db), meetingId, userId, { now: at('2026-11-03') });

const rowsOf = (meetingId: number) => ({
	invitations: db
		.prepare('select count(*) from meeting_township_invitations where meeting_id = ?')
		.pluck()
		.get(meetingId),
	guests: db
		.prepare('select count(*) from meeting_guests where meeting_id = ?')
		.pluck()
		.get(meetingId),
	audit: db.prepare('select count(*) from audit').pluck().get()
});

describe('inviting a township official', () => {
	it.each([
		['clerk', true],
		['secretary', true],
		['villager', false],
		['admin', false],
		['otherVillageClerk', false],
		['official', false],
		['reviewer', false]
	] as const)('by the %s: allowed %s', (who, allowed) => {
		const { id } = partyAssembly();
		const before = rowsOf(id);
		const r = invite(id, userIdOf('official'), actor(who));
		expect(r).toEqual(allowed ? { ok: true } : { ok: false, reason: 'forbidden' });
		const after = rowsOf(id);
		expect(after.invitations).toBe(Number(before.invitations) + (allowed ? 1 : 0));
		expect(after.audit).toBe(Number(before.audit) + (allowed ? 1 : 0));
	});

	it.each([
		['a reviewer', () => userIdOf('reviewer'), 'not_township_official'],
		['another township’s official', () => otherTownshipOfficial().userId, 'not_township_official'],
		['a village clerk', () => userIdOf('clerk'), 'not_township_official'],
		[
			'a disabled official',
			() => {
				db.prepare('update users set disabled_at = ? where id = ?').run(
					'2026-11-01T00:00:00Z',
					userIdOf('official')
				);
				return userIdOf('official');
			},
			'not_township_official'
		]
	] as const)('refuses %s (%s)', (_, userId, reason) => {
		const { id } = partyAssembly();
		const who = userId();
		const before = rowsOf(id);
		expect(invite(id, who)).toEqual({ ok: false, reason });
		expect(rowsOf(id)).toEqual(before);
	});

	it('invites once, in a draft or a notified meeting, never once it is closed', () => {
		const draft = partyAssembly('draft');
		expect(invite(draft.id)).toEqual({ ok: true });
		expect(invite(draft.id)).toEqual({ ok: false, reason: 'already_invited' });

		const held = partyAssembly('open');
		expect(held.close().ok).toBe(true);
		expect(invite(held.id)).toEqual({ ok: false, reason: 'closed' });
	});

	it('does not find another village’s meeting', () => {
		const { id } = partyAssembly();
		const hudong = db
			.prepare("select id from villages where slug = 'hudong'")
			.pluck()
			.get() as number;
		const r = inviteTownshipOfficial(
			db,
			actor('otherVillageClerk'),
			hudong,
			id,
			userIdOf('official')
		);
		expect(r).toEqual({ ok: false, reason: 'not_found' });
	});

	it('offers the live officials of the village’s township only', () => {
		otherTownshipOfficial();
		expect(townshipOfficialsFor(db, demoVillageId(db))).toEqual([
			{ id: userIdOf('official'), name: '周建华', position: '长青乡党政办主任' }
		]);
	});
});

describe('the township attendee signs in', () => {
	type Case = [
		string,
		{
			state: 'draft' | 'notified' | 'open' | 'closed';
			invited?: boolean;
			who?: () => Actor;
			day?: string;
			twice?: boolean;
		},
		{ ok: true } | { ok: false; reason: string }
	];
	const cases: Case[] = [
		['on the day of a notified meeting', { state: 'notified', day: DAY }, { ok: true }],
		['while the meeting is open', { state: 'open', day: DAY }, { ok: true }],
		['uninvited', { state: 'open', invited: false }, { ok: false, reason: 'not_invited' }],
		['before the day', { state: 'notified', day: '2026-11-19' }, { ok: false, reason: 'not_open' }],
		['in a draft', { state: 'draft', day: DAY }, { ok: false, reason: 'not_open' }],
		['after the close', { state: 'closed' }, { ok: false, reason: 'not_open' }],
		['twice', { state: 'open', twice: true }, { ok: false, reason: 'already_signed_in' }],
		[
			'as a reviewer',
			{ state: 'open', who: () => actor('reviewer') },
			{ ok: false, reason: 'forbidden' }
		],
		[
			'as another township’s official',
			{ state: 'open', who: otherTownshipOfficial },
			{ ok: false, reason: 'forbidden' }
		],
		[
			'as the clerk',
			{ state: 'open', who: () => actor('clerk') },
			{ ok: false, reason: 'forbidden' }
		]
	];

	it.each(cases)('%s', (_, c, expected) => {
		const { v, id, close } = partyAssembly(c.state === 'closed' ? 'open' : c.state);
		if (c.invited !== false) expect(invite(id)).toEqual({ ok: true });
		if (c.state === 'closed') expect(close().ok).toBe(true);
		const who = c.who?.() ?? actor('official');
		const now = at(c.day ?? DAY);
		if (c.twice) expect(signInAsTownshipAttendee(db, who, v, id, { now }).ok).toBe(true);
		const before = rowsOf(id);
		const r = signInAsTownshipAttendee(db, who, v, id, { now });
		expect(r).toEqual(expected);
		const after = rowsOf(id);
		const wrote = expected.ok ? 1 : 0;
		expect(after.guests).toBe(Number(before.guests) + wrote);
		expect(after.audit).toBe(Number(before.audit) + wrote);
	});

	it('records the account’s name and office as the township guest, signed in by the account', () => {
		const { v, id } = partyAssembly('open');
		invite(id);
		expect(inviteesOf(db, id)).toMatchObject([{ name: '周建华', signedInAt: null }]);
		expect(signInAsTownshipAttendee(db, actor('official'), v, id, { now: at(DAY) })).toEqual({
			ok: true
		});
		expect(meetingView(db, v, id)!.guests).toEqual([
			{ kind: 'township', name: '周建华', position: '长青乡党政办主任', byAccount: true }
		]);
		expect(inviteesOf(db, id)).toMatchObject([
			{ name: '周建华', signedInAt: at(DAY).toISOString() }
		]);
	});

	it('lists the official’s invitations, the 签到 button only while sign-in is open', () => {
		const early = partyAssembly('notified');
		invite(early.id);
		const official = userIdOf('official');
		const before = invitationsOfOfficial(db, official, at('2026-11-19'));
		expect(before.upcoming).toMatchObject([
			{ meetingId: early.id, villageSlug: 'xinyang', maySignIn: false }
		]);
		const onTheDay = invitationsOfOfficial(db, official, at(DAY));
		expect(onTheDay.upcoming).toMatchObject([{ meetingId: early.id, maySignIn: true }]);
		expect(invitationsOfOfficial(db, official, at('2026-11-21'))).toMatchObject({
			upcoming: [],
			past: [{ meetingId: early.id, maySignIn: false }]
		});
		expect(invitationsOfOfficial(db, userIdOf('reviewer'), at(DAY)).upcoming).toEqual([]);
	});
});
