// The roster forms (groups and grids, activation sheets, households, people and their roles, the
// roster import): one schema each, with the limits the roster domain sets.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, file, id, optionalId, text } from '../forms';
import { normalizePhone } from '../auth/phone';
import { isValidDate, todayInChina } from '../calendar/dates';
import { MAX_NAME_LENGTH } from './parse/fields';
import { MAX_UPLOAD_BYTES } from './parse/read-file';
import { HOUSEHOLD_ADDRESS_MAX, RELATION_MAX } from './people';
import { ROLE_KINDS } from './roles';
import { RELATION_KINDS } from './relations';

// Dates, phone numbers and household keys: anything longer is not one.
const SHORT = 64;
// Boxes holding a list (names, household keys): any real list fits many times over, a pasted
// book does not. Each entry is then held to its own limit by the domain.
const LIST_BOX_MAX = 10_000;

const SEPARATORS = /[\n,，、]+/;

export const structureNamesForm = z.object({
	names: text(LIST_BOX_MAX).transform((s) => s.split(SEPARATORS))
});

export const activationSheetForm = z.object({ gridId: id(() => m.roster_choose_grid()) });

export const householdForm = z.object({
	address: text(HOUSEHOLD_ADDRESS_MAX),
	groupId: optionalId(),
	gridId: optionalId()
});

export const importPreviewForm = z.object({
	file: file(MAX_UPLOAD_BYTES, {
		missing: () => m.import_choose_file(),
		tooBig: () => m.import_too_big({ mb: MAX_UPLOAD_BYTES / 1024 / 1024 })
	})
});

export const importConfirmForm = z.object({ importId: id(() => m.import_expired()) });

// A mobile number is kept in its normal form; a landline (area code, number) as typed.
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const phoneOf = (s: string): string | null => normalizePhone(s) ?? (LANDLINE.test(s) ? s : null);

export const personForm = z.object({
	name: text(MAX_NAME_LENGTH, { required: true }),
	gender: choice(['m', 'f']),
	birthDate: text(SHORT).refine((d) => isValidDate(d) && d <= todayInChina(), {
		error: () => m.error_date()
	}),
	phone: text(SHORT)
		.refine((p) => !p || phoneOf(p) !== null, { error: () => m.roster_phone_invalid() })
		.transform((p) => (p ? phoneOf(p) : null)),
	relation: text(RELATION_MAX)
});

export const moveForm = z.object({ householdKey: text(SHORT) });

export const statusForm = z.object({
	status: choice(['moved_out', 'deceased']),
	date: text(SHORT)
});

export const assignRoleForm = z.object({
	role: choice(ROLE_KINDS),
	startDate: text(SHORT),
	endDate: text(SHORT),
	fullSince: text(SHORT),
	gridId: optionalId(),
	isChair: checkbox(),
	households: text(LIST_BOX_MAX).transform((s) => s.split(/[\s,，、]+/).filter(Boolean))
});

export const endRoleForm = z.object({
	roleId: id(() => m.error_not_found()),
	endDate: text(SHORT)
});

export const fullMemberForm = z.object({
	roleId: id(() => m.error_not_found()),
	fullSince: text(SHORT)
});

export const recordRelationForm = z.object({
	relativeId: id(() => m.roster_relation_choose_relative()),
	kind: choice(RELATION_KINDS)
});

export const removeRelationForm = z.object({ relativeId: id(() => m.error_not_found()) });

export const collectiveAddForm = z.object({
	personId: id(() => m.error_choose_one()),
	since: text(SHORT)
});

export const collectiveEndForm = z.object({
	personId: id(() => m.error_not_found()),
	until: text(SHORT)
});
