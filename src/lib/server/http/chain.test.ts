import { describe, expect, it } from 'vitest';
import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { chain, mergeResolveOptions } from './chain';

const event = { locals: {} } as RequestEvent;

describe('chain', () => {
	it('runs the handles in order, each around the next, and resolves last', async () => {
		const order: string[] = [];
		const named =
			(name: string): Handle =>
			async ({ event, resolve }) => {
				order.push(`${name} in`);
				const response = await resolve(event);
				order.push(`${name} out`);
				response.headers.append('x-by', name);
				return response;
			};
		const response = await chain(
			named('a'),
			named('b'),
			named('c')
		)({
			event,
			resolve: async () => {
				order.push('resolve');
				return new Response('page');
			}
		});
		expect(order).toEqual(['a in', 'b in', 'c in', 'resolve', 'c out', 'b out', 'a out']);
		expect(response.headers.get('x-by')).toBe('c, b, a');
	});

	it('lets a handle answer without resolving the rest', async () => {
		let reached = false;
		const refuse: Handle = () => new Response('refused', { status: 403 });
		const after: Handle = ({ event, resolve }) => {
			reached = true;
			return resolve(event);
		};
		const response = await chain(refuse, after)({ event, resolve: () => new Response('page') });
		expect(response.status).toBe(403);
		expect(reached).toBe(false);
	});

	it('passes the event a handle resolves with, and the options it gives, to what follows', async () => {
		const replaced = { locals: { replaced: true } } as unknown as RequestEvent;
		let seen: { event?: RequestEvent; options?: ResolveOptions } = {};
		const swap: Handle = ({ resolve }) =>
			resolve(replaced, { transformPageChunk: ({ html }) => html.replace('%lang%', 'zh-CN') });
		const pass: Handle = ({ event, resolve }) => resolve(event);
		await chain(
			swap,
			pass
		)({
			event,
			resolve: (e, options) => {
				seen = { event: e, options };
				return new Response('');
			}
		});
		expect(seen.event).toBe(replaced);
		expect(
			await seen.options?.transformPageChunk?.({ html: '<html lang="%lang%">', done: true })
		).toBe('<html lang="zh-CN">');
	});
});

describe('mergeResolveOptions', () => {
	it('runs the inner transform first, then the outer, as sequence() does', async () => {
		const merged = mergeResolveOptions(
			{ transformPageChunk: ({ html }) => `${html}+outer` },
			{ transformPageChunk: ({ html }) => `${html}+inner` }
		);
		expect(await merged?.transformPageChunk?.({ html: 'page', done: true })).toBe(
			'page+inner+outer'
		);
	});

	it('keeps the outer handle’s preload and header filter, and either side alone', () => {
		const outerPreload = () => true;
		const innerPreload = () => false;
		const merged = mergeResolveOptions({ preload: outerPreload }, { preload: innerPreload });
		expect(merged?.preload).toBe(outerPreload);
		const alone = { preload: innerPreload };
		expect(mergeResolveOptions(undefined, alone)).toBe(alone);
		expect(mergeResolveOptions(alone, undefined)).toBe(alone);
		expect(mergeResolveOptions(undefined, undefined)).toBeUndefined();
	});
});
