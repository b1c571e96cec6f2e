import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleError } from './hooks.server';
import { m } from '$lib/paraglide/messages';

const event = {
	request: new Request('http://x/xinyang/topics'),
	url: new URL('http://x/xinyang/topics')
} as unknown as RequestEvent;

describe('handleError', () => {
	it('shows a localized message with an error id, and keeps the stack in the server log only', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const shown = await handleError({
			error: new Error('secret detail'),
			event,
			status: 500,
			message: 'Internal Error'
		});
		expect(shown).toEqual({
			message: m.error_unexpected(),
			id: expect.stringMatching(/^[0-9a-f]{8}$/)
		});
		expect(JSON.stringify(shown)).not.toContain('secret detail');
		expect(String(log.mock.calls[0][0])).toContain(shown!.id!);
		expect(log.mock.calls[0][1]).toBeInstanceOf(Error);
		log.mockRestore();
	});

	it('gives unknown routes the localized not-found message without logging', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(
			await handleError({ error: new Error('Not found'), event, status: 404, message: 'Not Found' })
		).toEqual({
			message: m.error_not_found()
		});
		expect(log).not.toHaveBeenCalled();
		log.mockRestore();
	});
});
