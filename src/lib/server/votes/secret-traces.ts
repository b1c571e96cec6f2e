// What an attacker holding copies of the database files could learn about a secret ballot. The
// scanner reads raw bytes, not SQL: free space, freed pages and stale WAL frames included.
//
// Records are found by their SQLite encoding wherever they lie: a header of four bytes (its own
// size and three one-byte serial types) followed by the body.
//   secret_tallies row:  (motion_id integer, choice text, count integer)
//   ballot_receipts row: (motion_id integer, person_id integer, channel text)
// The pairing looked for is the one a WAL keeps commit by commit: a commit whose pages show one new
// receipt (a person) and one counter of the same motion one higher than before (a choice).
import type { Choice } from '../meetings/records';

const CHOICE_WORDS: readonly Choice[] = ['yes', 'no', 'abstain'];
const CHANNELS = ['online', 'paper', 'clerk'];
const INT_BYTES: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 8: 0, 9: 0 };

function readInt(bytes: Uint8Array, at: number, type: number): number {
	if (type === 8) return 0;
	if (type === 9) return 1;
	let n = 0;
	for (let i = 0; i < INT_BYTES[type]; i++) n = n * 256 + bytes[at + i];
	return n;
}

function readText(bytes: Uint8Array, at: number, type: number): string | null {
	if (type < 13 || type % 2 === 0) return null;
	const length = (type - 13) / 2;
	if (at + length > bytes.length) return null;
	return Buffer.from(bytes.subarray(at, at + length)).toString('latin1');
}

type Shape = 'tally' | 'receipt';

/** Every record of the given shape for this motion, wherever it lies in the bytes. */
function records(bytes: Uint8Array, motionId: number, shape: Shape) {
	const found: { a: number | string; b: number | string }[] = [];
	for (let i = 0; i + 4 < bytes.length; i++) {
		if (bytes[i] !== 4) continue;
		const [t0, t1, t2] = [bytes[i + 1], bytes[i + 2], bytes[i + 3]];
		if (!(t0 in INT_BYTES)) continue;
		let at = i + 4;
		if (readInt(bytes, at, t0) !== motionId) continue;
		at += INT_BYTES[t0];
		if (shape === 'tally') {
			const choice = readText(bytes, at, t1);
			if (!choice || !(CHOICE_WORDS as readonly string[]).includes(choice) || !(t2 in INT_BYTES))
				continue;
			at += choice.length;
			if (at + INT_BYTES[t2] > bytes.length) continue;
			found.push({ a: choice, b: readInt(bytes, at, t2) });
		} else {
			if (!(t1 in INT_BYTES)) continue;
			const person = readInt(bytes, at, t1);
			const channel = readText(bytes, at + INT_BYTES[t1], t2);
			if (!channel || !CHANNELS.includes(channel)) continue;
			found.push({ a: person, b: channel });
		}
	}
	return found;
}

/** Every counter of this motion found in the bytes, stale ones included. */
export function tallyRecords(bytes: Uint8Array, motionId: number) {
	return records(bytes, motionId, 'tally').map((r) => ({
		choice: r.a as Choice,
		count: r.b as number
	}));
}

/** Every receipt (who voted) of this motion found in the bytes. */
export function receiptRecords(bytes: Uint8Array, motionId: number) {
	return records(bytes, motionId, 'receipt').map((r) => r.a as number);
}

type Frame = { salt: number; index: number; commit: boolean; page: Uint8Array };

/**
 * The frames of a WAL file in the order they were written: a checkpoint restarts the log at its
 * start with the first salt one higher, leaving older frames behind the new ones.
 */
function walFrames(wal: Uint8Array): Frame[] {
	if (wal.length < 32) return [];
	const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
	const size = view.getUint32(8);
	const pageSize = size === 1 ? 65536 : size;
	const frames: Frame[] = [];
	for (let at = 32, index = 0; at + 24 + pageSize <= wal.length; at += 24 + pageSize, index++) {
		frames.push({
			salt: view.getUint32(at + 8),
			index,
			commit: view.getUint32(at + 4) !== 0,
			page: wal.subarray(at + 24, at + 24 + pageSize)
		});
	}
	return frames.sort((a, b) => a.salt - b.salt || a.index - b.index);
}

export type Pairing = { personId: number; choice: Choice };

/** The voter–choice pairs a copy of this WAL gives away, commit by commit. */
export function pairingsInWal(wal: Uint8Array, motionId: number): Pairing[] {
	const pairs: Pairing[] = [];
	const voted = new Set<number>();
	let counts: Map<Choice, number> | null = null;
	let commit: Frame[] = [];
	for (const frame of walFrames(wal)) {
		commit.push(frame);
		if (!frame.commit) continue;
		const tallies = commit.flatMap((f) => tallyRecords(f.page, motionId));
		const fresh = [
			...new Set(
				commit.flatMap((f) => receiptRecords(f.page, motionId)).filter((p) => !voted.has(p))
			)
		];
		commit = [];
		fresh.forEach((p) => voted.add(p));
		if (!tallies.length) continue;
		const next = new Map(tallies.map((t) => [t.choice, t.count]));
		if (counts && fresh.length === 1) {
			const before = counts;
			const raised = CHOICE_WORDS.filter((c) => (next.get(c) ?? 0) === (before.get(c) ?? 0) + 1);
			const same = CHOICE_WORDS.filter((c) => (next.get(c) ?? 0) === (before.get(c) ?? 0));
			if (raised.length === 1 && same.length === 2)
				pairs.push({ personId: fresh[0], choice: raised[0] });
		}
		counts = next;
	}
	return pairs;
}
