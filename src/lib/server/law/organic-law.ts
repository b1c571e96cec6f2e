// The articles of the Organic Law of Villagers' Committees the app cites, numbered as in the text
// in force on a date: the amendment of 2025-10-28 (in force 2026-01-01) renumbered them, so a
// meeting or a term before that day cites the 2018 number and one from that day the 2026 number.
// Both texts are compared article by article in docs/domain.md ("Sources and their verification").

/** The day the 2025 amendment took effect (the amending decision, 2025-10-28). */
export const ORGANIC_LAW_2026_FROM = '2026-01-01';

/** Each cited provision: its 2018 and its 2026 article number. */
export const ORGANIC_LAW_ARTICLES = {
	/** Make-up of the committee; 2026 adds close-relative recusal among its members. */
	committee: [6, 8],
	/** The villagers' meeting: who sits, who calls it, ten days' notice. */
	villagersMeeting: [21, 25],
	/** Its quorum and pass. */
	villagersMeetingQuorum: [22, 26],
	/** The matters it decides, and its authorisation of the representatives' meeting. */
	villagersMeetingMatters: [24, 28],
	/** The representatives' meeting: make-up (4/5 representatives, 1/3 women), one per 5–15 households. */
	repsMeetingMakeUp: [25, 29],
	/** The representatives' meeting: calling, 2/3 quorum, pass. */
	repsMeeting: [26, 30],
	/** Self-government charter and village rules. */
	villageRules: [27, 31],
	/** The villagers' group meeting. */
	groupMeeting: [28, 32],
	/** Village affairs disclosure. */
	disclosure: [30, 35],
	/** The supervision body: who may not sit on it, who may attend what. */
	supervision: [32, 37],
	/** Village affairs records. */
	records: [34, 39]
} as const satisfies Record<string, readonly [number, number]>;

export type OrganicLawProvision = keyof typeof ORGANIC_LAW_ARTICLES;

/** The article number of a provision in the text in force on `date` ('YYYY-MM-DD'). */
export function organicLawArticleOn(provision: OrganicLawProvision, date: string): number {
	const [of2018, of2026] = ORGANIC_LAW_ARTICLES[provision];
	return date >= ORGANIC_LAW_2026_FROM ? of2026 : of2018;
}

const DIGITS = '零一二三四五六七八九';

/** 1–99 in Chinese numerals, as statutes number their articles (37 → 三十七). */
export function chineseNumeral(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`article ${n}`);
	const tens = Math.floor(n / 10);
	const units = n % 10;
	return (tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`) + (units ? DIGITS[units] : '');
}

/** The citation of a provision on a date, in the reader's language: 第三十七条 or art. 37. */
export function citeOrganicLaw(
	provision: OrganicLawProvision,
	date: string,
	locale: 'zh-CN' | 'en'
): string {
	const n = organicLawArticleOn(provision, date);
	return locale === 'en' ? `art. ${n}` : `第${chineseNumeral(n)}条`;
}
