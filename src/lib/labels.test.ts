import { describe, expect, it } from 'vitest';
import {
	art24Label,
	categoryLabel,
	channelLabel,
	choiceLabel,
	meetingTypeLabel,
	methodLabel,
	noticeKindLabel,
	rosterRoleLabel,
	stepName,
	topicStateLabel
} from './labels';
import { CHOICES, METHODS } from './server/meetings/records';
import { NOTICE_KINDS } from './server/notices/notices';
import { STEPS } from './server/procedure/rules';
import { ROLE_KINDS } from './server/roster/roles';
import { ART24_ITEMS, CATEGORIES, CHANNELS, TOPIC_STATES } from './server/topics/rules';
import { MEETING_TYPES } from './server/votes/rules';

// Every code the domain knows has a word of its own: no code shows as itself, and no two codes
// of one kind share a word (as they would if one fell through to a default).
describe.each([
	['roster roles', ROLE_KINDS, rosterRoleLabel],
	['categories', CATEGORIES, categoryLabel],
	['channels', CHANNELS, channelLabel],
	['topic states', TOPIC_STATES, topicStateLabel],
	['art. 24 items', ART24_ITEMS, art24Label],
	['meeting types', MEETING_TYPES, meetingTypeLabel],
	['methods', METHODS, methodLabel],
	['choices', CHOICES, choiceLabel],
	['notice kinds', NOTICE_KINDS, noticeKindLabel],
	['4+2 steps', STEPS.map(String), (s: string) => stepName(Number(s))]
] as [string, readonly string[], (code: string) => string][])('%s', (_, codes, labelOf) => {
	it('has a word of its own for every code', () => {
		const words = codes.map(labelOf);
		for (const [i, code] of codes.entries()) {
			expect(words[i], code).not.toBe(code);
			expect(words[i].trim(), code).not.toBe('');
		}
		expect(new Set(words).size).toBe(codes.length);
	});
});
