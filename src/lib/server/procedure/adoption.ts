// Whether a passed motion becomes a numbered resolution (docs/domain.md §8.1): only where the law
// lets this meeting decide this matter. The rule is pure (adoptionRefusal); adoptionFacts gathers
// its facts, and recordDecisionStep records the 4+2 step, inside the closing command
// (procedure/closing.ts).
import type { CommandContext } from '../command';
import type { Meeting, Motion } from '../meetings/records';
import { findTopic, type Topic } from '../topics/records';
import { onFourPlusTwoTrack, type Category } from '../topics/rules';
import type { MeetingType } from '../votes/rules';
import {
	appendProcedureEvent,
	matterAsMeetingFound,
	matterOf,
	matterFacts,
	topicOfMotion
} from './matters';
import { stepByMotion, type Position, type StepResult } from './rules';

export interface AdoptionFacts {
	meetingType: MeetingType;
	mayDecide: boolean;
	mayDecideArt24: boolean;
	/** The group of a group meeting; null for every other meeting. */
	meetingGroupId: number | null;
	/** The topic of the motion's agenda item; null for a motion of the meeting's own. */
	topic: {
		category: Category;
		/** Any art. 24 item ticked, or on the 4+2 track. */
		touchesArt24: boolean;
		/** The group the topic belongs to; null for a village-wide topic. */
		groupId: number | null;
		/** On the 4+2 track: whether this motion validly records step 4. */
		recordsStep4: boolean | null;
	} | null;
}

export type AdoptionRefusal =
	| 'not_a_decision_meeting'
	| 'needs_villagers_meeting'
	| 'art24_not_here'
	| 'other_group'
	| 'not_step_4';

/** Why a passed motion adopts no resolution; null when it adopts one. */
export function adoptionRefusal(f: AdoptionFacts): AdoptionRefusal | null {
	if (!f.mayDecide) return 'not_a_decision_meeting';
	const t = f.topic;
	if (!t) return null;
	// 组织法 2018 art. 27, 2026 art. 31: village rules and the charter are the villagers' meeting's.
	if (t.category === 'village_rules' && f.meetingType !== 'villagers_meeting')
		return 'needs_villagers_meeting';
	if (t.touchesArt24 && !f.mayDecideArt24) return 'art24_not_here';
	// 组织法 2018 art. 28: a group meeting decides its own group's matters, nothing wider.
	if (f.meetingType === 'group_meeting' && (t.groupId === null || t.groupId !== f.meetingGroupId))
		return 'other_group';
	if (t.recordsStep4 === false) return 'not_step_4';
	return null;
}

/**
 * The group a topic belongs to: its proposer's household's group. A topic filed without a roster
 * proposer, or by someone outside any group, is village-wide.
 */
function groupOfTopic(ctx: CommandContext, topic: Topic): number | null {
	if (topic.proposerPersonId === null) return null;
	return (
		(ctx.db
			.prepare(
				'select h.group_id from people p join households h on h.id = p.household_id where p.id = ?'
			)
			.pluck()
			.get(topic.proposerPersonId) as number | null | undefined) ?? null
	);
}

/** The step a passing motion of this meeting would record on the topic's matter, if any. */
function stepAtClose(ctx: CommandContext, topic: Topic, meeting: Meeting) {
	const matter = matterAsMeetingFound(ctx.db, meeting.villageId, topic.id, meeting.id);
	if (!matter) return null;
	const r: StepResult = stepByMotion(
		matter.position,
		{
			sameTopic: true,
			meetingType: meeting.type,
			// Adoption happens as the vote closes, before the meeting does; the rest is the same test.
			meetingClosed: true,
			result: 'passed',
			meetingDate: meeting.meetingDate
		},
		matterFacts(ctx.db, meeting.villageId, topic, meeting.meetingDate)
	);
	return { matter, r };
}

/** Whether this motion validly records step 4 of its matter, as if its meeting were closed. */
function recordsStep4(ctx: CommandContext, topic: Topic, meeting: Meeting): boolean | null {
	const at = stepAtClose(ctx, topic, meeting);
	if (!at) return null;
	return at.r.ok && at.r.event.kind === 'steps' && at.r.event.steps.includes(4);
}

/**
 * Records the 4+2 step a passed motion validly takes, in its closing transaction: the vote and its
 * step are one record (issue 15 item 4), not a later manual step the clerk may forget. Null when
 * the motion takes no step (a topic outside the 4+2, or a meeting that cannot carry the step).
 */
export function recordDecisionStep(
	ctx: CommandContext,
	topicId: number,
	motion: Motion,
	meeting: Meeting
): Position | null {
	const topic = findTopic(ctx.db, meeting.villageId, topicId);
	const at = topic && stepAtClose(ctx, topic, meeting);
	if (!at || !at.r.ok) return null;
	// Another motion of this meeting already recorded the step: this one is part of it.
	const current = matterOf(ctx.db, meeting.villageId, topicId);
	if (current && current.events.length > at.matter.events.length) return current.position;
	return appendProcedureEvent(ctx, topicId, at.r.event, {
		motionId: motion.id,
		before: at.matter.position
	});
}

/** The facts of a passed motion as the adoption rule reads them, in the closing transaction. */
export function adoptionFacts(
	ctx: CommandContext,
	motion: Motion,
	meeting: Meeting
): AdoptionFacts {
	const topicId = topicOfMotion(ctx.db, motion.id);
	const topic = topicId === null ? null : findTopic(ctx.db, meeting.villageId, topicId);
	return {
		meetingType: meeting.type,
		mayDecide: meeting.rule.mayDecide,
		mayDecideArt24: meeting.rule.mayDecideArt24,
		meetingGroupId: meeting.groupId,
		topic: topic && {
			category: topic.category,
			touchesArt24: topic.art24Items.length > 0 || onFourPlusTwoTrack(topic),
			groupId: groupOfTopic(ctx, topic),
			recordsStep4: recordsStep4(ctx, topic, meeting)
		}
	};
}
