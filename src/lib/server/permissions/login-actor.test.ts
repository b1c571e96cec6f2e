import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { createAccount } from '../auth/accounts';
import { createVillage } from '../villages/villages';
import { actorOfLogin } from './login-actor';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
	({ db, cleanup } = createTestDb());
});
afterEach(() => cleanup());

describe('actorOfLogin', () => {
	it('is null for the system itself', () => {
		expect(actorOfLogin(db, null)).toBeNull();
	});

	it('reads the login’s role and person', () => {
		const created = createAccount(db, null, {
			villageId: null,
			role: 'admin',
			name: '管理员',
			phone: '13900000001'
		});
		if (!created.ok) throw new Error(created.reason);
		const id = created.account.id;
		expect(actorOfLogin(db, id)).toEqual({ userId: id, personId: null, role: 'admin' });
	});

	it('names an unknown id with no rights, so its entry still says who asked', () => {
		expect(actorOfLogin(db, 999)).toEqual({ userId: 999, personId: null, role: 'villager' });
	});

	it('stamps the entries of a command handed a login id with that login, in the new village', () => {
		const admin = createAccount(db, null, {
			villageId: null,
			role: 'admin',
			name: '管理员',
			phone: '13900000001'
		});
		if (!admin.ok) throw new Error(admin.reason);
		const made = createVillage(db, admin.account.id, {
			slug: 'dongshan',
			name: '东山村',
			township: '长青乡',
			district: '',
			city: '',
			province: '',
			oneShoulder: false,
			clerk: { name: '文书', phone: '13900000002' }
		});
		if (!made.ok) throw new Error(made.reason);
		expect(db.prepare('select action, actor_id, village_id from audit order by id').all()).toEqual([
			{ action: 'account.created', actor_id: null, village_id: null },
			{ action: 'village.created', actor_id: admin.account.id, village_id: made.village.id },
			{ action: 'account.created', actor_id: admin.account.id, village_id: made.village.id },
			{
				action: 'account.activation_code_issued',
				actor_id: admin.account.id,
				village_id: made.village.id
			}
		]);
	});
});
