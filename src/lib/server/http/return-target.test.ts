import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-target';
import { OFF_SITE_TRICKS } from '../../../../tests/attacks/redirect-tricks';

const HOME = '/xinyang';

describe('safeReturnPath', () => {
	it.each([
		'/',
		'/xinyang/topics?x=1',
		'/xinyang/topics?state=submitted&q=%E6%9E%9C%E6%A0%91#list',
		'/xinyang/topics?q=1%2F2',
		'/xinyang/topics/XY-2026-0007',
		'/xinyang/meetings/3/console?find=%E7%8E%8B#attendance',
		'/account',
		'/xinyang/',
		'/@evil.example',
		'/xinyang/topics?next=//evil.example'
	])('keeps the same-site path %j', (raw) => expect(safeReturnPath(raw, HOME)).toBe(raw));

	it('has a list of tricks worth the name', () =>
		expect(OFF_SITE_TRICKS.length).toBeGreaterThan(40));

	it.each(OFF_SITE_TRICKS.map((t) => [t]))('refuses %j', (raw) =>
		expect(safeReturnPath(raw, HOME)).toBe(HOME)
	);

	it.each([[''], [null], [undefined]])('falls back when there is no target (%j)', (raw) =>
		expect(safeReturnPath(raw, HOME)).toBe(HOME)
	);

	it('never returns a path that a browser would read as another host', () => {
		// Every two-character start a browser treats as a network path, behind a dot segment.
		for (const a of ['/', '\\', '%2f', '%5c', '%2F', '%5C'])
			for (const b of ['/', '\\', '%2f', '%5c'])
				for (const climb of ['', '/x/..', '/.', '/x/%2e%2e', '/%2e'])
					expect(safeReturnPath(`${climb}${a}${b}evil.example`, HOME)).toBe(HOME);
	});
});
