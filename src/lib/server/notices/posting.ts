// How long a notice must stay on the village affairs board, by the day it is posted. The 2018
// Organic Law set no figure, so the floor was the lowest any province set; the 2025 amendment,
// in force from 2026-01-01, sets fifteen days (art. 35).

export interface PostingFloor {
	/** First posting day the floor applies to. */
	from: string;
	days: number;
	source: string;
}

/** Oldest first; each floor applies from `from` until the next one. */
export const POSTING_FLOORS: readonly PostingFloor[] = [
	{
		from: '2018-12-29',
		days: 5,
		source:
			'《村民委员会组织法》（2018）第三十条未规定公布期限；《山东省村务公开条例》（2018）：不少于五日（各省最低）'
	},
	{
		from: '2026-01-01',
		days: 15,
		source:
			'《中华人民共和国村民委员会组织法》（2025年10月28日修正，2026年1月1日起施行）第三十五条：公布时间不少于十五日'
	}
];

/** The floor for a notice posted on `date` ('YYYY-MM-DD'). */
export function postingFloorOn(date: string): PostingFloor {
	let floor = POSTING_FLOORS[0];
	for (const f of POSTING_FLOORS) if (f.from <= date) floor = f;
	return floor;
}
