// The forms of a hall event's attendance (the desk's count, the door's sign-in) and the words for
// each refusal, shared by the staff page and the villager's check-in page.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text, whole } from '../forms';

/** Far above any venue's three-fold capacity: the domain gives the real limit with the venue's. */
export const COUNT_FIELD_MAX = 100_000;
export const CHECKIN_KEY_MAX = 64;

export const attendanceForm = z.object({
	count: whole(0, COUNT_FIELD_MAX, { required: true }).pipe(z.number())
});
export const eventCheckinForm = z.object({ key: text(CHECKIN_KEY_MAX) });

export function attendanceRefusalMessage(reason: string, max?: number): string {
	switch (reason) {
		case 'forbidden':
			return m.error_forbidden();
		case 'not_found':
			return m.error_not_found();
		case 'cancelled':
			return m.cal_refused_cancelled();
		case 'not_started':
			return m.cal_refused_not_started();
		case 'too_many':
			return m.cal_refused_too_many({ max: max ?? 0 });
		case 'over':
			return m.cal_refused_over();
		case 'bad_key':
			return m.cal_refused_bad_key();
		case 'not_today':
			return m.cal_refused_not_today();
		case 'no_person':
			return m.cal_refused_no_person();
		default:
			return m.error_whole_number();
	}
}
