// The demo village 新阳村 from the source article, created on first start with an empty database.
// Deterministic: the same accounts and passwords every time, printed at start for the operator.
import { env } from '$env/dynamic/private';
import type { Db } from '../db';
import { appendAudit } from '../audit/chain.js';
import { hashPassword } from '../auth/password';
import { createAccount } from '../auth/accounts';
import { createVillage, findVillageBySlug } from '../villages/villages';

export const DEMO_VILLAGE = {
	slug: 'xinyang',
	name: '新阳村',
	township: '长青乡',
	district: '城子河区',
	city: '鸡西市',
	province: '黑龙江省',
	oneShoulder: true
};

export const DEMO_ACCOUNTS = [
	{ role: 'admin', name: '系统管理员', phone: '13900000000', password: 'demo-admin-2026' },
	{ role: 'clerk', name: '王丽', phone: '13800000001', password: 'demo-clerk-2026' },
	{ role: 'secretary', name: '李建国', phone: '13800000002', password: 'demo-secretary-2026' },
	{ role: 'villager', name: '张秀英', phone: '13800000003', password: 'demo-villager-2026' }
] as const;

export function seedingEnabled(): boolean {
	return env.SEED_DEMO !== '0';
}

/** Seeds the demo village when the database has no village yet. Returns whether it seeded. */
export async function seedDemo(db: Db): Promise<boolean> {
	const empty = (db.prepare('select count(*) as n from villages').get() as { n: number }).n === 0;
	if (!empty) return false;
	const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
	db.transaction(() => {
		const [admin, clerk, ...others] = DEMO_ACCOUNTS;
		const adminAccount = createAccount(db, null, {
			villageId: null,
			role: admin.role,
			name: admin.name,
			phone: admin.phone,
			passwordHash: hashes[0]
		});
		if (!adminAccount.ok) throw new Error('demo admin could not be created');
		const adminId = adminAccount.account.id;
		const created = createVillage(db, adminId, {
			...DEMO_VILLAGE,
			clerk: { name: clerk.name, phone: clerk.phone }
		});
		if (!created.ok) throw new Error(`demo village could not be created: ${created.reason}`);
		db.prepare('update users set password_hash = ? where id = ?').run(hashes[1], created.clerkId);
		appendAudit(db, {
			villageId: created.village.id,
			actorId: adminId,
			action: 'account.demo_password_set',
			subjectType: 'user',
			subjectId: created.clerkId
		});
		others.forEach((a, i) => {
			const r = createAccount(db, adminId, {
				villageId: created.village.id,
				role: a.role,
				name: a.name,
				phone: a.phone,
				passwordHash: hashes[i + 2]
			});
			if (!r.ok) throw new Error(`demo account ${a.phone} could not be created`);
		});
	}).immediate();
	return true;
}

export async function seedOnFirstStart(db: Db): Promise<void> {
	const seeded = seedingEnabled() && (await seedDemo(db));
	if (!findVillageBySlug(db, DEMO_VILLAGE.slug)) return;
	const lines = DEMO_ACCOUNTS.map(
		(a) => `  ${a.role.padEnd(10)} ${a.name}\t${a.phone}\t${a.password}`
	);
	console.log(
		`${seeded ? 'Seeded the demo village' : 'Demo village'} ${DEMO_VILLAGE.name} (/${DEMO_VILLAGE.slug}). ` +
			`Demo accounts (as seeded; a changed password is not shown):\n${lines.join('\n')}`
	);
}
