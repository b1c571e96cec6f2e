import { describe, expect, it } from 'vitest';
import { refusalStatus } from './refusal';

describe('refusalStatus', () => {
	it.each([
		['forbidden', 403],
		['not_found', 404],
		['already_voted', 400],
		['not_open', 400],
		['bad_text', 400],
		['wrong_state', 400],
		['motion_not_found', 400],
		['Forbidden', 400],
		['', 400]
	] as const)('%j -> %i', (reason, status) => expect(refusalStatus(reason)).toBe(status));
});
