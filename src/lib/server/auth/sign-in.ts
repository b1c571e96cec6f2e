// Signing in and activating under the guessing limits of throttle.ts: the attempt is reserved
// before its password or code is hashed, so guesses sent at once are all counted, and a browser
// that once signed in to the account (devices.ts) is not held by its address's budget.
import type { Db } from '../db';
import { checkLogin, redeemActivationCode, type LoginResult } from './accounts';
import { isTrustedDevice, trustDevice } from './devices';
import type { PasswordProblem } from './password';
import {
	activationByAccount,
	addressKey,
	failuresByAddress,
	loginByAccount,
	reserveAttempt,
	type FailureBudget,
	type Throttle
} from './throttle';

export interface Limits {
	account: Throttle;
	address: FailureBudget;
}

export interface Attempt {
	phone: string;
	// The client address as the server sees it (ADDRESS_HEADER behind a proxy).
	address: string;
	// The browser's device cookie, if any.
	deviceToken: string | undefined;
}

/** Counts the attempt against the account's and the address's limits before it is judged. */
function reserve(
	db: Db,
	attempt: Attempt,
	limits: Limits,
	kind: 'phone' | 'activate',
	now: number
) {
	return reserveAttempt(
		{
			account: limits.account,
			accountKey: `${kind}:${attempt.phone}`,
			address: limits.address,
			addressKey: addressKey(attempt.address),
			trustedDevice: isTrustedDevice(db, attempt.deviceToken, attempt.phone, now)
		},
		now
	);
}

type Waiting = { ok: false; reason: 'wait'; waitMs: number };

export type SignInResult =
	| (Extract<LoginResult, { ok: true }> & { deviceToken: string })
	| Waiting
	| { ok: false; reason: 'failed' };

/** Same answer, after the same work, whether the number is unknown or the password wrong. */
export async function signIn(
	db: Db,
	attempt: Attempt & { password: string },
	limits: Limits = { account: loginByAccount, address: failuresByAddress },
	now = Date.now()
): Promise<SignInResult> {
	const reserved = reserve(db, attempt, limits, 'phone', now);
	if ('waitMs' in reserved) return { ok: false, reason: 'wait', waitMs: reserved.waitMs };
	const result = await checkLogin(db, attempt.phone, attempt.password);
	if (!result.ok) {
		reserved.settle('wrong');
		return { ok: false, reason: 'failed' };
	}
	reserved.settle('right');
	return { ...result, deviceToken: trustDevice(db, attempt.deviceToken, result.userId, now) };
}

export type ActivateResult =
	| { ok: true; userId: number; deviceToken: string }
	| Waiting
	| { ok: false; reason: 'invalid_code' }
	| { ok: false; reason: 'weak_password'; problem: PasswordProblem };

export async function activate(
	db: Db,
	attempt: Attempt & { code: string; newPassword: string },
	limits: Limits = { account: activationByAccount, address: failuresByAddress },
	now = Date.now()
): Promise<ActivateResult> {
	const reserved = reserve(db, attempt, limits, 'activate', now);
	if ('waitMs' in reserved) return { ok: false, reason: 'wait', waitMs: reserved.waitMs };
	const result = await redeemActivationCode(
		db,
		attempt.phone,
		attempt.code,
		attempt.newPassword,
		now
	);
	if (!result.ok) {
		// A weak password is only reported for a valid code: no guess was wrong.
		reserved.settle(result.reason === 'weak_password' ? 'void' : 'wrong');
		return result;
	}
	reserved.settle('right');
	return {
		ok: true,
		userId: result.userId,
		deviceToken: trustDevice(db, attempt.deviceToken, result.userId, now)
	};
}
