import { describe, expect, it } from 'vitest';
import {
	art24Label,
	categoryLabel,
	channelLabel,
	choiceLabel,
	meetingTypeLabel,
	methodLabel,
	noticeKindLabel,
	relationKindLabel,
	rosterRoleLabel,
	stepName,
	timelineActionLabel,
	topicEndLabel,
	topicStateLabel
} from './labels';
import { m } from './paraglide/messages';
import { AUDIT_ACTIONS, FORMER_AUDIT_ACTIONS } from './server/audit/actions';
import { CHOICES, METHODS } from './server/meetings/records';
import { NOTICE_KINDS } from './server/notices/notices';
import { STEPS } from './server/procedure/rules';
import { RELATION_KINDS } from './server/roster/relations';
import { ROLE_KINDS } from './server/roster/roles';
import { timelineAction } from './server/topics/queries';
import { ART24_ITEMS, CATEGORIES, CHANNELS, END_KINDS, TOPIC_STATES } from './server/topics/rules';
import { MEETING_TYPES } from './server/votes/rules';

// Every code the domain knows has a word of its own: no code shows as itself, and no two codes
// of one kind share a word (as they would if one fell through to a default).
describe.each([
	['roster roles', ROLE_KINDS, rosterRoleLabel],
	['relation kinds', RELATION_KINDS, relationKindLabel],
	['categories', CATEGORIES, categoryLabel],
	['channels', CHANNELS, channelLabel],
	['topic states', TOPIC_STATES, topicStateLabel],
	['topic ends', END_KINDS, topicEndLabel],
	['art. 24 items', ART24_ITEMS, art24Label],
	['meeting types', MEETING_TYPES, meetingTypeLabel],
	['methods', METHODS, methodLabel],
	['choices', CHOICES, choiceLabel],
	['notice kinds', NOTICE_KINDS, noticeKindLabel],
	['4+2 steps', STEPS.map(String), (s: string) => stepName(Number(s))],
	[
		'topic timeline actions',
		AUDIT_ACTIONS.filter((a) => timelineAction(a) !== null),
		(a: string) => timelineActionLabel(timelineAction(a))
	]
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

describe('the topic timeline', () => {
	const label = (stored: string) => timelineActionLabel(timelineAction(stored));

	it('shows every topic and 4+2 procedure action, and no other', () => {
		for (const a of AUDIT_ACTIONS)
			expect(timelineAction(a) !== null, a).toBe(/^(topic|procedure)\./.test(a));
	});

	it.each(Object.entries(FORMER_AUDIT_ACTIONS).filter(([, current]) => timelineAction(current)))(
		'reads the old name %s as %s',
		(old, current) => {
			expect(label(old)).toBe(label(current));
			expect(label(old)).not.toBe(m.tl_other());
		}
	);

	it.each(['topic.frobnicated', 'meeting.closed', 'procedure', ''])(
		'shows %j, a name it cannot show, as a change and never as the name',
		(stored) => {
			expect(timelineAction(stored)).toBeNull();
			expect(label(stored)).toBe(m.tl_other());
		}
	);
});
