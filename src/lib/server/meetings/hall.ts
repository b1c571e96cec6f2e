// What the hall screen (会场大屏) says in plain words: which agenda item is under discussion, how
// far the hall is from its quorum, and a closed vote's result as a sentence. Pure: the numbers come
// from the meeting's frozen rule (votes/rules.ts), so the words can never disagree with the record.
import {
	evaluateQuorum,
	type Comparison,
	type CountName,
	type MeetingCounts,
	type MeetingRule,
	type PassResult
} from '../votes/rules';
import type { MotionState } from './records';

/**
 * The agenda item the hall is on: the one the clerk opened for discussion (开始讨论此议题), else the
 * one with a vote open, else the first item not yet settled — one with a motion still to close, or
 * with no motion at all (discussion comes before any motion). null once every item's motions are
 * closed and the clerk has named none.
 */
export function itemUnderDiscussion<
	I extends { id: number; motions: readonly { state: MotionState }[] }
>(agenda: readonly I[], currentItemId: number | null = null): I | null {
	return (
		agenda.find((i) => i.id === currentItemId) ??
		agenda.find((i) => i.motions.some((mo) => mo.state === 'open')) ??
		agenda.find((i) => i.motions.length === 0 || i.motions.some((mo) => mo.state !== 'closed')) ??
		null
	);
}

/** "b/a of the base", from a rule a × L op b × R: strict for 过半数/超过, not for 以上. */
export interface Share {
	num: number;
	den: number;
	strict: boolean;
}

/** One way the quorum can be met (the villagers' meeting has two: adults or households). */
export interface QuorumWay {
	basis: 'people' | 'households';
	share: Share;
	total: number;
	have: number;
	/** The least count that meets this way. */
	needed: number;
	short: number;
}

export interface QuorumWords {
	/** 应到: the voting members the rule counts. */
	expected: number;
	/** 实到: voting members present, as fixed when the vote was taken if `fixedAtVote`. */
	present: number;
	fixedAtVote: boolean;
	met: boolean;
	ways: QuorumWay[];
}

const sum = (counts: MeetingCounts, names: readonly string[]) =>
	names.reduce((acc, n) => acc + (counts[n as CountName] ?? 0), 0);

/** The least x with a × x op right: integer arithmetic, as the rules themselves. */
function least(a: number, op: Comparison['op'], right: number): number {
	return op === '>' ? Math.floor(right / a) + 1 : Math.ceil(right / a);
}

function shareOf(c: Comparison): Share {
	return { num: c.right.coef, den: c.left.coef, strict: c.op === '>' };
}

/**
 * The quorum of `rule` on `counts` in words of people: how many are expected and present, and for
 * each way of meeting it the number needed and the number still missing. null for a meeting that
 * does not vote.
 */
export function quorumWords(
	rule: MeetingRule,
	counts: MeetingCounts,
	fixedAtVote: boolean
): QuorumWords | null {
	const q = rule.quorum;
	if (!rule.voters || q.kind === 'none') return null;
	const tests = q.kind === 'compare' ? [q.test] : q.tests;
	const ways = tests.map((t): QuorumWay => {
		const total = sum(counts, t.right.of);
		const have = sum(counts, t.left.of);
		const needed = least(t.left.coef, t.op, t.right.coef * total);
		return {
			basis: t.left.of.includes('householdsRepresented') ? 'households' : 'people',
			share: shareOf(t),
			total,
			have,
			needed,
			short: Math.max(0, needed - have)
		};
	});
	return {
		expected: sum(counts, rule.voters.of),
		present: counts[rule.voters.present] ?? 0,
		fixedAtVote,
		met: evaluateQuorum(rule, counts).met,
		ways
	};
}

export interface PassWords {
	yes: number;
	/** 'present': a share of those present at the vote; 'roster': of everyone on the roster. */
	basis: 'present' | 'roster';
	base: number;
	share: Share;
	/** The fewest yes votes that pass. */
	threshold: number;
	passed: boolean;
}

/**
 * A closed vote's pass test in words, read back from the evaluation stored at the close and the
 * rule it was made under: never re-decided here. null for a meeting that does not vote.
 */
export function passWords(rule: MeetingRule, evaluation: PassResult): PassWords | null {
	const r = passRule(rule);
	if (!r || rule.pass.kind !== 'compare') return null;
	const t = rule.pass.test;
	return {
		...r,
		yes: evaluation.left / t.left.coef,
		base: evaluation.right / t.right.coef,
		threshold: least(t.left.coef, t.op, evaluation.right),
		passed: evaluation.passed
	};
}

/** The pass rule before any vote: what share of whom must vote yes. null if the meeting never votes. */
export function passRule(rule: MeetingRule): Pick<PassWords, 'basis' | 'share'> | null {
	if (rule.pass.kind !== 'compare' || !rule.voters) return null;
	const t = rule.pass.test;
	const present = rule.voters.present;
	return {
		basis: t.right.of.length === 1 && t.right.of[0] === present ? 'present' : 'roster',
		share: shareOf(t)
	};
}
