// `npm start`: build when the sources are newer than the last build, then serve the built app on
// port 3000. Migrations and the demo seed run inside the server at start-up.
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.js';

const root = new URL('..', import.meta.url).pathname;

buildIfStale();

process.env.PORT ??= '3000';
// `npm start` is the demo: seed 新阳村 into an empty database. `node build` alone never seeds.
process.env.SEED_DEMO ??= '1';
process.env.DATABASE_PATH ??= join(root, 'data', 'yishiting.db');
// adapter-node assumes https without ORIGIN, which would fail the CSRF check on plain http.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Yishiting listening on http://localhost:${process.env.PORT}`);
await import(join(root, 'build', 'index.js'));
