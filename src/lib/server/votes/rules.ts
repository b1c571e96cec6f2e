// The meeting rule set (docs/domain.md §4–§7) as dated data: who sits in each meeting, when it may
// vote, when a motion passes, how much notice it needs and what it may decide. Every statutory
// figure lives here, in a versioned RuleSet, so that a new text of the law is a new row, not a code
// change. Pure: no database, no SvelteKit.
//
// Integer arithmetic only (docs/domain.md §6): a rule "a × X ≥ b × Y" is compared as two integer
// products, never by dividing, so 2/3 of 21 can never round the wrong way.

export const MEETING_TYPES = [
	'branch_committee', // 支委会
	'two_committees', // 两委联席会
	'party_assembly', // 党员大会
	'reps_meeting', // 村民代表会议
	'villagers_meeting', // 村民会议
	'group_meeting', // 村民小组会议
	'consultation', // 协商议事会
	'urgent_coordination', // 紧急协调会
	'collective_members' // 集体经济组织成员大会
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/**
 * The kinds a roster is derived from, with the roster module's names (`RoleKind` in
 * roster/counts.ts); 'collective_member' reads the collective register (roster/collective.ts).
 */
export type RosterKind =
	| 'adult'
	| 'party_full'
	| 'party_probationary'
	| 'village_rep'
	| 'villagers_committee'
	| 'branch_committee'
	| 'supervision_committee'
	| 'collective_member';

/** Where a meeting's expected attendance (应到) comes from. */
export type RosterSource =
	| {
			kind: 'roles';
			/** People of these kinds vote; someone holding two of them counts once. */
			voting: readonly RosterKind[];
			/** People of these kinds attend but never vote. */
			nonVoting: readonly RosterKind[];
			/** 'group': only the people of the meeting's 村民小组. */
			scope: 'village' | 'group';
			/** Households (户的代表) are an alternative basis of the quorum. */
			households: boolean;
	  }
	| {
			kind: 'named';
			/** Named when the meeting is called: the consulting parties, or the people needed now. */
			who: 'parties' | 'attendees';
	  };

/** The integer counts the formulas read; each meeting type needs only some of them. */
export const COUNT_NAMES = [
	'present', // voting members present (实到); abstainers count as present
	'adultsTotal',
	'adultsPresent',
	'householdsTotal',
	'householdsRepresented',
	'fullTotal', // full party members (正式党员): probationary members never count
	'fullPresent',
	'repsTotal', // village representatives on the roster
	'committeeTotal', // villagers' committee members on the reps' roster, not counted as reps
	'membersTotal' // committee or collective-economy members on the roster
] as const;
export type CountName = (typeof COUNT_NAMES)[number];
export type MeetingCounts = Partial<Record<CountName, number>>;

export interface Tally {
	yes: number;
	no: number;
	abstain: number;
}

export type Quantity = CountName | 'yes';

/** coef × (the sum of the named quantities). */
export interface Side {
	coef: number;
	of: readonly Quantity[];
}

/** left op right, both sides integers; '>=' renders as ≥ (以上), '>' as > (过半数, 超过). */
export interface Comparison {
	id: string;
	left: Side;
	op: '>' | '>=';
	right: Side;
}

export type QuorumRule =
	| { kind: 'none' }
	| { kind: 'compare'; test: Comparison }
	/** Met when any one of the tests is met. */
	| { kind: 'any'; tests: readonly Comparison[] };

export type PassRule = { kind: 'none' } | { kind: 'compare'; test: Comparison };

export interface MeetingRule {
	roster: RosterSource;
	/**
	 * The count of voters present and the roster counts it can never exceed; the tally is checked
	 * against it. null for a meeting that does not vote.
	 */
	voters: { present: CountName; of: readonly CountName[] } | null;
	quorum: QuorumRule;
	pass: PassRule;
	/** Whole days between the notice day and the meeting day. */
	noticeDays: number;
	/** May be held on the notice day itself, without the day after. */
	opensAtOnce: boolean;
	/**
	 * May be called by a temporary notice shorter than `noticeDays` in special circumstances, with
	 * the reason recorded and shown on the notice (组织法 2026 art. 25: 遇有特殊情况的，可以临时通知).
	 */
	temporaryNotice?: boolean;
	/** Must be held at least once a calendar year (组织法 2026 art. 25): the dashboard reminds. */
	atLeastYearly?: boolean;
	/** May produce a resolution (决议, docs/domain.md §8.1). */
	mayDecide: boolean;
	/** May decide a matter of 组织法 art. 24 (docs/domain.md §3.5, the art. 24 gate). */
	mayDecideArt24: boolean;
	/**
	 * A recused member (回避) of one motion: by default left out of its count altogether, roster and
	 * present alike; 'present_not_voting' keeps them present like an abstainer (docs/domain.md §7.8).
	 */
	recused?: RecusedCounting;
	/** When the rule's own source took effect, if later than the rule set's. */
	effectiveFrom?: string;
	source: string;
}

export type RecusedCounting = 'excluded' | 'present_not_voting';

export interface RuleSet {
	id: string;
	jurisdiction: string;
	effectiveFrom: string;
	source: string;
	meetings: Record<MeetingType, MeetingRule>;
	/** The rule set a village's options were applied to, and the options. */
	basedOn?: string;
	options?: VillageRuleOptions;
}

const side = (coef: number, ...of: Quantity[]): Side => ({ coef, of });
const test = (id: string, left: Side, op: '>' | '>=', right: Side): Comparison => ({
	id,
	left,
	op,
	right
});

// 过半数 of those present: the default for every vote a statute leaves to "到会人员的过半数".
const MAJORITY_OF_PRESENT: PassRule = {
	kind: 'compare',
	test: test('majority_of_present', side(2, 'yes'), '>', side(1, 'present'))
};

// A meeting that records opinions or coordinates, and never votes.
const NO_VOTE = { voters: null, quorum: { kind: 'none' }, pass: { kind: 'none' } } as const;

/** The national rules in force since the 2018 amendment of the Organic Law. */
export const CN_2018: RuleSet = {
	id: 'cn-2018',
	jurisdiction: 'national',
	// The 2018 amendment took effect on promulgation, 2018-12-29 (its art. 41). From 2026-01-01 the
	// amended text applies (rule-sets.ts CN_2026).
	effectiveFrom: '2018-12-29',
	source:
		'《中华人民共和国村民委员会组织法》（2018年12月29日修正，自公布之日起施行）第二十一、二十二、二十四至二十六、二十八条；' +
		'《中国共产党支部工作条例（试行）》（2018）第十一、十二条；《中国共产党章程》第七条；' +
		'《中华人民共和国农村集体经济组织法》（2024）第二十七条；《中华人民共和国民法典》第二百零一条、第一千二百五十九条',
	meetings: {
		branch_committee: {
			roster: {
				kind: 'roles',
				voting: ['branch_committee'],
				nonVoting: [],
				scope: 'village',
				households: false
			},
			voters: { present: 'present', of: ['membersTotal'] },
			// 支部工作条例 art. 12 reads 半数以上 (≥ half); docs/domain.md §6.2 asks a strict majority,
			// which is never looser, so an even committee split in half cannot act alone.
			quorum: {
				kind: 'compare',
				test: test('majority_of_members', side(2, 'present'), '>', side(1, 'membersTotal'))
			},
			pass: MAJORITY_OF_PRESENT,
			// No statutory period; notice still has to come before the meeting day (docs/domain.md §5.3).
			noticeDays: 0,
			opensAtOnce: false,
			// 4+2 step 1 only proposes; the decision belongs to the villagers (docs/domain.md §4).
			mayDecide: false,
			mayDecideArt24: false,
			source: '《中国共产党支部工作条例（试行）》第十二条；docs/domain.md §4 第一步（党组织提议）'
		},
		two_committees: {
			roster: {
				kind: 'roles',
				voting: ['branch_committee', 'villagers_committee'],
				nonVoting: [],
				scope: 'village',
				households: false
			},
			voters: { present: 'present', of: ['membersTotal'] },
			quorum: {
				kind: 'compare',
				test: test('majority_of_members', side(2, 'present'), '>', side(1, 'membersTotal'))
			},
			pass: MAJORITY_OF_PRESENT,
			noticeDays: 0,
			opensAtOnce: false,
			mayDecide: false,
			mayDecideArt24: false,
			source: '“四议两公开”第二步（两委商议），2023年中央一号文件；docs/domain.md §4'
		},
		party_assembly: {
			// 党章 art. 7: probationary members have no vote, so they attend outside the count.
			roster: {
				kind: 'roles',
				voting: ['party_full'],
				nonVoting: ['party_probationary'],
				scope: 'village',
				households: false
			},
			voters: { present: 'fullPresent', of: ['fullTotal'] },
			// 支部工作条例 art. 11: 半数以上有表决权的党员到会 — 以上 includes half itself.
			quorum: {
				kind: 'compare',
				test: test('half_of_full', side(2, 'fullPresent'), '>=', side(1, 'fullTotal'))
			},
			// 支部工作条例 art. 11: 超过应到会有表决权的党员的半数 — of all full members, not of those present.
			pass: {
				kind: 'compare',
				test: test('majority_of_full', side(2, 'yes'), '>', side(1, 'fullTotal'))
			},
			// Materials three days before is practice, not statute (docs/domain.md §4.2, step 3).
			noticeDays: 3,
			opensAtOnce: false,
			// 4+2 step 3 reviews (审议); only step 4 decides.
			mayDecide: false,
			mayDecideArt24: false,
			source:
				'《中国共产党支部工作条例（试行）》第十一条；《中国共产党章程》第七条；材料提前三天（实践）'
		},
		reps_meeting: {
			// 组织法 art. 25: the reps' meeting is the committee members plus the representatives.
			roster: {
				kind: 'roles',
				voting: ['village_rep', 'villagers_committee'],
				nonVoting: [],
				scope: 'village',
				households: false
			},
			voters: { present: 'present', of: ['repsTotal', 'committeeTotal'] },
			// 组织法 art. 26: 三分之二以上的组成人员参加 — 以上 includes two thirds.
			quorum: {
				kind: 'compare',
				test: test(
					'two_thirds_of_members',
					side(3, 'present'),
					'>=',
					side(2, 'repsTotal', 'committeeTotal')
				)
			},
			// 组织法 art. 26: 到会人员的过半数同意.
			pass: MAJORITY_OF_PRESENT,
			// Three days is practice; some provinces ask five, which a village may choose.
			noticeDays: 3,
			opensAtOnce: false,
			// Only within what the villagers' meeting authorised (art. 24 para. 2: 村民会议可以授权村民代表
			// 会议讨论决定前款规定的事项), checked elsewhere.
			mayDecide: true,
			mayDecideArt24: true,
			source:
				'《村民委员会组织法》（2018）第二十五、二十六条、第二十四条第二款；通知提前三天（省级实施办法或村规，国家法律未规定）'
		},
		villagers_meeting: {
			roster: {
				kind: 'roles',
				voting: ['adult'],
				nonVoting: [],
				scope: 'village',
				households: true
			},
			voters: { present: 'present', of: ['adultsTotal'] },
			// 组织法 art. 22: 十八周岁以上村民的过半数, 或者三分之二以上的户的代表 — either suffices.
			quorum: {
				kind: 'any',
				tests: [
					test('adults', side(2, 'adultsPresent'), '>', side(1, 'adultsTotal')),
					test('households', side(3, 'householdsRepresented'), '>=', side(2, 'householdsTotal'))
				]
			},
			// 组织法 art. 22: 到会人员的过半数通过.
			pass: MAJORITY_OF_PRESENT,
			// 组织法 art. 21: 提前十天通知.
			noticeDays: 10,
			opensAtOnce: false,
			mayDecide: true,
			mayDecideArt24: true,
			source: '《村民委员会组织法》（2018）第二十一、二十二、二十四条'
		},
		group_meeting: {
			roster: {
				kind: 'roles',
				voting: ['adult'],
				nonVoting: [],
				scope: 'group',
				households: true
			},
			voters: { present: 'present', of: ['adultsTotal'] },
			// 组织法 art. 28: the group's adults 三分之二以上, or 三分之二以上的户的代表.
			quorum: {
				kind: 'any',
				tests: [
					test('adults', side(3, 'adultsPresent'), '>=', side(2, 'adultsTotal')),
					test('households', side(3, 'householdsRepresented'), '>=', side(2, 'householdsTotal'))
				]
			},
			pass: MAJORITY_OF_PRESENT,
			noticeDays: 0,
			opensAtOnce: false,
			// Art. 28 lets it decide the group's own property; the 4+2 decision step is a villagers'
			// or reps' meeting (docs/domain.md §4.1, step 4), so art. 24 matters do not end here.
			mayDecide: true,
			mayDecideArt24: false,
			source: '《村民委员会组织法》（2018）第二十八条'
		},
		consultation: {
			roster: { kind: 'named', who: 'parties' },
			...NO_VOTE,
			// "Materials sent in advance": at least the day before, the date recorded.
			noticeDays: 0,
			opensAtOnce: false,
			// Its outcome is a 协商意见, never a resolution (docs/domain.md §4.8).
			mayDecide: false,
			mayDecideArt24: false,
			source:
				'中共中央办公厅、国务院办公厅《关于加强城乡社区协商的意见》（2015）；docs/domain.md §4'
		},
		urgent_coordination: {
			roster: { kind: 'named', who: 'attendees' },
			...NO_VOTE,
			// The overnight meeting of the source article: a service or a dispute cannot wait.
			noticeDays: 0,
			opensAtOnce: true,
			mayDecide: false,
			mayDecideArt24: false,
			source: 'docs/domain.md §1、§4（紧急协调会，本系统规则）'
		},
		collective_members: {
			roster: {
				kind: 'roles',
				voting: ['collective_member'],
				nonVoting: [],
				scope: 'village',
				households: false
			},
			voters: { present: 'present', of: ['membersTotal'] },
			// 集体经济组织法 art. 27: 三分之二以上具有完全民事行为能力的成员参加.
			quorum: {
				kind: 'compare',
				test: test('two_thirds_of_members', side(3, 'present'), '>=', side(2, 'membersTotal'))
			},
			// 集体经济组织法 art. 27: 全体成员三分之二以上同意 — of all members, not of those present.
			pass: {
				kind: 'compare',
				test: test('two_thirds_of_all_members', side(3, 'yes'), '>=', side(2, 'membersTotal'))
			},
			// 集体经济组织法 art. 27: 会议召开十日前通知全体成员.
			noticeDays: 10,
			opensAtOnce: false,
			// It decides the collective economy's matters under its own statute, not art. 24's route.
			mayDecide: true,
			mayDecideArt24: false,
			effectiveFrom: '2025-05-01',
			source:
				'《中华人民共和国农村集体经济组织法》（2024年6月28日通过，2025年5月1日起施行）第二十七条'
		}
	}
};

// ---------------------------------------------------------------------------------------------
// Evaluating and rendering

export interface ComparisonResult {
	id: string;
	met: boolean;
	/** The arithmetic with the numbers filled in, e.g. '3 × 14 ≥ 2 × 21'. */
	formula: string;
	left: number;
	right: number;
}

export interface QuorumResult {
	met: boolean;
	formula: string;
	left: number;
	right: number;
	/** For an either-or quorum: each condition, and the id of the first that held. */
	alternatives?: ComparisonResult[];
	heldBy?: string | null;
}

export interface PassResult {
	passed: boolean;
	formula: string;
	left: number;
	right: number;
}

const OP_SIGN = { '>': '>', '>=': '≥' } as const;

type Values = Partial<Record<Quantity, number>>;

function sideValue(s: Side, values: Values): number {
	let sum = 0;
	for (const q of s.of) {
		const v = values[q];
		if (v === undefined) throw new RangeError(`missing count: ${q}`);
		sum += v;
	}
	return s.coef * sum;
}

function renderSide(s: Side, values: Values): string {
	const sum = s.of.reduce((acc, q) => acc + (values[q] ?? 0), 0);
	return s.coef === 1 ? `${sum}` : `${s.coef} × ${sum}`;
}

function compare(c: Comparison, values: Values): ComparisonResult {
	const left = sideValue(c.left, values);
	const right = sideValue(c.right, values);
	return {
		id: c.id,
		met: c.op === '>' ? left > right : left >= right,
		formula: `${renderSide(c.left, values)} ${OP_SIGN[c.op]} ${renderSide(c.right, values)}`,
		left,
		right
	};
}

/** The rule itself, with names for numbers: '3 × present ≥ 2 × (repsTotal + committeeTotal)'. */
export function symbolicFormula(c: Comparison): string {
	const s = (x: Side) => {
		const sum = x.of.length === 1 ? x.of[0] : `(${x.of.join(' + ')})`;
		return x.coef === 1 ? sum : `${x.coef} × ${sum}`;
	};
	return `${s(c.left)} ${OP_SIGN[c.op]} ${s(c.right)}`;
}

// A part can never exceed its whole; a count that does is a data error, not a close vote.
const PARTS: readonly (readonly [CountName, CountName])[] = [
	['adultsPresent', 'adultsTotal'],
	['householdsRepresented', 'householdsTotal'],
	['fullPresent', 'fullTotal']
];

function checkCounts(rule: MeetingRule, counts: MeetingCounts): void {
	for (const name of COUNT_NAMES) {
		const v = counts[name];
		if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0))
			throw new RangeError(`count ${name} must be a non-negative integer, got ${v}`);
	}
	for (const [part, whole] of PARTS) {
		const p = counts[part];
		const w = counts[whole];
		if (p !== undefined && w !== undefined && p > w)
			throw new RangeError(`${part} ${p} exceeds ${whole} ${w}`);
	}
	if (rule.voters) {
		const present = counts[rule.voters.present];
		const totals = rule.voters.of.map((n) => counts[n]);
		if (present !== undefined && totals.every((t) => t !== undefined)) {
			const total = (totals as number[]).reduce((a, b) => a + b, 0);
			if (present > total)
				throw new RangeError(`${rule.voters.present} ${present} exceeds the roster ${total}`);
		}
	}
}

/** May the meeting vote? Throws RangeError when a count the rule needs is missing or impossible. */
export function evaluateQuorum(rule: MeetingRule, counts: MeetingCounts): QuorumResult {
	checkCounts(rule, counts);
	const q = rule.quorum;
	if (q.kind === 'none') return { met: true, formula: '', left: 0, right: 0 };
	if (q.kind === 'compare') {
		const r = compare(q.test, counts);
		return { met: r.met, formula: r.formula, left: r.left, right: r.right };
	}
	const alternatives = q.tests.map((t) => compare(t, counts));
	const held = alternatives.find((a) => a.met) ?? null;
	const shown = held ?? alternatives[0];
	return {
		met: held !== null,
		// Every condition is shown, joined by ∨ (or); alternatives says which held.
		formula: alternatives.map((a) => a.formula).join(' ∨ '),
		left: shown.left,
		right: shown.right,
		alternatives,
		heldBy: held?.id ?? null
	};
}

/**
 * Did the motion pass? Read only after the quorum is met. Throws RangeError for a meeting that
 * does not vote, a tally that does not fit the voters present, or a missing count.
 */
export function evaluatePass(rule: MeetingRule, tally: Tally, counts: MeetingCounts): PassResult {
	if (rule.pass.kind === 'none' || !rule.voters) throw new RangeError('this meeting does not vote');
	checkCounts(rule, counts);
	const present = counts[rule.voters.present];
	if (present === undefined) throw new RangeError(`missing count: ${rule.voters.present}`);
	const check = validateTally(tally, present);
	if (check !== 'ok') throw new RangeError(`invalid tally: ${check}`);
	const r = compare(rule.pass.test, { ...counts, yes: tally.yes });
	return { passed: r.met, formula: r.formula, left: r.left, right: r.right };
}

/**
 * The counts one motion is decided on. `recused` holds the recused members' own share of each
 * count (on the roster, present, households represented by them alone). Excluded (the default),
 * they leave the motion's roster and its present count, so the quorum and the pass base are those
 * of the members without an interest, as 公司法 (2023) art. 139 does for related directors; the
 * meeting's households stay what they are. Counted present, nothing changes: they weigh like an
 * abstention.
 */
export function countsWithRecusals(
	rule: MeetingRule,
	counts: MeetingCounts,
	recused: MeetingCounts
): MeetingCounts {
	if (rule.recused === 'present_not_voting') return { ...counts };
	const out: MeetingCounts = { ...counts };
	for (const name of COUNT_NAMES) {
		const v = counts[name];
		if (v === undefined || name === 'householdsTotal') continue;
		out[name] = v - (recused[name] ?? 0);
	}
	return out;
}

export type TallyCheck = 'ok' | 'negative' | 'more_than_present' | 'not_integer';

/**
 * yes + no + abstain may not exceed the voters present (docs/domain.md §7.4); fewer is a non-vote.
 */
export function validateTally(tally: Tally, presentVoters: number): TallyCheck {
	const values = [tally.yes, tally.no, tally.abstain, presentVoters];
	if (!values.every((v) => Number.isSafeInteger(v))) return 'not_integer';
	if (values.some((v) => v < 0)) return 'negative';
	if (tally.yes + tally.no + tally.abstain > presentVoters) return 'more_than_present';
	return 'ok';
}

// ---------------------------------------------------------------------------------------------
// A village's stricter options

export interface VillageRuleOptions {
	/** Party assembly votes only with two thirds of full members present (practice). */
	partyAssemblyTwoThirds?: boolean;
	/** Reps' meeting passes on 过半数 of all its members (reps and committee), not of those present. */
	repsPassOnTotal?: boolean;
	/** Whole days of notice for the reps' meeting; never fewer than the law's set (e.g. 5). */
	repsNoticeDays?: number;
	/** Recused members count as present but not voting, instead of leaving the motion's count. */
	recusedPresent?: boolean;
}

export type ApplyOptionsResult =
	{ ok: true; rules: RuleSet } | { ok: false; reason: 'looser_than_law' | 'not_integer' };

/**
 * The village's rule set: `base` (the law) with the chosen options. Refuses any result looser
 * than `base` — the law is a floor (docs/domain.md: rules marked [law], §6.4).
 */
export function applyOptions(base: RuleSet, options: VillageRuleOptions): ApplyOptionsResult {
	const meetings = { ...base.meetings };
	const notes: string[] = [];
	if (options.partyAssemblyTwoThirds) {
		meetings.party_assembly = {
			...meetings.party_assembly,
			quorum: {
				kind: 'compare',
				test: test('two_thirds_of_full', side(3, 'fullPresent'), '>=', side(2, 'fullTotal'))
			}
		};
		notes.push('党员大会三分之二以上正式党员到会');
	}
	if (options.repsPassOnTotal) {
		meetings.reps_meeting = {
			...meetings.reps_meeting,
			pass: {
				kind: 'compare',
				test: test(
					'majority_of_members',
					side(2, 'yes'),
					'>',
					side(1, 'repsTotal', 'committeeTotal')
				)
			}
		};
		notes.push('村民代表会议赞成票超过组成人员半数');
	}
	if (options.repsNoticeDays !== undefined) {
		if (!Number.isSafeInteger(options.repsNoticeDays)) return { ok: false, reason: 'not_integer' };
		meetings.reps_meeting = { ...meetings.reps_meeting, noticeDays: options.repsNoticeDays };
		notes.push(`村民代表会议提前${options.repsNoticeDays}天通知`);
	}
	if (options.recusedPresent) {
		// The statute is silent on recusal, so this choice is the village's own either way.
		for (const type of MEETING_TYPES)
			if (meetings[type].voters)
				meetings[type] = { ...meetings[type], recused: 'present_not_voting' };
		notes.push('回避人员计入到会人数、不参加表决');
	}
	const rules: RuleSet = {
		...base,
		id: `${base.id}+village`,
		jurisdiction: 'village',
		source: notes.length ? `${base.source}；本村选项：${notes.join('，')}` : base.source,
		meetings,
		basedOn: base.id,
		options: { ...options }
	};
	if (!isAtLeastAsStrict(base, rules)) return { ok: false, reason: 'looser_than_law' };
	return { ok: true, rules };
}

/**
 * Is `right` always at least `left`, for any counts a meeting can have? True when it sums the
 * same counts or more of them, or when `left` is the voters present and `right` the roster they
 * are drawn from.
 */
function alwaysAtLeast(rule: MeetingRule, right: readonly Quantity[], left: readonly Quantity[]) {
	const rest = [...right];
	const covers = left.every((q) => {
		const i = rest.indexOf(q);
		if (i < 0) return false;
		rest.splice(i, 1);
		return true;
	});
	if (covers) return true;
	const v = rule.voters;
	return (
		v !== null && left.length === 1 && left[0] === v.present && v.of.every((q) => right.includes(q))
	);
}

/**
 * Whenever `cand` holds, does `base` hold too? For a × L op b × R against a' × L' op' b' × R':
 * L' never above L, R' never below R, a ratio b'/a' at least b/a (compared as b'·a ≥ b·a'), and
 * no '≥' where the base asks '>'. Then L ≥ L' ≥ (b'/a')·R' ≥ (b/a)·R, as all counts are ≥ 0.
 */
function comparisonAtLeastAsStrict(rule: MeetingRule, base: Comparison, cand: Comparison) {
	if (!alwaysAtLeast(rule, base.left.of, cand.left.of)) return false;
	if (!alwaysAtLeast(rule, cand.right.of, base.right.of)) return false;
	if (cand.right.coef * base.left.coef < base.right.coef * cand.left.coef) return false;
	return !(base.op === '>' && cand.op === '>=');
}

function testsOf(q: QuorumRule | PassRule): readonly Comparison[] {
	if (q.kind === 'none') return [];
	if (q.kind === 'compare') return [q.test];
	return q.tests;
}

/** The rules `candidate` makes looser than `base`, as 'meeting.field'; empty when none. */
export function looserPoints(base: RuleSet, candidate: RuleSet): string[] {
	const out: string[] = [];
	for (const type of MEETING_TYPES) {
		const b = base.meetings[type];
		const c = candidate.meetings[type];
		if (!c) {
			out.push(`${type}`);
			continue;
		}
		if (JSON.stringify(b.roster) !== JSON.stringify(c.roster)) out.push(`${type}.roster`);
		if (JSON.stringify(b.voters) !== JSON.stringify(c.voters)) out.push(`${type}.voters`);
		if (!(Number.isSafeInteger(c.noticeDays) && c.noticeDays >= b.noticeDays))
			out.push(`${type}.noticeDays`);
		if (c.opensAtOnce && !b.opensAtOnce) out.push(`${type}.opensAtOnce`);
		if (c.temporaryNotice && !b.temporaryNotice) out.push(`${type}.temporaryNotice`);
		if (c.mayDecide && !b.mayDecide) out.push(`${type}.mayDecide`);
		if (c.mayDecideArt24 && !b.mayDecideArt24) out.push(`${type}.mayDecideArt24`);
		// Every way the candidate lets a meeting vote must be at least as hard as one of the base's.
		if (b.quorum.kind !== 'none') {
			const bt = testsOf(b.quorum);
			const ct = testsOf(c.quorum);
			const ok =
				c.quorum.kind !== 'none' &&
				ct.every((t) => bt.some((u) => comparisonAtLeastAsStrict(b, u, t)));
			if (!ok) out.push(`${type}.quorum`);
		}
		if (b.pass.kind !== c.pass.kind) out.push(`${type}.pass`);
		else if (b.pass.kind === 'compare' && c.pass.kind === 'compare') {
			if (!comparisonAtLeastAsStrict(b, b.pass.test, c.pass.test)) out.push(`${type}.pass`);
		}
	}
	return out;
}

/** True when no rule of `candidate` lets through what `base` would refuse. */
export function isAtLeastAsStrict(base: RuleSet, candidate: RuleSet): boolean {
	return looserPoints(base, candidate).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Notice

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
	const ms = Date.parse(`${date}T00:00:00Z`);
	if (!DATE.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
		throw new RangeError(`not a date: ${date}`);
	return ms / 86_400_000;
}

function fromDayNumber(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first day the meeting may open. 民法典 art. 201 starts a period the day after the notice,
 * and we take the reading valid under every interpretation: N whole days between notice and
 * meeting, i.e. meeting − notice ≥ N + 1 (docs/domain.md §5.3). A meeting that opens at once may
 * open on the notice day.
 */
export function earliestOpening(type: MeetingType, noticeDate: string, rules: RuleSet): string {
	const rule = rules.meetings[type];
	const day = dayNumber(noticeDate);
	return fromDayNumber(rule.opensAtOnce ? day : day + rule.noticeDays + 1);
}

export function mayOpen(
	type: MeetingType,
	noticeDate: string,
	meetingDate: string,
	rules: RuleSet
): { ok: true } | { ok: false; earliest: string } {
	const earliest = earliestOpening(type, noticeDate, rules);
	return dayNumber(meetingDate) >= dayNumber(earliest) ? { ok: true } : { ok: false, earliest };
}
