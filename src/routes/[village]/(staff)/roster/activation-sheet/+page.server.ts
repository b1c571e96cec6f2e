import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { formatActivationCode } from '$lib/server/auth/accounts';
import { parseForm, readForm } from '$lib/server/forms';
import { activationSheetForm } from '$lib/server/roster/forms';
import { issueGridActivationCodes } from '$lib/server/roster/person-accounts';
import { listGrids } from '$lib/server/roster/structure';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	return { grids: listGrids(getDb(), village.id).map((g) => ({ id: g.id, name: g.name })) };
};

export const actions: Actions = {
	issue: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(activationSheetForm, await readForm(event.request));
		const gridId = parsed.ok ? parsed.data.gridId : null;
		const grid = gridId ? listGrids(getDb(), village.id).find((g) => g.id === gridId) : undefined;
		if (!grid) return fail(400, { message: m.roster_choose_grid() });
		const sheet = issueGridActivationCodes(getDb(), user.id, village.id, grid.id);
		if (!sheet) return fail(400, { message: m.roster_choose_grid() });
		if (sheet === 'forbidden') return fail(403, { message: m.error_forbidden() });
		// The QR code carries the public address (ORIGIN), never a loopback one.
		const activateUrl = new URL('/activate', event.url.origin).href;
		const qr = await QRCode.toString(activateUrl, {
			type: 'svg',
			margin: 1,
			errorCorrectionLevel: 'M'
		});
		return {
			grid: grid.name,
			activateUrl,
			qr,
			issued: sheet.issued.map((s) => ({ ...s, code: formatActivationCode(s.code) })),
			skipped: sheet.skipped
		};
	}
};
