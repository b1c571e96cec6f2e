import { describe, expect, it } from 'vitest';
import { adoptionRefusal, type AdoptionFacts, type AdoptionRefusal } from './adoption';
import { ruleSetOn } from '../votes/rule-sets';
import type { MeetingType } from '../votes/rules';

const GROUP = 7;

/** A meeting of the type with the national rule table's powers, and a topic as given. */
function facts(
	meetingType: MeetingType,
	topic: Partial<NonNullable<AdoptionFacts['topic']>> | null,
	date = '2026-06-20'
): AdoptionFacts {
	const rule = ruleSetOn(date).meetings[meetingType];
	return {
		meetingType,
		mayDecide: rule.mayDecide,
		mayDecideArt24: rule.mayDecideArt24,
		meetingGroupId: meetingType === 'group_meeting' ? GROUP : null,
		topic: topic && {
			category: 'development',
			touchesArt24: false,
			groupId: GROUP,
			recordsStep4: null,
			...topic
		}
	};
}

describe('adoptionRefusal: which passed motions become resolutions', () => {
	it.each<[string, AdoptionFacts, AdoptionRefusal | null]>([
		["a plain motion of the villagers' meeting", facts('villagers_meeting', null), null],
		['a plain motion of the reps meeting', facts('reps_meeting', null), null],
		[
			'a plain motion of the party assembly',
			facts('party_assembly', null),
			'not_a_decision_meeting'
		],
		['a topic off the 4+2 track in the reps meeting', facts('reps_meeting', {}), null],
		[
			'a 4+2 motion recording step 4',
			facts('villagers_meeting', { touchesArt24: true, recordsStep4: true }),
			null
		],
		[
			'a 4+2 motion not recording step 4',
			facts('reps_meeting', { touchesArt24: true, recordsStep4: false }),
			'not_step_4'
		],
		[
			'an art. 24 topic in a group meeting',
			facts('group_meeting', { touchesArt24: true }),
			'art24_not_here'
		],
		[
			'a 4+2 topic in a group meeting',
			facts('group_meeting', { touchesArt24: true, recordsStep4: false }),
			'art24_not_here'
		],
		[
			"an art. 24 topic in the collective members' meeting under the 2018 set",
			facts('collective_members', { touchesArt24: true }, '2025-06-20'),
			'art24_not_here'
		],
		[
			// 组织法 2026 第二十八条 moved land, homestead, compensation and property to it.
			"the collective economy's own 4+2 matter decided in its members' meeting under the 2026 set",
			facts('collective_members', { touchesArt24: true, recordsStep4: true }),
			null
		],
		[
			"a 4+2 matter the collective members' meeting does not decide under the 2026 set",
			facts('collective_members', { touchesArt24: true, recordsStep4: false }),
			'not_step_4'
		],
		["the group's own matter in its group meeting", facts('group_meeting', {}), null],
		[
			"another group's matter in a group meeting",
			facts('group_meeting', { groupId: GROUP + 1 }),
			'other_group'
		],
		[
			'a village-wide matter in a group meeting',
			facts('group_meeting', { groupId: null }),
			'other_group'
		],
		[
			'village rules in the reps meeting',
			facts('reps_meeting', { category: 'village_rules' }),
			'needs_villagers_meeting'
		],
		[
			'village rules in a group meeting',
			facts('group_meeting', { category: 'village_rules' }),
			'needs_villagers_meeting'
		],
		[
			"village rules in the villagers' meeting",
			facts('villagers_meeting', { category: 'village_rules' }),
			null
		]
	])('%s → %s', (_, f, want) => {
		expect(adoptionRefusal(f)).toBe(want);
	});
});
