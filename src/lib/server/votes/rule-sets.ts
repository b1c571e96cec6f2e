// The dated national rule sets and which one a meeting runs by. A meeting takes the set in force on
// its meeting date and keeps it (frozen into its row), so a later amendment never rewrites a past
// meeting. The 2026 set is the 2018 set with the differences of the 2025 amendment of the Organic
// Law spelled out below, article by article (docs/domain.md §6 and "Sources").
import { ORGANIC_LAW_2026_FROM } from '../law/organic-law';
import { CN_2018, type MeetingRule, type MeetingType, type RuleSet } from './rules';

const ORGANIC_LAW_2026 =
	'《中华人民共和国村民委员会组织法》（2025年10月28日修正，2026年1月1日起施行）';

/**
 * The 2026 article numbers were read in a third-party consolidated text (X-STORAGE/Laws) and not
 * yet against the official text; the figures these rules use are worded as in 2018, so they stand
 * whatever the numbering (docs/domain.md, "Sources and their verification").
 */
export const UNVERIFIED_2026_NUMBERING = '〔2026年条号据第三方汇编本，未经官方文本核对〕';

function amended(type: MeetingType, change: Partial<MeetingRule>): MeetingRule {
	return { ...CN_2018.meetings[type], ...change };
}

/** The national rules under the Organic Law as amended on 2025-10-28, in force since 2026-01-01. */
export const CN_2026: RuleSet = {
	...CN_2018,
	id: 'cn-2026',
	effectiveFrom: ORGANIC_LAW_2026_FROM,
	source:
		`${ORGANIC_LAW_2026}第二十五、二十六、二十八至三十二、三十五、三十七条${UNVERIFIED_2026_NUMBERING}；` +
		'《中国共产党支部工作条例（试行）》（2018）第十一、十二条；《中国共产党章程》第七条；' +
		'《中华人民共和国农村集体经济组织法》（2024）第二十七条；《中华人民共和国民法典》第二百零一条、第一千二百五十九条',
	meetings: {
		...CN_2018.meetings,
		// Art. 28 para. 3 (new): important matters for the villagers' or representatives' meeting are
		// first studied by the village party organisation — the statute now names 4+2 step 1.
		branch_committee: amended('branch_committee', {
			source: `《中国共产党支部工作条例（试行）》第十二条；${ORGANIC_LAW_2026}第二十八条第三款（村党组织先行研究讨论）${UNVERIFIED_2026_NUMBERING}`
		}),
		// Art. 37 para. 2: the supervision body's members may attend (列席) the committee's meetings
		// (so could they under 2018 art. 32; the 2018 set leaves them off this roster and is kept as it
		// was) and, new in 2026, the representatives' meeting. They sit on the roster without a vote.
		two_committees: amended('two_committees', {
			roster: {
				kind: 'roles',
				voting: ['branch_committee', 'villagers_committee'],
				nonVoting: ['supervision_committee'],
				scope: 'village',
				households: false
			},
			source: `“四议两公开”第二步（两委商议），2023年中央一号文件；${ORGANIC_LAW_2026}第三十七条第二款（村务监督机构成员列席）${UNVERIFIED_2026_NUMBERING}`
		}),
		// Arts. 29–30 keep the 2/3 quorum and the majority of those present; art. 37 lets the
		// supervision body attend. The statute sets no notice period for it: the three days are the
		// provinces' and villages' rule, and cited as such.
		reps_meeting: amended('reps_meeting', {
			roster: {
				kind: 'roles',
				voting: ['village_rep', 'villagers_committee'],
				nonVoting: ['supervision_committee'],
				scope: 'village',
				households: false
			},
			source: `${ORGANIC_LAW_2026}第二十九、三十条、第二十八条第二款、第三十七条第二款${UNVERIFIED_2026_NUMBERING}；提前三天通知（省级实施办法或村规，国家法律未规定）`
		}),
		// Art. 25: ten days' notice as before, and (new) a temporary notice in special circumstances
		// and a meeting at least once a year; art. 26: quorum and pass unchanged; art. 28: the list
		// of matters it decides, rewritten.
		villagers_meeting: amended('villagers_meeting', {
			temporaryNotice: true,
			atLeastYearly: true,
			source: `${ORGANIC_LAW_2026}第二十五、二十六、二十八条${UNVERIFIED_2026_NUMBERING}`
		}),
		// Art. 32: quorum and pass unchanged.
		group_meeting: amended('group_meeting', {
			source: `${ORGANIC_LAW_2026}第三十二条${UNVERIFIED_2026_NUMBERING}`
		}),
		// Art. 28 moved land contracting, homestead, compensation fees and collective property to the
		// collective economic organisation: its members' meeting now decides those listed matters
		// (topics/rules.ts MATTER_LISTS), as step 4 of their 4+2 procedure.
		collective_members: amended('collective_members', {
			mayDecideArt24: true,
			source: `${CN_2018.meetings.collective_members.source}；${ORGANIC_LAW_2026}第二十八条${UNVERIFIED_2026_NUMBERING}`
		})
	}
};

/** Oldest first; each set applies from its `effectiveFrom` until the next one. */
export const NATIONAL_RULE_SETS: readonly RuleSet[] = [CN_2018, CN_2026];

/** The national rule set in force on a date ('YYYY-MM-DD'). */
export function ruleSetOn(date: string): RuleSet {
	let inForce = NATIONAL_RULE_SETS[0];
	for (const set of NATIONAL_RULE_SETS) if (set.effectiveFrom <= date) inForce = set;
	return inForce;
}
