import { hash, verify } from '@node-rs/argon2';
import commonPasswordList from './common-passwords.txt?raw';

// OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane (≈ 6 ms a hash here).
const ARGON2_OPTIONS = {
	algorithm: 2, // Algorithm.Argon2id: a const enum, which isolated modules cannot import
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1
} as const;

// ASVS 5.0 §6.2: at least 8 characters, at least 64 allowed, no composition rules.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const commonPasswords = new Set(commonPasswordList.split('\n').filter(Boolean));

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'same_as_phone';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, phone?: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'too_long';
	if (commonPasswords.has(password.toLowerCase())) return 'too_common';
	if (phone && password.includes(phone)) return 'same_as_phone';
	return null;
}

// At most two hashes at once: each takes 19 MiB and a core, and a login storm must not starve the
// rest of the server.
const MAX_PARALLEL_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
	if (running < MAX_PARALLEL_HASHES) running++;
	else await new Promise<void>((r) => waiting.push(r)); // the finishing hash hands us its slot
	try {
		return await work();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}

export function hashPassword(password: string): Promise<string> {
	return withHashSlot(() => hash(password.normalize('NFC'), ARGON2_OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return withHashSlot(() => verify(passwordHash, password.normalize('NFC')));
}

// Verified against when the phone number is unknown, so the answer takes as long either way.
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string): Promise<boolean> {
	dummyHash ??= hashPassword('unused-dummy-password-for-timing');
	return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}

/** How many hashes are running now (for tests and the health page). */
export function hashesInFlight(): number {
	return running;
}
