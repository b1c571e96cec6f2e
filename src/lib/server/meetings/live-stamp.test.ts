import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { appendAudit } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE, seedDemoMeetings } from '../seed/demo-meetings';
import { castBallot } from '../votes/ballots';
import { markRecusal } from '../votes/recusals';
import { closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { openMeeting } from './notice';
import { markLeft, signIn } from './attendance';
import { askForFloor, startDiscussion } from './speakers';
import { submitWrittenOpinion } from './opinions';
import type { Actor } from '../permissions';
import { liveStamp } from './live-stamp';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const NOW = new Date('2026-11-27T01:30:00Z');

/** The demo meeting of today with its agenda, and another meeting of the same village. */
function world() {
	const v = demoVillageId(db);
	seedDemoMeetings(db, v, NOW);
	const clerk = demoActor(db, '13800000001');
	const meetingId = db
		.prepare('select id from meetings where title = ?')
		.pluck()
		.get(DEMO_TODAY_MEETING_TITLE) as number;
	const other = db
		.prepare('select id from meetings where village_id = ? and id != ? order by id')
		.pluck()
		.get(v, meetingId) as number;
	const itemId = db
		.prepare('select id from agenda_items where meeting_id = ? order by position')
		.pluck()
		.get(meetingId) as number;
	const voters = db
		.prepare(
			'select person_id from meeting_roster where meeting_id = ? and voting = 1 order by person_id'
		)
		.pluck()
		.all(meetingId) as number[];
	const voter = (p: number): Actor => ({ userId: clerk.userId, personId: p, role: 'villager' });
	return { v, clerk, meetingId, other, itemId, voters, voter };
}

type World = ReturnType<typeof world>;
const ok = (r: { ok: boolean; reason?: string }) => expect(r).toMatchObject({ ok: true });

/** Opens the meeting, signs in 17 voters and opens one motion of this method. */
function openVote(w: World, method: 'named' | 'secret'): number {
	const motion = createMotion(db, w.clerk, w.v, w.itemId, { text: '同意建设储藏库', method });
	if (!motion.ok) throw new Error(motion.reason);
	ok(openMotion(db, w.clerk, w.v, motion.motion.id));
	return motion.motion.id;
}

function opened(): World {
	const w = world();
	ok(openMeeting(db, w.clerk, w.v, w.meetingId, { now: NOW }));
	for (const p of w.voters.slice(0, 17)) ok(signIn(db, w.clerk, w.v, w.meetingId, p));
	return w;
}

// Each change the vote page shows, made on a meeting already open.
const changes: [string, (w: World) => void][] = [
	['a sign-in', (w) => ok(signIn(db, w.clerk, w.v, w.meetingId, w.voters[20]))],
	['a departure', (w) => ok(markLeft(db, w.clerk, w.v, w.meetingId, w.voters[3]))],
	[
		'a motion created',
		(w) => ok(createMotion(db, w.clerk, w.v, w.itemId, { text: '同意', method: 'named' }))
	],
	['a vote opened', (w) => openVote(w, 'named')],
	[
		'a named ballot',
		(w) => {
			const id = openVote(w, 'named');
			const before = liveStamp(db, w.meetingId);
			ok(castBallot(db, w.voter(w.voters[0]), w.v, id, 'yes'));
			expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		}
	],
	[
		'a secret ballot',
		(w) => {
			const id = openVote(w, 'secret');
			const before = liveStamp(db, w.meetingId);
			ok(castBallot(db, w.voter(w.voters[0]), w.v, id, 'no'));
			expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		}
	],
	[
		'a recusal',
		(w) => {
			const id = openVote(w, 'named');
			const before = liveStamp(db, w.meetingId);
			ok(markRecusal(db, w.clerk, w.v, id, { personId: w.voters[1], reason: '本人承包该地块' }));
			expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		}
	],
	[
		'a vote closed',
		(w) => {
			const id = openVote(w, 'named');
			ok(castBallot(db, w.voter(w.voters[0]), w.v, id, 'yes'));
			const before = liveStamp(db, w.meetingId);
			ok(closeMotion(db, w.clerk, w.v, id, { confirmed: true }));
			expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		}
	],
	['a discussion started', (w) => ok(startDiscussion(db, w.clerk, w.v, w.meetingId, w.itemId))],
	[
		'a request for the floor',
		(w) => {
			ok(startDiscussion(db, w.clerk, w.v, w.meetingId, w.itemId));
			const before = liveStamp(db, w.meetingId);
			ok(askForFloor(db, w.voter(w.voters[2]), w.v, w.meetingId, w.voters[2]));
			expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		}
	],
	[
		'a written opinion',
		(w) =>
			ok(
				submitWrittenOpinion(db, w.voter(w.voters[4]), w.v, w.itemId, '建议先修路', {
					meetingId: w.meetingId
				})
			)
	]
];

describe("liveStamp: the meeting's own count of changes", () => {
	it('is 0 for a meeting nothing has changed since the stamp began', () => {
		expect(liveStamp(db, 999_999)).toBe(0);
	});

	it('moves when the meeting opens', () => {
		const w = world();
		const before = liveStamp(db, w.meetingId);
		ok(openMeeting(db, w.clerk, w.v, w.meetingId, { now: NOW }));
		expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
	});

	it.each(changes)('moves with %s, and not for another meeting', (_, change) => {
		const w = opened();
		const before = liveStamp(db, w.meetingId);
		const otherBefore = liveStamp(db, w.other);
		change(w);
		expect(liveStamp(db, w.meetingId)).toBeGreaterThan(before);
		expect(liveStamp(db, w.other)).toBe(otherBefore);
	});

	it('stays put for the rest of the village: its audit entries are not the stamp', () => {
		const w = opened();
		const before = liveStamp(db, w.meetingId);
		db.transaction(() =>
			appendAudit(db, {
				villageId: w.v,
				actorId: null,
				action: 'test.change',
				subjectType: 'topic'
			})
		)();
		db.prepare('update meetings set place = place where id = ?').run(w.other);
		expect(liveStamp(db, w.meetingId)).toBe(before);
		expect(liveStamp(db, w.other)).toBeGreaterThan(0);
	});

	it('is read by primary key, not a scan', () => {
		const plan = db
			.prepare(
				'explain query plan select coalesce(max(version), 0) from meeting_changes where meeting_id = ?'
			)
			.all(1) as { detail: string }[];
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INTEGER PRIMARY KEY/);
	});
});
