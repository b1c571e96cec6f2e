import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';

// Test files that mock modules or stub globals (see the `isolate` note below).
const MOCKING_TESTS = [
	'src/hooks.server.test.ts',
	'src/lib/server/uploads/uploads.test.ts',
	'src/routes/group-layouts.test.ts'
];

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		// Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, which
		// then idles while the tests wait on fsync (synchronous=FULL). Two use both cores.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/**/*.{test,spec}.{js,ts}'],
					exclude: ['src/**/*.svelte.{test,spec}.{js,ts}', ...MOCKING_TESTS],
					testTimeout: 20000,
					// Budgets, not waits. `npm test` runs these beside the browser stories on two cores,
					// where a set-up that seeds the whole demo village takes well over vitest's 10 s.
					hookTimeout: 60000,
					// Every test opens its own database file and the domain keeps no module state, so
					// test files can share loaded modules: importing the app's modules (and its 1,300
					// message modules) once per worker instead of once per file halves the run.
					isolate: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'server-mocks',
					environment: 'node',
					// vi.mock replaces modules for the whole registry: these keep theirs to themselves.
					include: MOCKING_TESTS,
					testTimeout: 20000,
					hookTimeout: 60000
				}
			}
		]
	}
});
