// Opening a login from a village's own pages (the accounts page, a grid's activation sheet).
//
// A mobile number is the login of one account in the whole township, so a number in use outside
// the village cannot be opened here. But the refusal must not tell a clerk that the number has an
// account in some other village: that would let any clerk look people up across the township.
// So every number that is not this village's to give gets one and the same refusal,
// `unavailable`, for two different reasons the clerk cannot tell apart:
// - an account outside this village (another village's, or the township administrator's);
// - a number that another village's roster lists for one of its residents, account or not. That
//   village's grid sheet is where the person gets their login, and a login opened here first
//   would leave them without one.
// The refusal sends the person to the township administrator, who can see both. What no wording
// can hide while the number is a unique login is that this one number cannot be opened here.
// A number that is already an account of this village is named as such: the clerk has it on the
// list of the village's accounts anyway.
import type { Db } from '../db';
import { command } from '../command';
import { mayManageAccountNow } from '../permissions/accounts';
import { actorOfLogin } from '../permissions/login-actor';
import { createAccount } from './accounts';
import type { Account } from './account-records';
import type { Role } from './session';

export type OpenAccountResult =
	| { ok: true; account: Account }
	| { ok: false; reason: 'forbidden' | 'in_village' | 'unavailable' };

/** Why `phone` cannot be opened as a login of the village, or null if it can. */
export function phoneRefusal(
	db: Db,
	villageId: number,
	phone: string
): 'in_village' | 'unavailable' | null {
	const holder = db.prepare('select village_id from users where phone = ?').get(phone) as
		{ village_id: number | null } | undefined;
	// Both lookups always run, and the roster one reads every row (no early stop at a match), so
	// the time a refusal takes tells no more than its words.
	const listedElsewhere = db
		.prepare(
			"select count(*) from people where phone = ? and village_id <> ? and status = 'resident'"
		)
		.pluck()
		.get(phone, villageId) as number;
	if (holder) return holder.village_id === villageId ? 'in_village' : 'unavailable';
	return listedElsewhere > 0 ? 'unavailable' : null;
}

/** Opens a login of the village for `phone`, unless `phoneRefusal` says it cannot be. */
export function openVillageAccount(
	db: Db,
	actorId: number,
	input: { villageId: number; role: Role; name: string; phone: string }
): OpenAccountResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: input.villageId,
		// Who may open this login is asked first: a refusal for the role says nothing of the number.
		may: () => mayManageAccountNow(db, actorId, input),
		run: (): OpenAccountResult => {
			const refusal = phoneRefusal(db, input.villageId, input.phone);
			if (refusal) return { ok: false, reason: refusal };
			const created = createAccount(db, actorId, input);
			if (created.ok) return created;
			return { ok: false, reason: created.reason === 'forbidden' ? 'forbidden' : 'unavailable' };
		}
	}) as OpenAccountResult;
}
