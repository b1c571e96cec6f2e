// A worker thread for the concurrency test: its own connection to the same file, one castBallot.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { castBallot } from './ballots';
import { type Choice } from '../meetings/records';
import { type Actor } from '../permissions';

const { path, villageId, motionId, actor, choice, gate } = workerData as {
	path: string;
	villageId: number;
	motionId: number;
	actor: Actor;
	choice: Choice;
	gate: SharedArrayBuffer;
};
const db = openDatabase(path);
// Every worker waits at the gate, so the 50 ballots arrive together.
const flag = new Int32Array(gate);
Atomics.wait(flag, 0, 0);
const result = castBallot(db, actor, villageId, motionId, choice);
db.close();
parentPort!.postMessage(result);
