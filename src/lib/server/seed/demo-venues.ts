// The demo village's venues (新阳村): the lakeside hall itself, the activity room, the farmhouse
// library and the lake stage, as the source article names them. Seeded with the roster, since a
// village's venues are part of what it is, not of its history.
import { command } from '../command';
import type { Db } from '../db';

export const DEMO_VENUES = [
	{ name: '湖边议事厅', capacity: 120, outdoor: false },
	{ name: '文体活动室', capacity: 60, outdoor: false },
	{ name: '农家书屋', capacity: 30, outdoor: false },
	{ name: '湖畔戏台', capacity: 300, outdoor: true }
] as const;

export function seedDemoVenues(db: Db, villageId: number, now = new Date()): void {
	command(db, {
		actor: null,
		villageId,
		now,
		run: (_, ctx) => {
			DEMO_VENUES.forEach((v, i) => {
				const id = db
					.prepare(
						`insert into venues (village_id, name, capacity, outdoor, position, created_at)
						 values (?, ?, ?, ?, ?, ?)`
					)
					.run(
						villageId,
						v.name,
						v.capacity,
						v.outdoor ? 1 : 0,
						i + 1,
						now.toISOString()
					).lastInsertRowid;
				ctx.audit({
					action: 'venue.added',
					subjectType: 'venue',
					subjectId: Number(id),
					after: v
				});
			});
			return { ok: true as const };
		}
	});
}
