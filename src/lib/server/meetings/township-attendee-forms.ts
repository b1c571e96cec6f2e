// The township attendee's two forms, the clerk's invitation and the official's sign-in, and the
// words for each refusal, so the console and the township desk read them alike.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id } from '../forms';
import type {
	InviteTownshipOfficialResult,
	SignInAsTownshipAttendeeResult
} from './township-attendee';

/** The clerk picks an official of the village's township. */
export const inviteTownshipForm = z.object({ official: id(() => m.tatt_refused_not_official()) });

/** The official's 签到 button names the meeting. */
export const townshipSignInForm = z.object({ meetingId: id(() => m.error_not_found()) });

type Refusal =
	| Extract<InviteTownshipOfficialResult, { ok: false }>['reason']
	| Extract<SignInAsTownshipAttendeeResult, { ok: false }>['reason'];

const REFUSALS: Record<Refusal, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	closed: m.tatt_refused_closed,
	not_township_official: m.tatt_refused_not_official,
	already_invited: m.tatt_refused_already_invited,
	not_invited: m.tatt_refused_not_invited,
	not_open: m.tatt_refused_not_open,
	already_signed_in: m.tatt_refused_already_signed_in
};

/** Why an invitation or a township sign-in was refused, in words the reader can act on. */
export const townshipAttendeeRefusal = (reason: Refusal): string => REFUSALS[reason]();
