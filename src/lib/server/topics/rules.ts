// The rules of topics (docs/domain.md §3) as data: categories, channels, the state machine, the
// art. 24 checklist and the co-signature thresholds. Pure: no database here.

export const CATEGORIES = [
	'development', // 发展项目
	'ecology', // 生态环境
	'talent', // 人才引进
	'livelihood', // 民生诉求
	'village_rules', // 村规民约
	'culture', // 文化活动
	'dispute', // 矛盾纠纷
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = [
	'online', // the villager on their own phone
	'grid_point', // 网格议事点: at the grid head's home
	'household_visit', // 党员联系户: a party member's visit
	'phone',
	'hall_window', // 议事厅窗口
	'representative',
	'cadre',
	'higher_authority' // 上级安排
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels through which someone files for a villager. */
export const ON_BEHALF_CHANNELS = [
	'grid_point',
	'household_visit',
	'phone',
	'hall_window'
] as const;
export type OnBehalfChannel = (typeof ON_BEHALF_CHANNELS)[number];

export const TOPIC_STATES = [
	'draft',
	'submitted',
	'consultation', // 转协商
	'four_plus_two', // 转四议两公开
	'direct', // 直接办理
	'merged',
	'not_accepted', // 不予受理
	'withdrawn',
	'completed' // 办结
] as const;
export type TopicState = (typeof TOPIC_STATES)[number];

export type TopicAction =
	| 'submit'
	| 'withdraw'
	| 'route_consultation'
	| 'route_four_plus_two'
	| 'route_direct'
	| 'merge'
	| 'reject'
	| 'complete'
	| 'archive'
	| 'publish_feedback'
	| 'coordination_done'
	| 'submit_to_decision'
	| 'end_after_failed_vote';

/**
 * Every allowed transition. Anything not listed is refused by the domain functions, whatever the
 * pages show. The procedure issue adds the later states of the two tracks.
 */
export const TRANSITIONS: Record<TopicAction, { from: readonly TopicState[]; to: TopicState }> = {
	submit: { from: ['draft'], to: 'submitted' },
	withdraw: { from: ['draft', 'submitted'], to: 'withdrawn' },
	route_consultation: { from: ['submitted'], to: 'consultation' },
	route_four_plus_two: { from: ['submitted'], to: 'four_plus_two' },
	route_direct: { from: ['submitted'], to: 'direct' },
	merge: { from: ['submitted'], to: 'merged' },
	reject: { from: ['submitted'], to: 'not_accepted' },
	complete: { from: ['direct'], to: 'completed' },
	archive: { from: ['four_plus_two'], to: 'completed' },
	publish_feedback: { from: ['consultation'], to: 'completed' },
	coordination_done: { from: ['submitted', 'consultation', 'direct'], to: 'completed' },
	// 组织法 (2026) 第三十三条第三款: a consultation outcome the law sends to a decision meeting
	// goes there through the 4+2 procedure (第二十八条第二款: the party organisation studies it first).
	submit_to_decision: { from: ['consultation'], to: 'four_plus_two' },
	// After a failed vote at step 3 or 4 the village may stop the matter (docs/domain.md §4): the
	// proposer sees it end there, not wait on a procedure that will never move.
	end_after_failed_vote: { from: ['four_plus_two'], to: 'completed' }
};

/**
 * How a topic reached 办结, one end per track (docs/domain.md §3.6): direct handling closed with
 * what was done; a 4+2 matter archived after its result was disclosed; a consultation's feedback
 * published; an urgent coordination's agreed actions recorded done; or a 4+2 matter stopped after
 * its vote failed at step 3 or 4.
 */
export const END_KINDS = ['direct', 'archive', 'feedback', 'coordination', 'vote_failed'] as const;
export type EndKind = (typeof END_KINDS)[number];

/** The moves that end a topic, each with the end it records. */
export const ENDING_MOVES = {
	complete: 'direct',
	archive: 'archive',
	publish_feedback: 'feedback',
	coordination_done: 'coordination',
	end_after_failed_vote: 'vote_failed'
} as const satisfies Partial<Record<TopicAction, EndKind>>;
export type EndingMove = keyof typeof ENDING_MOVES;

/** On the 4+2 track: still in the procedure, or ended by archiving or stopping its matter. */
export const onFourPlusTwoTrack = (t: { state: TopicState; endKind: EndKind | null }): boolean =>
	t.state === 'four_plus_two' || t.endKind === 'archive' || t.endKind === 'vote_failed';

export function transition(from: TopicState, action: TopicAction): TopicState | null {
	const t = TRANSITIONS[action];
	return t.from.includes(from) ? t.to : null;
}

export const TERMINAL_STATES: readonly TopicState[] = [
	'merged',
	'not_accepted',
	'withdrawn',
	'completed'
];
export const ACCEPTED_STATES: readonly TopicState[] = [
	'consultation',
	'four_plus_two',
	'direct',
	'completed'
];

/** Co-signing is open while the topic is live; withdrawing a co-signature only before triage. */
export const COSIGN_STATES: readonly TopicState[] = ['submitted', 'consultation', 'four_plus_two'];

/**
 * Every item code a topic's checklist has ever offered: the matters of 《村民委员会组织法》(2018)
 * 第二十四条 and of its 2026 第二十八条 that only a villagers' (representatives') meeting decides,
 * the collective economy's matters the 2026 text moved out of that list, and the village's own
 * major matters (重大事项). Stored topics keep their codes, so a code is never removed.
 */
export const ART24_ITEMS = [
	'collective_income', // 集体经济所得收益的使用
	'public_welfare', // 公益事业的兴办和筹资筹劳方案及建设承包方案
	'land_contracting', // 土地承包经营方案
	'collective_project', // 集体经济项目的立项、承包方案
	'homestead', // 宅基地的使用方案
	'requisition_compensation', // 征地补偿费的使用、分配方案
	'property_disposal', // 以借贷、租赁或者其他方式处分村集体财产
	'subsidised_staff', // 村民委员会误工补贴人员及补贴标准
	'village_planning', // 2026: 村庄规划等乡村建设重要事项
	'assistance', // 2026: 本村重点帮扶对象及帮扶方案
	'village_major' // 本村规定的其他重大事项 (2026: 法律规定或村民会议决定的其他事项)
] as const;
export type Art24Item = (typeof ART24_ITEMS)[number];

/** The checklist of major matters in force on a date, and the article it cites. */
export interface MatterList {
	id: 'cn-2018' | 'cn-2026';
	effectiveFrom: string;
	/** 组织法 2018 第二十四条, 2026 第二十八条. */
	article: 24 | 28;
	/** Decided by the villagers' meeting, or the representatives' meeting it authorised. */
	items: readonly Art24Item[];
	/** Decided by the collective economic organisation's members' meeting (集体经济组织法). */
	collectiveItems: readonly Art24Item[];
}

export const MATTER_LISTS: readonly MatterList[] = [
	{
		id: 'cn-2018',
		effectiveFrom: '2018-12-29',
		article: 24,
		items: [
			'collective_income',
			'public_welfare',
			'land_contracting',
			'collective_project',
			'homestead',
			'requisition_compensation',
			'property_disposal',
			'subsidised_staff',
			'village_major'
		],
		collectiveItems: []
	},
	{
		// The 2025 amendment rewrote the list: land contracting, homestead, compensation fees and
		// collective property left it for the collective economic organisation (集体经济组织法
		// 第二十六条), whose members' meeting decides them.
		id: 'cn-2026',
		effectiveFrom: '2026-01-01',
		article: 28,
		items: [
			'village_planning',
			'subsidised_staff',
			'collective_income',
			'public_welfare',
			'assistance',
			'village_major'
		],
		collectiveItems: [
			'land_contracting',
			'collective_project',
			'homestead',
			'requisition_compensation',
			'property_disposal'
		]
	}
];

/** The list in force on a date ('YYYY-MM-DD'). */
export function matterListOn(date: string): MatterList {
	let inForce = MATTER_LISTS[0];
	for (const list of MATTER_LISTS) if (list.effectiveFrom <= date) inForce = list;
	return inForce;
}

/** Is the item on the list in force on the date, in either of its parts? */
export function isItemOn(item: string, date: string): item is Art24Item {
	const list = matterListOn(date);
	return [...list.items, ...list.collectiveItems].includes(item as Art24Item);
}

/** Which body decides the ticked items on the date; 'mixed' when both do. */
export function decidingBody(
	items: readonly Art24Item[],
	date: string
): 'villagers' | 'collective' | 'mixed' | null {
	if (items.length === 0) return null;
	const collective = matterListOn(date).collectiveItems;
	const moved = items.filter((i) => collective.includes(i)).length;
	if (moved === 0) return 'villagers';
	return moved === items.length ? 'collective' : 'mixed';
}

export interface CosignThreshold {
	obligation: 'villagers_meeting' | 'reps_meeting';
	rule: 'tenth_of_adults' | 'third_of_reps' | 'fifth_of_reps';
	// the formula's two sides, integers only
	left: number;
	right: number;
	met: boolean;
	/** Who counts for this rule: every co-signer, or only the representatives among them. */
	count: number;
	/** The fewest co-signers that meet it: never 0, as nobody signing obliges nothing. */
	needed: number;
}

/**
 * 组织法 第二十一条、第二十六条: a tenth of adult villagers, or a third of the representatives,
 * oblige the committee to convene a villagers' meeting; a fifth of the representatives, a
 * representatives' meeting. 以上 includes the number itself.
 */
export function cosignThresholds(
	signers: number,
	representativeSigners: number,
	adults: number,
	representatives: number
): CosignThreshold[] {
	const rule = (
		obligation: CosignThreshold['obligation'],
		name: CosignThreshold['rule'],
		coef: number,
		count: number,
		right: number
	): CosignThreshold => {
		const left = coef * count;
		return {
			obligation,
			rule: name,
			left,
			right,
			met: count > 0 && left >= right,
			count,
			needed: Math.max(1, Math.ceil(right / coef))
		};
	};
	return [
		rule('villagers_meeting', 'tenth_of_adults', 10, signers, adults),
		rule('villagers_meeting', 'third_of_reps', 3, representativeSigners, representatives),
		rule('reps_meeting', 'fifth_of_reps', 5, representativeSigners, representatives)
	];
}

/** XY-2026-0007: the village's code, the year, and the sequence within the year. */
export function trackingNumber(code: string, year: number, seq: number): string {
	return `${code}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The longest texts a clerk's decision may carry, in characters: longer is refused, never cut. */
export const TRIAGE_REASON_MAX = 2000;
export const OUTCOME_MAX = 2000;
export const HIDE_REASON_MAX = 200;
