// The national rest-day calendar (放假调休安排), as the State Council publishes it each November
// for the next year. Adding a year is adding one entry here, with its source; a year without an
// entry falls back to weekends and the fixed-date holidays of 《全国年节及纪念日放假办法》
// (see working-days.ts), and the clerk is told the year's notice is missing.

export interface NationalYear {
	/** The notice the dates come from, to be checked against the official publication. */
	source: string;
	/** Rest days on weekdays and weekends alike, as the notice lists them (放假). */
	holidays: readonly (readonly [first: string, last: string])[];
	/** Weekend days that are working days (调休上班). */
	workdays: readonly string[];
}

export const NATIONAL_CALENDAR: Readonly<Record<number, NationalYear>> = {
	2025: {
		source:
			'国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12），新华社 https://m.gmw.cn/2024-11/12/content_1303894933.htm',
		holidays: [
			['2025-01-01', '2025-01-01'],
			['2025-01-28', '2025-02-04'],
			['2025-04-04', '2025-04-06'],
			['2025-05-01', '2025-05-05'],
			['2025-05-31', '2025-06-02'],
			['2025-10-01', '2025-10-08']
		],
		workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']
	},
	2026: {
		source:
			'国务院办公厅关于2026年部分节假日安排的通知（2025-11-04），新华社 https://politics.gmw.cn/2025-11/04/content_38391083.htm',
		holidays: [
			['2026-01-01', '2026-01-03'],
			['2026-02-15', '2026-02-23'],
			['2026-04-04', '2026-04-06'],
			['2026-05-01', '2026-05-05'],
			['2026-06-19', '2026-06-21'],
			['2026-09-25', '2026-09-27'],
			['2026-10-01', '2026-10-07']
		],
		workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']
	}
};

/**
 * Holidays fixed by solar date in 《全国年节及纪念日放假办法》 (as revised 2024): 元旦 1 day,
 * 劳动节 2 days, 国庆节 3 days. The lunar holidays (春节, 清明, 端午, 中秋) need the year's notice.
 */
export const FIXED_HOLIDAYS: readonly string[] = [
	'01-01',
	'05-01',
	'05-02',
	'10-01',
	'10-02',
	'10-03'
];
