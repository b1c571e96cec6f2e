import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from './db/test-db';
import type { Db } from './db';
import { command } from './command';
import { verifyChain } from './audit/chain.js';
import type { Actor } from './permissions/actor';

let db: Db;
let cleanup: () => void;
const clerk: Actor = { userId: 7, personId: 3, role: 'clerk' };
const at = new Date('2026-03-02T08:00:00Z');

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	db.exec('create table things (id integer primary key, owner integer, name text)');
	db.prepare('insert into things (id, owner, name) values (1, 3, ?)').run('旧名');
});
afterEach(() => cleanup());

const thing = (id: number) =>
	db.prepare('select * from things where id = ?').get(id) as
		{ id: number; owner: number; name: string } | undefined;
const auditRows = () => db.prepare('select action, actor_id, village_id, at from audit').all();

function rename(
	actor: Actor,
	id: number,
	name: string,
	options: { may?: boolean; failAfterWrite?: boolean } = {}
) {
	return command(db, {
		actor,
		villageId: 5,
		now: at,
		may: () => options.may ?? true,
		load: ({ db }) => db.prepare('select * from things where id = ?').get(id) as { owner: number },
		allowed: (t, { actor }) => t.owner === actor?.personId,
		run: (_t, ctx) => {
			ctx.db.prepare('update things set name = ? where id = ?').run(name, id);
			ctx.audit({ action: 'topic.draft_updated', subjectType: 'topic', subjectId: id });
			if (options.failAfterWrite) return { ok: false as const, reason: 'bad_name' as const };
			return { ok: true as const };
		}
	});
}

describe('command', () => {
	it.each([
		['may refuses before anything is read', clerk, 1, { may: false }, 'forbidden'],
		['a missing subject is not found', clerk, 99, {}, 'not_found'],
		['someone else’s subject is forbidden', { ...clerk, personId: 4 }, 1, {}, 'forbidden'],
		['a refusal after a write rolls the write back', clerk, 1, { failAfterWrite: true }, 'bad_name']
	])('%s', (_name, actor, id, options, reason) => {
		expect(rename(actor, id, '新名', options)).toEqual({ ok: false, reason });
		expect(thing(1)?.name).toBe('旧名');
		expect(auditRows()).toEqual([]);
	});

	it('commits the change with one audit entry stamped with who, where and when', () => {
		expect(rename(clerk, 1, '新名')).toEqual({ ok: true });
		expect(thing(1)?.name).toBe('新名');
		expect(auditRows()).toEqual([
			{ action: 'topic.draft_updated', actor_id: 7, village_id: 5, at: at.toISOString() }
		]);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('rolls back the change and its entry when the change throws', () => {
		expect(() =>
			command(db, {
				actor: clerk,
				villageId: 5,
				run: (_s, ctx) => {
					ctx.audit({ action: 'topic.created', subjectType: 'topic', subjectId: 1 });
					ctx.db.prepare('update things set name = ? where id = 1').run('半条');
					throw new Error('disk full');
				}
			})
		).toThrow('disk full');
		expect(thing(1)?.name).toBe('旧名');
		expect(auditRows()).toEqual([]);
	});

	it('joins a caller’s transaction, and a refusal inside it undoes only its own writes', () => {
		const outer = db.transaction(() => {
			db.prepare('insert into things (id, owner, name) values (2, 3, ?)').run('外层');
			return rename(clerk, 1, '新名', { failAfterWrite: true });
		});
		expect(outer()).toEqual({ ok: false, reason: 'bad_name' });
		expect(thing(2)?.name).toBe('外层');
		expect(thing(1)?.name).toBe('旧名');
	});
});
