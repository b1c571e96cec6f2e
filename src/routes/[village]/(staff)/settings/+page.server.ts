import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { objectionRouteForm, ruleOptionsForm, settingsForm } from '$lib/server/villages/forms';
import {
	getObjectionRoute,
	missingParts,
	OBJECTION_ROUTE_FIELD_MAX,
	updateObjectionRoute
} from '$lib/server/villages/objection-route';
import { requireStaff } from '$lib/server/villages/context';
import {
	getRuleOptions,
	getVillageSettings,
	updateRuleOptions,
	updateVillageSettings,
	villageRules
} from '$lib/server/villages/settings';
import { MEETING_TYPES, symbolicFormula, type QuorumRule } from '$lib/server/votes/rules';
import { todayInChina } from '$lib/server/calendar/dates';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import { updateVisitCadence, visitCadenceDays } from '$lib/server/households/cadence';
import { cadenceForm } from '$lib/server/households/forms';
import { householdRefusalMessage } from '$lib/server/households/messages';

import { isBuiltIn, serviceCategories } from '$lib/server/services/categories';
import { updateServiceCategories } from '$lib/server/services/categories-settings';
import { categoriesForm, categoryEditsOf } from '$lib/server/services/form';
import { categoriesRefusalMessage, categoryName } from '$lib/server/services/messages';

const formulas = (q: QuorumRule) =>
	q.kind === 'compare'
		? [symbolicFormula(q.test)]
		: q.kind === 'any'
			? q.tests.map(symbolicFormula)
			: [];

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const rules = villageRules(db, village.id, todayInChina());
	return {
		settings: getVillageSettings(db, village.id),
		ruleOptions: getRuleOptions(db, village.id),
		visitCadenceDays: visitCadenceDays(db, village.id),
		objectionRoute: getObjectionRoute(db, village.id),
		routeMissing: missingParts(getObjectionRoute(db, village.id)),
		routeMax: OBJECTION_ROUTE_FIELD_MAX,
		serviceCategories: serviceCategories(db, village.id).map((c) => ({
			key: c.key,
			name: categoryName(c),
			own: !isBuiltIn(c.key),
			limitDays: c.limitDays,
			active: c.active
		})),
		rules: {
			id: rules.id,
			effectiveFrom: rules.effectiveFrom,
			source: rules.source,
			meetings: MEETING_TYPES.map((type) => {
				const r = rules.meetings[type];
				return {
					type,
					noticeDays: r.noticeDays,
					opensAtOnce: r.opensAtOnce,
					quorum: formulas(r.quorum),
					pass: r.pass.kind === 'compare' ? symbolicFormula(r.pass.test) : null,
					source: r.source
				};
			})
		}
	};
};

export const actions: Actions = {
	cadence: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(cadenceForm, await readForm(event.request));
		const cadenceValue = parsed.values.visitCadenceDays;
		if (!parsed.ok) return fail(400, { cadenceValue, cadenceError: firstError(parsed.errors) });
		const r = updateVisitCadence(
			getDb(),
			actorOf(user),
			village.id,
			parsed.data.visitCadenceDays ?? NaN
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				cadenceValue,
				cadenceError: householdRefusalMessage(r.reason)
			});
		return { cadenceSaved: true };
	},
	save: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(settingsForm, await readForm(event.request));
		const values = { ...parsed.values, oneShoulder: parsed.values.oneShoulder !== '' };
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = updateVillageSettings(getDb(), user.id, village.id, parsed.data);
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { message: m.error_forbidden() });
		if (!result.ok) {
			return fail(refusalStatus(result.reason), {
				values,
				errors:
					result.reason === 'triage_days'
						? { triageDays: m.settings_triage_days_invalid() }
						: result.reason === 'notice_days'
							? { noticeDays: m.settings_notice_days_invalid() }
							: result.reason === 'notice_days_below_law'
								? {
										noticeDays: m.settings_notice_days_below_law({
											days: result.days,
											source: result.source
										})
									}
								: {
										holidays: m.settings_holiday_invalid({
											value: (result.value ?? '').slice(0, 20)
										})
									}
			});
		}
		return { saved: true };
	},
	rules: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(ruleOptionsForm, await readForm(event.request));
		const values = {
			partyAssemblyTwoThirds: parsed.values.partyAssemblyTwoThirds !== '',
			repsPassOnTotal: parsed.values.repsPassOnTotal !== '',
			recusedPresent: parsed.values.recusedPresent !== '',
			repsNoticeDays: parsed.values.repsNoticeDays
		};
		if (!parsed.ok) return fail(400, { ruleValues: values, ruleError: firstError(parsed.errors) });
		const result = updateRuleOptions(getDb(), user.id, village.id, {
			...parsed.data,
			repsNoticeDays: parsed.data.repsNoticeDays ?? undefined
		});
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { message: m.error_forbidden() });
		if (!result.ok) {
			return fail(refusalStatus(result.reason), {
				ruleValues: values,
				ruleError:
					result.reason === 'looser_than_law'
						? m.settings_rules_looser()
						: m.settings_rules_not_integer()
			});
		}
		return { rulesSaved: true };
	},
	objectionRoute: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(objectionRouteForm, await readForm(event.request));
		const routeValues = parsed.values;
		if (!parsed.ok) return fail(400, { routeValues, routeErrors: parsed.errors });
		const result = updateObjectionRoute(getDb(), user.id, village.id, parsed.data);
		if (!result.ok && result.reason === 'forbidden')
			return fail(403, { message: m.error_forbidden() });
		if (!result.ok)
			return fail(400, {
				routeValues,
				routeErrors: {
					[result.field]: m.settings_field_too_long({ max: OBJECTION_ROUTE_FIELD_MAX })
				}
			});
		return { routeSaved: true };
	},
	categories: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(categoriesForm, await readForm(event.request));
		const categoryValues = parsed.values as Record<string, string>;
		if (!parsed.ok)
			return fail(400, { categoryValues, categoriesError: firstError(parsed.errors) });
		const r = updateServiceCategories(getDb(), user.id, village.id, categoryEditsOf(parsed.data));
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				categoryValues,
				categoriesError: categoriesRefusalMessage(r)
			});
		return { categoriesSaved: true };
	}
};
