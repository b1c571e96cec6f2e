// The demo township (长青乡): a second village of it, 湖东村, with its own clerk and roster, and the
// township's staff, an official and a reviewer, who oversee both villages (issue 19).
import { command } from '../command';
import type { Db } from '../db';
import { actorOfLogin } from '../permissions/login-actor';
import { createTownshipAccount } from '../auth/township-accounts';
import { createVillage } from '../villages/villages';
import type { TownshipRole } from '../auth/session';

export const DEMO_SECOND_VILLAGE = {
	slug: 'hudong',
	name: '湖东村',
	clerk: { name: '孙海燕', phone: '13800000021', password: 'demo-hudong-2026' }
};

export const DEMO_TOWNSHIP_ACCOUNTS: readonly {
	role: TownshipRole;
	title: string;
	name: string;
	phone: string;
	password: string;
	position: string;
}[] = [
	{
		role: 'township_official',
		title: '乡镇干部',
		name: '周建华',
		phone: '13800000010',
		password: 'demo-township-2026',
		position: '长青乡党政办主任'
	},
	{
		role: 'township_reviewer',
		title: '乡镇审核人员',
		name: '吴文静',
		phone: '13800000012',
		password: 'demo-reviewer-2026',
		position: '长青乡司法所'
	}
];

/**
 * The second village (same place as the demo village, so the same township) and the township's
 * staff. `hashes` are the passwords' hashes: the clerk's, then each township account's.
 */
export function seedDemoTownship(
	db: Db,
	adminId: number,
	place: { township: string; district: string; city: string; province: string },
	hashes: { clerk: string; township: string[] }
): { villageId: number; clerkId: number; townshipId: number } {
	const created = createVillage(db, adminId, {
		...place,
		slug: DEMO_SECOND_VILLAGE.slug,
		name: DEMO_SECOND_VILLAGE.name,
		oneShoulder: false,
		clerk: { name: DEMO_SECOND_VILLAGE.clerk.name, phone: DEMO_SECOND_VILLAGE.clerk.phone }
	});
	if (!created.ok) throw new Error(`demo second village: ${created.reason}`);
	command(db, {
		actor: actorOfLogin(db, adminId),
		villageId: created.village.id,
		run: (_, ctx) => {
			db.prepare('update users set password_hash = ? where id = ?').run(
				hashes.clerk,
				created.clerkId
			);
			ctx.audit({
				action: 'account.demo_password_set',
				subjectType: 'user',
				subjectId: created.clerkId
			});
			return { ok: true as const };
		}
	});
	const townshipId = created.village.townshipId!;
	DEMO_TOWNSHIP_ACCOUNTS.forEach((a, i) => {
		const r = createTownshipAccount(db, adminId, {
			townshipId,
			role: a.role,
			name: a.name,
			phone: a.phone,
			position: a.position,
			passwordHash: hashes.township[i]
		});
		if (!r.ok) throw new Error(`demo township account ${a.phone}: ${r.reason}`);
	});
	return { villageId: created.village.id, clerkId: created.clerkId, townshipId };
}
