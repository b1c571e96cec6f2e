// The form that sets how a person is told: online, or through a person picked from the list.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, optionalId } from '../forms';
import { NOTIFY_VIA, type SetNotifyResult } from './notify';

export const notifyForm = z
	.object({
		via: choice(NOTIFY_VIA),
		viaPerson: optionalId(() => m.notify_not_a_messenger())
	})
	.superRefine((f, ctx) => {
		if (f.via === 'person' && f.viaPerson === null)
			ctx.addIssue({ code: 'custom', path: ['viaPerson'], message: m.notify_not_a_messenger() });
	});

export function notifyRefusalMessage(reason: Extract<SetNotifyResult, { ok: false }>['reason']) {
	return {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		not_a_messenger: m.notify_not_a_messenger
	}[reason]();
}
