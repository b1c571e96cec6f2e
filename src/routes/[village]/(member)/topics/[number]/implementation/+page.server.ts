import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
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
	MAX_BUDGET_LINES,
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
import { implRefusal, parseYuan } from '$lib/server/implementation/messages';
import { listRoleHolders } from '$lib/server/roster/roles';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

/** Budget lines shown on the start form; empty ones are ignored. */
const FORM_LINES = 3;

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
		formLines: FORM_LINES,
		maxPhotos: MAX_PROGRESS_PHOTOS,
		today: todayInChina()
	};
};

export const actions: Actions = {
	start: async (event) => {
		const { village, topic, actor } = context(event);
		const form = await readForm(event.request);
		const budget = [];
		for (let i = 0; i < Math.min(FORM_LINES, MAX_BUDGET_LINES); i++) {
			const source = field(form, `source${i}`);
			const amount = field(form, `amount${i}`);
			if (!source && !amount) continue;
			const fen = parseYuan(amount);
			if (fen === null) return fail(400, { action: 'start', message: m.impl_error_bad_budget() });
			budget.push({ source, amountFen: fen });
		}
		const r = startImplementation(getDb(), actor, village.id, topic.id, {
			responsiblePersonId: idParam(field(form, 'responsible')),
			plan: field(form, 'plan'),
			budget
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
		const spent = parseYuan(field(form, 'spent'));
		const percentText = field(form, 'percent');
		const percent = /^\d{1,3}$/.test(percentText) ? Number(percentText) : NaN;
		if (spent === null) return fail(400, { action: 'progress', message: m.impl_error_bad_money() });
		if (Number.isNaN(percent))
			return fail(400, { action: 'progress', message: m.impl_error_bad_percent() });
		const stored = await storeFormFiles(form, 'photos', 'material', MAX_PROGRESS_PHOTOS);
		if (!stored.ok) return fail(400, { action: 'progress', message: stored.message });
		if (stored.files.some((f) => f.kind !== 'image')) {
			await discardFiles(stored.files);
			return fail(400, { action: 'progress', message: m.impl_error_too_many_photos() });
		}
		const r = recordProgress(getDb(), actor, village.id, topic.id, {
			onDate: field(form, 'date'),
			percent,
			spentFen: spent,
			note: field(form, 'note'),
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
		const form = await readForm(event.request);
		const r = completeImplementation(getDb(), actor, village.id, topic.id, {
			completedOn: field(form, 'date'),
			summary: field(form, 'summary')
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
		const form = await readForm(event.request);
		const r = discloseResult(getDb(), actor, village.id, topic.id, {
			opinion: field(form, 'opinion')
		});
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
