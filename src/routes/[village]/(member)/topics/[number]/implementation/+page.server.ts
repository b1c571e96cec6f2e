import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import {
	BUDGET_FORM_LINES,
	budgetOf,
	completeForm,
	disclosureForm,
	progressForm,
	startForm
} from '$lib/server/implementation/forms';
import {
	actorOf,
	isSupervisorOn,
	isVillageStaff,
	mayReportProgress
} from '$lib/server/permissions';
import { discardFiles, storeFormFiles } from '$lib/server/topics/files';
import { findTopicByNumber } from '$lib/server/topics/records';
import { matterOf } from '$lib/server/procedure/matters';
import { getResolution } from '$lib/server/procedure/resolutions';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	MAX_PROGRESS_PHOTOS,
	decisionOf,
	implementationOf
} from '$lib/server/implementation/implementation';
import {
	completeImplementation,
	recordProgress,
	startImplementation
} from '$lib/server/implementation/progress';
import { archiveMatter, discloseResult } from '$lib/server/implementation/disclosure';
import { implRefusal } from '$lib/server/implementation/messages';
import { listRoleHolders } from '$lib/server/roster/roles';
import { requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	if (!topic || topic.state === 'draft') error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, user, topic, actor, staff: isVillageStaff(user, village) };
}

export const load: PageServerLoad = (event) => {
	const { village, topic, actor, staff } = context(event);
	const db = getDb();
	const impl = implementationOf(db, village.id, topic.id);
	const matter = matterOf(db, village.id, topic.id);
	return {
		topic: { number: topic.number, title: topic.title, state: topic.state },
		impl,
		resolutionNumber: impl?.resolutionId
			? (getResolution(db, village.id, impl.resolutionId)?.number ?? null)
			: null,
		decided: decisionOf(db, village.id, topic.id).ok,
		staff,
		canReport: impl ? mayReportProgress(db, actor, village.id, impl) : false,
		supervisor: isSupervisorOn(db, village.id, actor.personId, todayInChina()),
		matterPosition: matter?.position.kind ?? null,
		people: staff && !impl ? listRoleHolders(db, village.id, todayInChina()) : [],
		formLines: BUDGET_FORM_LINES,
		maxPhotos: MAX_PROGRESS_PHOTOS,
		today: todayInChina()
	};
};

export const actions: Actions = {
	start: async (event) => {
		const { village, topic, actor } = context(event);
		const parsed = parseForm(startForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { action: 'start', message: firstError(parsed.errors) });
		const r = startImplementation(getDb(), actor, village.id, topic.id, {
			responsiblePersonId: parsed.data.responsible,
			plan: parsed.data.plan,
			budget: budgetOf(parsed.data)
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'start',
				message: implRefusal(r.reason)
			});
		return { action: 'start', saved: m.consult_saved() };
	},
	progress: async (event) => {
		const { village, topic, actor } = context(event);
		const form = await readForm(event.request);
		const parsed = parseForm(progressForm, form);
		if (!parsed.ok) return fail(400, { action: 'progress', message: firstError(parsed.errors) });
		const { date, percent, spent, note } = parsed.data;
		const stored = await storeFormFiles(form, 'photos', 'material', MAX_PROGRESS_PHOTOS);
		if (!stored.ok) return fail(400, { action: 'progress', message: stored.message });
		if (stored.files.some((f) => f.kind !== 'image')) {
			await discardFiles(stored.files);
			return fail(400, { action: 'progress', message: m.impl_error_too_many_photos() });
		}
		const r = recordProgress(getDb(), actor, village.id, topic.id, {
			onDate: date,
			percent,
			spentFen: spent,
			note,
			photos: stored.files
		});
		if (!r.ok) {
			await discardFiles(stored.files);
			return fail(refusalStatus(r.reason), {
				action: 'progress',
				message: implRefusal(r.reason)
			});
		}
		return {
			action: 'progress',
			saved: r.overBudget ? m.impl_progress_saved_over() : m.impl_progress_saved()
		};
	},
	complete: async (event) => {
		const { village, topic, actor } = context(event);
		const parsed = parseForm(completeForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { action: 'complete', message: firstError(parsed.errors) });
		const r = completeImplementation(getDb(), actor, village.id, topic.id, {
			completedOn: parsed.data.date,
			summary: parsed.data.summary
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'complete',
				message: implRefusal(r.reason)
			});
		return { action: 'complete', saved: m.impl_complete_saved() };
	},
	disclose: async (event) => {
		const { village, topic, actor } = context(event);
		const parsed = parseForm(disclosureForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { action: 'disclose', message: firstError(parsed.errors) });
		const r = discloseResult(getDb(), actor, village.id, topic.id, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'disclose',
				message: r.reason === 'forbidden' ? m.impl_error_not_supervisor() : implRefusal(r.reason)
			});
		return { action: 'disclose', saved: m.impl_disclosure_saved() };
	},
	archive: async (event) => {
		const { village, topic, actor } = context(event);
		const r = archiveMatter(getDb(), actor, village.id, topic.id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'archive',
				message: implRefusal(r.reason)
			});
		return { action: 'archive', saved: m.impl_archived() };
	}
};
