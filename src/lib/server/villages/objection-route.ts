// How to object without a phone (issue 16 item 2): the office that takes objections on paper or in
// person, its hours, and the supervision committee's contact. The wall notice prints each part
// only once it is set; until then the settings page and the notice desk say what is missing.
import { command } from '../command';
import type { Db } from '../db';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';
import { mergeSettings, storedSettings } from './settings';

export interface ObjectionRoute {
	/** Where objections are handed in, e.g. "村委会办公室（村部一楼）". */
	office: string;
	/** When someone is there, e.g. "工作日 8:30–11:30、14:00–17:00". */
	hours: string;
	/** The supervision committee's contact: a name and a number or a place. */
	supervision: string;
}

export const OBJECTION_ROUTE_FIELD_MAX = 100;
const FIELDS = ['office', 'hours', 'supervision'] as const;

export function getObjectionRoute(db: Db, villageId: number): ObjectionRoute {
	const r = (storedSettings(db, villageId) as { objectionRoute?: Partial<ObjectionRoute> })
		.objectionRoute;
	return { office: r?.office ?? '', hours: r?.hours ?? '', supervision: r?.supervision ?? '' };
}

/** The parts not yet set, in the order the notice prints them. */
export const missingParts = (r: ObjectionRoute): (keyof ObjectionRoute)[] =>
	FIELDS.filter((f) => r[f] === '');

export type ObjectionRouteResult =
	| { ok: true }
	| { ok: false; reason: 'forbidden' }
	| { ok: false; reason: 'too_long'; field: keyof ObjectionRoute };

/** Saves the route (an empty part is unset); audited like the village's other settings. */
export function updateObjectionRoute(
	db: Db,
	actorId: number,
	villageId: number,
	next: ObjectionRoute,
	options: { now?: Date } = {}
): ObjectionRouteResult {
	// One line each on the printed sheet: line breaks become spaces.
	const clean = Object.fromEntries(
		FIELDS.map((f) => [f, next[f].replace(/\s+/g, ' ').trim()])
	) as unknown as ObjectionRoute;
	const long = FIELDS.find((f) => [...clean[f]].length > OBJECTION_ROUTE_FIELD_MAX);
	if (long) return { ok: false, reason: 'too_long', field: long };
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		now: options.now,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx) => {
			const before = getObjectionRoute(db, villageId);
			mergeSettings(db, villageId, { objectionRoute: clean });
			ctx.audit({
				action: 'village.settings_changed',
				subjectType: 'village',
				subjectId: villageId,
				before: { objectionRoute: before },
				after: { objectionRoute: clean }
			});
			return { ok: true as const };
		}
	}) as ObjectionRouteResult;
}
