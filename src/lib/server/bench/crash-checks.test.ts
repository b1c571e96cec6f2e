// The checks `npm run test:crash` and `npm run test:backup` run after a kill or a restore pass on
// a database the app wrote, and find each kind of damage they are meant to find: a checker that
// never fails would prove nothing.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { castBallot } from '../votes/ballots';
import { closeMotion } from '../procedure/closing';
import { checkBallots, checkFile, checkMotionsWhole } from '../../../../scripts/lib/storm.js';
import { TINY, clerkPhone, generate } from './township';
import { type Actor } from '../permissions';

describe('the crash and backup checks', () => {
	it('pass on what the app wrote and name each motion left half-closed or ballot lost', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishiting-crash-'));
		try {
			const path = join(dir, 'town.db');
			const town = await generate(path, TINY, { today: '2026-11-27' });
			const db = openDatabase(path);
			try {
				const actor = (phone: string, role: Actor['role']): Actor => {
					const u = db.prepare('select id, person_id from users where phone = ?').get(phone) as {
						id: number;
						person_id: number;
					};
					return { userId: u.id, personId: u.person_id, role };
				};
				const voters = town.storm.phones.map((p) => actor(p, 'villager'));
				const persons = voters.map((v) => v.personId!);
				const clerk = actor(clerkPhone(0), 'clerk');
				const villageId = db
					.prepare('select id from villages where slug = ?')
					.pluck()
					.get(town.slug) as number;
				// Motions alternate named, secret, named, secret; the first two are closed, the first
				// two voters did not vote on the first.
				const [named, secret, openNamed, openSecret] = town.storm.motionIds;
				for (const [i, v] of voters.entries())
					for (const id of [named, secret, openNamed, openSecret])
						if (id !== named || i >= 2)
							expect(castBallot(db, v, villageId, id, i % 4 ? 'yes' : 'no').ok).toBe(true);
				for (const id of [named, secret])
					expect(closeMotion(db, clerk, villageId, id, { confirmed: true }).ok).toBe(true);

				const storm = {
					ballots: new Map<string, { kind: string; reason?: string }>(
						voters.flatMap((_, v) =>
							[named, secret].map((id) => [`${v}:${id}`, { kind: 'ack' }] as const)
						)
					),
					repeats: []
				};
				// The two ballots never sent on the first motion: one unanswered, one refused.
				storm.ballots.set(`0:${named}`, { kind: 'unknown' });
				storm.ballots.set(`1:${named}`, { kind: 'refused', reason: 'not_open' });
				expect(checkFile(db).problems).toEqual([]);
				expect(checkMotionsWhole(db, town.storm.meetingId)).toEqual([]);
				expect(checkBallots(db, storm, persons, [named, secret])).toEqual([]);

				// Damage that the schema's triggers forbid, as a torn write or a bad restore would leave.
				for (const t of db
					.prepare("select name from sqlite_master where type = 'trigger'")
					.pluck()
					.all() as string[])
					db.exec(`drop trigger "${t}"`);
				db.prepare('update motions set yes = yes - 1 where id = ?').run(named);
				db.prepare('delete from resolutions where motion_id = ?').run(secret);
				db.prepare('delete from named_choices where motion_id = ? and person_id = ?').run(
					openNamed,
					persons[5]
				);
				db.prepare(
					"update secret_tallies set count = count + 1 where motion_id = ? and choice = 'no'"
				).run(openSecret);
				db.prepare('delete from ballot_receipts where motion_id = ? and person_id = ?').run(
					secret,
					persons[3]
				);
				db.prepare(
					"insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, 'online')"
				).run(named, persons[1]);
				const problems = checkMotionsWhole(db, town.storm.meetingId);
				expect(problems).toEqual(
					expect.arrayContaining([
						expect.stringMatching(`motion ${named} \\(closed\\): tally`),
						expect.stringMatching(`motion ${secret} \\(closed\\): passed with 0 resolutions`),
						expect.stringMatching(`motion ${openNamed} \\(open\\): 20 receipts but 19 choices`),
						expect.stringMatching(`motion ${openSecret} \\(open\\): 20 receipts but 21 choices`)
					])
				);
				expect(checkBallots(db, storm, persons, [named, secret])).toEqual([
					`ballot 1:${named} was refused (not_open) but is stored`,
					`acknowledged ballot 3:${secret} is missing`
				]);
				db.prepare("update audit set action = 'edited' where id = 2").run();
				expect(checkFile(db).problems).toEqual([
					expect.stringMatching(/^audit chain broken at entry 2/)
				]);
			} finally {
				db.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
