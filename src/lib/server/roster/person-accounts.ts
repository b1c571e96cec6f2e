// Logins for people on the roster: the clerk issues activation codes for a whole grid at once, as a
// printed sheet the grid head hands out.
import { command } from '../command';
import type { Db } from '../db';
import { issueActivationCode } from '../auth/accounts';
import { openVillageAccount } from '../auth/village-accounts';
import { normalizePhone } from '../auth/phone';
import { mayManageAccountNow } from '../permissions/accounts';
import { actorOfLogin } from '../permissions/login-actor';
import { adultBornOnOrBefore, todayInChina } from '../calendar/dates';
import { ROLE_KINDS, type RoleKindName } from './roles';

export interface IssuedSlip {
	personId: number;
	name: string;
	phone: string;
	code: string;
	expiresAt: number;
}

export type SkipReason = 'no_mobile' | 'already_active' | 'phone_elsewhere' | 'staff_account';

export interface GridSheet {
	issued: IssuedSlip[];
	skipped: { personId: number; name: string; reason: SkipReason }[];
}

interface Candidate {
	id: number;
	name: string;
	phone: string | null;
	userId: number | null;
	userVillage: number | null;
	userPerson: number | null;
	userRole: string | null;
	hasPassword: number;
}

/**
 * Issues activation codes to every adult resident of a grid who has a mobile number and no active
 * login, creating the account first when needed. One transaction: the sheet is all or nothing.
 * Villager logins only: a staff login gets its code on the accounts page, from someone who may
 * manage it, or a clerk could code a secretary's login made on a phone they hold. Null when the
 * grid is not this village's.
 */
export function issueGridActivationCodes(
	db: Db,
	actorId: number,
	villageId: number,
	gridId: number,
	today = todayInChina()
): GridSheet | 'forbidden' | null {
	const done = command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		load: () =>
			db.prepare('select 1 from grids where id = ? and village_id = ?').get(gridId, villageId),
		allowed: () => mayManageAccountNow(db, actorId, { role: 'villager', villageId }),
		run: (_, ctx): GridSheet => {
			const candidates = db
				.prepare(
					`select p.id, p.name, p.phone, u.id as userId, u.village_id as userVillage, u.person_id as userPerson, u.role as userRole,
					        (u.password_hash is not null) as hasPassword
					 from people p join households h on h.id = p.household_id
					 left join users u on u.person_id = p.id
					   or (u.person_id is null and p.phone is not null and u.phone = p.phone)
					 where p.village_id = ? and h.grid_id = ? and p.status = 'resident' and p.birth_date <= ?
					 order by h.household_key, p.is_head desc, p.id`
				)
				.all(villageId, gridId, adultBornOnOrBefore(today)) as Candidate[];
			const sheet: GridSheet = { issued: [], skipped: [] };
			const link = db.prepare('update users set person_id = ? where id = ? and person_id is null');
			for (const c of candidates) {
				const phone = c.phone ? normalizePhone(c.phone) : null;
				if (!phone) {
					sheet.skipped.push({ personId: c.id, name: c.name, reason: 'no_mobile' });
					continue;
				}
				let userId = c.userId;
				if (userId !== null && c.userVillage !== villageId) {
					sheet.skipped.push({ personId: c.id, name: c.name, reason: 'phone_elsewhere' });
					continue;
				}
				if (userId !== null && c.hasPassword) {
					if (c.userPerson === null) link.run(c.id, userId);
					sheet.skipped.push({ personId: c.id, name: c.name, reason: 'already_active' });
					continue;
				}
				if (userId !== null && c.userRole !== 'villager') {
					sheet.skipped.push({ personId: c.id, name: c.name, reason: 'staff_account' });
					continue;
				}
				if (userId === null) {
					// The accounts page's rule, so a sheet tells a clerk no more about other villages.
					const created = openVillageAccount(db, actorId, {
						villageId,
						role: 'villager',
						name: c.name,
						phone
					});
					if (!created.ok) {
						sheet.skipped.push({ personId: c.id, name: c.name, reason: 'phone_elsewhere' });
						continue;
					}
					userId = created.account.id;
				}
				link.run(c.id, userId);
				const issued = issueActivationCode(db, actorId, userId);
				if (!issued.ok) throw new Error(`a villager's code was refused to ${actorId}`);
				const { code, expiresAt } = issued;
				sheet.issued.push({ personId: c.id, name: c.name, phone, code, expiresAt });
			}
			ctx.audit({
				action: 'roster.activation_sheet_issued',
				subjectType: 'grid',
				subjectId: gridId,
				after: {
					issuedTo: sheet.issued.map((s) => s.personId),
					skipped: sheet.skipped.map((s) => ({ personId: s.personId, reason: s.reason }))
				}
			});
			return sheet;
		}
	});
	if ('ok' in done) return done.reason === 'forbidden' ? 'forbidden' : null;
	return done;
}

/** Links an existing login to a roster person (same village), e.g. the demo accounts. */
export function linkAccountToPerson(
	db: Db,
	villageId: number,
	userId: number,
	personId: number
): boolean {
	return (
		db
			.prepare(
				`update users set person_id = ? where id = ? and village_id = ?
				 and exists (select 1 from people where id = ? and village_id = ?)`
			)
			.run(personId, userId, villageId, personId, villageId).changes === 1
	);
}

/** A roster role held on the day, as the accounts page names it (预备党员 apart from 党员). */
export type HeldRole = Exclude<RoleKindName, 'party_member'> | 'party_full' | 'party_probationary';

/**
 * The roster roles each login's person holds on `onDate`, by user id, in ROLE_KINDS order: what
 * the person really is in the village, which the login's own role (villager or staff) does not say.
 */
export function rolesOfLoginsOn(
	db: Db,
	villageId: number,
	onDate: string
): Map<number, HeldRole[]> {
	const rows = db
		.prepare(
			`select u.id as userId, r.role, r.full_since as fullSince from users u
			 join roles r on r.person_id = u.person_id and r.village_id = u.village_id
			 where u.village_id = @village and r.start_date <= @day and (r.end_date is null or r.end_date >= @day)`
		)
		.all({ village: villageId, day: onDate }) as {
		userId: number;
		role: RoleKindName;
		fullSince: string | null;
	}[];
	const held = new Map<number, HeldRole[]>();
	const order = (r: RoleKindName) => ROLE_KINDS.indexOf(r);
	rows.sort((a, b) => order(a.role) - order(b.role));
	for (const r of rows) {
		const role: HeldRole =
			r.role !== 'party_member'
				? r.role
				: r.fullSince !== null && r.fullSince <= onDate
					? 'party_full'
					: 'party_probationary';
		const list = held.get(r.userId) ?? [];
		if (!list.includes(role)) list.push(role);
		held.set(r.userId, list);
	}
	return held;
}
