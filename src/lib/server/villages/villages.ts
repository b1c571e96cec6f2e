import { command } from '../command';
import type { Db } from '../db';
import { createAccount, issueActivationCode, type Account } from '../auth/accounts';
import { actorOfLogin } from '../permissions/login-actor';
import { isSystemAdminNow } from '../permissions/village';
import { townshipIdFor } from './townships';

export interface Village {
	id: number;
	slug: string;
	name: string;
	township: string;
	district: string;
	city: string;
	province: string;
	oneShoulder: boolean; // 一肩挑
	// The township whose staff oversee the village; null when it names none.
	townshipId: number | null;
}

interface VillageRow {
	id: number;
	slug: string;
	name: string;
	township: string;
	district: string;
	city: string;
	province: string;
	one_shoulder: number;
	township_id: number | null;
}

const toVillage = (r: VillageRow): Village => ({
	id: r.id,
	slug: r.slug,
	name: r.name,
	township: r.township,
	district: r.district,
	city: r.city,
	province: r.province,
	oneShoulder: r.one_shoulder === 1,
	townshipId: r.township_id
});

// Slugs share the URL space with the app's own top-level routes.
export const RESERVED_SLUGS = new Set([
	'admin',
	'account',
	'activate',
	'api',
	'app',
	'display',
	'en',
	'healthz',
	'township',
	'language',
	'login',
	'logout',
	'static',
	'zh'
]);

export function findVillageBySlug(db: Db, slug: string): Village | null {
	const row = db.prepare('select * from villages where slug = ?').get(slug) as
		VillageRow | undefined;
	return row ? toVillage(row) : null;
}

export function findVillage(db: Db, id: number): Village | null {
	const row = db.prepare('select * from villages where id = ?').get(id) as VillageRow | undefined;
	return row ? toVillage(row) : null;
}

export function listVillages(db: Db): Village[] {
	return (db.prepare('select * from villages order by id').all() as VillageRow[]).map(toVillage);
}

export interface NewVillage {
	slug: string;
	name: string;
	township: string;
	district: string;
	city: string;
	province: string;
	oneShoulder: boolean;
	clerk: { name: string; phone: string };
}

export type CreateVillageResult =
	| { ok: true; village: Village; clerkId: number; activationCode: string; expiresAt: number }
	| { ok: false; reason: 'slug_taken' | 'slug_reserved' | 'phone_taken' }
	| { ok: false; reason: 'forbidden' };

/** Creates a village with its first clerk, who activates the account with the returned code. */
export function createVillage(
	db: Db,
	actorId: number | null,
	input: NewVillage
): CreateVillageResult {
	if (RESERVED_SLUGS.has(input.slug)) return { ok: false, reason: 'slug_reserved' };
	const actor = actorOfLogin(db, actorId);
	return command(db, {
		actor,
		villageId: null,
		// Only the administrator (or the system itself: the demo seed, the tests' fixtures).
		may: () => actorId === null || isSystemAdminNow(db, { userId: actorId }),
		run: (): CreateVillageResult => {
			if (findVillageBySlug(db, input.slug)) return { ok: false, reason: 'slug_taken' };
			if (db.prepare('select 1 from users where phone = ?').get(input.clerk.phone)) {
				return { ok: false, reason: 'phone_taken' };
			}
			const { lastInsertRowid } = db
				.prepare(
					`insert into villages (slug, name, township, district, city, province, one_shoulder, township_id, created_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					input.slug,
					input.name,
					input.township,
					input.district,
					input.city,
					input.province,
					input.oneShoulder ? 1 : 0,
					townshipIdFor(db, input),
					new Date().toISOString()
				);
			const village = findVillage(db, Number(lastInsertRowid))!;
			// The entry belongs to the new village, whose id the insert has only just given.
			command(db, {
				actor,
				villageId: village.id,
				run: (_, inVillage) => {
					inVillage.audit({
						action: 'village.created',
						subjectType: 'village',
						subjectId: village.id,
						after: village
					});
					return { ok: true as const };
				}
			});
			const clerk = createAccount(db, actorId, {
				villageId: village.id,
				role: 'clerk',
				name: input.clerk.name,
				phone: input.clerk.phone
			});
			if (!clerk.ok) throw new Error(`the first clerk was refused: ${clerk.reason}`);
			const code = issueActivationCode(db, actorId, clerk.account.id);
			if (!code.ok) throw new Error(`the first clerk's code was refused: ${code.reason}`);
			return {
				ok: true,
				village,
				clerkId: clerk.account.id,
				activationCode: code.code,
				expiresAt: code.expiresAt
			};
		}
	}) as CreateVillageResult;
}

export type AddStaffResult =
	| { ok: true; account: Account; activationCode: string; expiresAt: number }
	| { ok: false; reason: 'not_found' | 'phone_taken' | 'forbidden' };

/**
 * A staff login for an existing village, with its activation code: the village's first branch
 * secretary, or a clerk. The administrator does this, since a clerk may not make a secretary.
 */
export function addVillageStaff(
	db: Db,
	actorId: number | null,
	input: { villageId: number; role: 'clerk' | 'secretary'; name: string; phone: string }
): AddStaffResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: input.villageId,
		load: () => findVillage(db, input.villageId),
		run: (): AddStaffResult => {
			const created = createAccount(db, actorId, input);
			if (!created.ok) return created;
			const code = issueActivationCode(db, actorId, created.account.id);
			if (!code.ok) throw new Error(`the new staff login's code was refused: ${code.reason}`);
			return {
				ok: true,
				account: created.account,
				activationCode: code.code,
				expiresAt: code.expiresAt
			};
		}
	});
}
