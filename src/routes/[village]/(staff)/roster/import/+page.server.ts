import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { importConfirmForm, importPreviewForm } from '$lib/server/roster/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	applyStagedImport,
	planImport,
	sha256Hex,
	stageImport,
	type ImportIssue
} from '$lib/server/roster/import';
import { parseRoster } from '$lib/server/roster/parse/validate';
import { importIssueMessage } from '$lib/server/roster/messages';
import { fileErrorMessage, localizeRowError } from '$lib/server/roster/parse/messages';
import { listGrids, listGroups } from '$lib/server/roster/structure';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return {
		grids: listGrids(db, village.id).map((g) => g.name),
		groups: listGroups(db, village.id).map((g) => g.name)
	};
};

interface ShownError {
	line: number;
	column: string;
	message: string;
}

const issueColumn = (i: ImportIssue) =>
	i.column === 'group'
		? m.roster_group()
		: i.column === 'grid'
			? m.roster_grid()
			: m.roster_household();

export const actions: Actions = {
	preview: async (event) => {
		const { village, user } = requireStaff(event);
		const posted = parseForm(importPreviewForm, await readForm(event.request));
		if (!posted.ok) return fail(400, { message: firstError(posted.errors) });
		const { file } = posted.data;
		const bytes = new Uint8Array(await file.arrayBuffer());
		const fileName = file.name.slice(0, 200);
		const parsed = await parseRoster(bytes, fileName, todayInChina());
		if (!parsed.ok)
			return fail(400, { fileName, message: fileErrorMessage(parsed.fileError.reason) });
		const db = getDb();
		const plan = planImport(db, village.id, parsed.rows);
		const errors: ShownError[] = [
			...parsed.errors.map(localizeRowError),
			...plan.issues.map((i) => ({
				line: i.line,
				column: issueColumn(i),
				message: importIssueMessage(i)
			}))
		].sort((a, b) => a.line - b.line);
		if (errors.length) {
			return fail(400, {
				fileName,
				rowCount: parsed.rows.length,
				errors: errors.slice(0, 500),
				moreErrors: Math.max(0, errors.length - 500)
			});
		}
		const sha256 = sha256Hex(bytes);
		const importId = stageImport(db, user.id, village.id, { fileName, sha256 }, parsed.rows);
		return {
			preview: {
				importId,
				fileName,
				rowCount: parsed.rows.length,
				ignoredColumns: parsed.ignoredColumns,
				householdsToCreate: plan.householdsToCreate.length,
				householdsToUpdate: plan.householdsToUpdate.length,
				peopleToCreate: plan.peopleToCreate.length,
				peopleToUpdate: plan.peopleToUpdate.length,
				unchanged: plan.unchanged,
				notInFile: plan.notInFile,
				sample: plan.peopleToCreate.slice(0, 10).map((p) => ({
					name: p.name,
					gender: p.gender,
					birthDate: p.birthDate,
					household: p.householdKey
				}))
			}
		};
	},

	confirm: async (event) => {
		const { village, user } = requireStaff(event);
		const posted = parseForm(importConfirmForm, await readForm(event.request));
		const result = posted.ok
			? applyStagedImport(getDb(), user.id, village.id, posted.data.importId)
			: null;
		if (!result || (!result.ok && result.reason === 'not_found')) {
			return fail(400, { message: m.import_expired() });
		}
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { message: m.error_forbidden() });
		if (!result.ok) {
			return fail(400, {
				errors: result.issues.map((i) => ({
					line: i.line,
					column: issueColumn(i),
					message: importIssueMessage(i)
				}))
			});
		}
		return { applied: result.summary };
	}
};
