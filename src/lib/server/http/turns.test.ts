import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { takeTurn } from './turns';

const busy = (ms: number) => {
	const end = performance.now() + ms;
	while (performance.now() < end);
};

let server: net.Server | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.destroy();
	await new Promise((done) => (server ? server.close(done) : done(undefined)));
	server = undefined;
});

/**
 * Runs `requests` blocking requests, each started by `start`, while a client connects as they
 * begin; returns how many requests had finished when the server accepted that connection.
 */
async function finishedBeforeAccept(requests: number, start: () => Promise<void>) {
	server = net.createServer((s) => sockets.push(s));
	await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as net.AddressInfo;
	let finished = 0;
	const acceptedAfter = new Promise<number>((ok) => server!.once('connection', () => ok(finished)));
	const work = Array.from({ length: requests }, async () => {
		await start();
		busy(2);
		finished++;
	});
	sockets.push(net.connect(port, '127.0.0.1'));
	await Promise.all(work);
	return acceptedAfter;
}

describe('takeTurn', () => {
	it('grants turns in the order they were asked for', async () => {
		const order: number[] = [];
		await Promise.all([0, 1, 2, 3, 4].map((i) => takeTurn().then(() => order.push(i))));
		expect(order).toEqual([0, 1, 2, 3, 4]);
	});

	it('lets the server accept a waiting connection between two requests', async () => {
		expect(await finishedBeforeAccept(30, takeTurn)).toBeLessThan(5);
	});

	it('is needed: requests started together keep a new connection waiting until all are done', async () => {
		expect(await finishedBeforeAccept(30, () => Promise.resolve())).toBe(30);
	});
});
