// The 三知三能 notes of a household: what its contact knows (family situation, needs, opinions)
// and can do (help with what, reach whom). Minimal and purpose-bound under 个人信息保护法: short
// fields, no ID or phone numbers, health only with the villager's consent; read only by the
// household's contact and the staff (docs/domain.md §10.4).
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isContactOf } from './records';

export const NOTE_FIELDS = [
	'situation',
	'needs',
	'opinions',
	'canHelp',
	'canReach',
	'health'
] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];
export const NOTE_FIELD_MAX = 200;

export type HouseholdNotes = Record<NoteField, string> & {
	/** The villager agreed that a health note be kept (村民同意记录); without it none is. */
	healthConsented: boolean;
};

export interface StoredNotes extends HouseholdNotes {
	updatedAt: string;
}

export const EMPTY_NOTES: HouseholdNotes = {
	situation: '',
	needs: '',
	opinions: '',
	canHelp: '',
	canReach: '',
	health: '',
	healthConsented: false
};

/** The household's contact member, the branch secretary and the clerk; no one else. */
export const mayReadNotes = (db: Db, actor: Actor, villageId: number, householdId: number) =>
	isStaffOf(db, actor, villageId) || isContactOf(db, villageId, actor.personId, householdId);

function storedNotes(db: Db, villageId: number, householdId: number): StoredNotes | null {
	const row = db
		.prepare(
			'select notes, updated_at as updatedAt from household_notes where household_id = ? and village_id = ?'
		)
		.get(householdId, villageId) as { notes: string; updatedAt: string } | undefined;
	if (!row) return null;
	return {
		...EMPTY_NOTES,
		...(JSON.parse(row.notes) as Partial<HouseholdNotes>),
		updatedAt: row.updatedAt
	};
}

/** The notes for a reader who may see them; null for anyone else, as if there were none. */
export function householdNotes(
	db: Db,
	villageId: number,
	householdId: number,
	reader: Actor
): StoredNotes | null {
	if (!mayReadNotes(db, reader, villageId, householdId)) return null;
	return storedNotes(db, villageId, householdId);
}

// A resident ID (18 characters, the last may be X; or the old 15 digits) or a mobile number,
// also when written with spaces or dashes between the digits.
const ID_NUMBER = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])/;
const PHONE_NUMBER = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;
const squeezed = (s: string) => s.replace(/(?<=[0-9])[\s-]+(?=[0-9Xx])/g, '');

export type NotesRefusal = 'too_long' | 'id_number' | 'phone_number' | 'health_without_consent';

/** What is wrong with the notes, first field first; null when they may be stored. */
export function checkNotes(
	notes: HouseholdNotes
): { field: NoteField; reason: NotesRefusal } | null {
	for (const field of NOTE_FIELDS) {
		const text = notes[field];
		if ([...text].length > NOTE_FIELD_MAX) return { field, reason: 'too_long' };
		if (ID_NUMBER.test(squeezed(text))) return { field, reason: 'id_number' };
		if (PHONE_NUMBER.test(squeezed(text))) return { field, reason: 'phone_number' };
	}
	if (notes.health !== '' && !notes.healthConsented)
		return { field: 'health', reason: 'health_without_consent' };
	return null;
}

export type NotesResult =
	| { ok: true; notes: StoredNotes }
	| { ok: false; reason: 'forbidden' | 'not_found' }
	| { ok: false; reason: NotesRefusal; field: NoteField };

/** Replaces the household's notes; the audit keeps them before and after. */
export function updateHouseholdNotes(
	db: Db,
	actor: Actor,
	villageId: number,
	householdId: number,
	input: HouseholdNotes,
	options: { now?: Date } = {}
): NotesResult {
	const notes: HouseholdNotes = { ...input };
	for (const field of NOTE_FIELDS) notes[field] = input[field].trim();
	// Consent to a note not taken is no consent on record.
	if (notes.health === '') notes.healthConsented = false;
	const wrong = checkNotes(notes);
	if (wrong) return { ok: false, ...wrong };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () =>
			db
				.prepare('select id from households where id = ? and village_id = ?')
				.get(householdId, villageId) as { id: number } | undefined,
		// Anyone else is told there is no such household, as on the pages.
		run: (_, ctx): NotesResult => {
			if (!mayReadNotes(db, actor, villageId, householdId))
				return { ok: false, reason: 'not_found' };
			const before = storedNotes(db, villageId, householdId);
			db.prepare(
				`insert into household_notes (household_id, village_id, notes, updated_by_user_id, updated_at)
				 values (?, ?, ?, ?, ?)
				 on conflict (household_id) do update set notes = excluded.notes,
				   updated_by_user_id = excluded.updated_by_user_id, updated_at = excluded.updated_at`
			).run(householdId, villageId, JSON.stringify(notes), actor.userId, ctx.now.toISOString());
			const after = storedNotes(db, villageId, householdId)!;
			ctx.audit({
				action: 'household.notes_updated',
				subjectType: 'household',
				subjectId: householdId,
				before,
				after
			});
			return { ok: true, notes: after };
		}
	}) as NotesResult;
}
