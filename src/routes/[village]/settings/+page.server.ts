import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
import { requireStaff } from '$lib/server/villages/context';
import { getVillageSettings, updateVillageSettings } from '$lib/server/villages/settings';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	return { settings: getVillageSettings(getDb(), village.id) };
};

export const actions: Actions = {
	save: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const values = {
			triageDays: field(form, 'triageDays'),
			holidays: field(form, 'holidays'),
			oneShoulder: form.get('oneShoulder') === 'on'
		};
		const result = updateVillageSettings(getDb(), user.id, village.id, {
			triageDays: /^\d{1,2}$/.test(values.triageDays) ? Number(values.triageDays) : NaN,
			holidays: values.holidays
				.split(/[\s,，、]+/)
				.filter(Boolean)
				.slice(0, 400),
			oneShoulder: values.oneShoulder
		});
		if (!result.ok) {
			return fail(400, {
				values,
				errors:
					result.reason === 'triage_days'
						? { triageDays: m.settings_triage_days_invalid() }
						: { holidays: m.settings_holiday_invalid({ value: (result.value ?? '').slice(0, 20) }) }
			});
		}
		return { saved: true };
	}
};
