// Fair turns under saturation. libuv accepts one waiting connection per event-loop turn, and one
// turn runs every request that arrived on an open connection, so when the loop is saturated a
// phone that connects anew waits in the kernel's accept queue behind hundreds of requests from
// phones already connected: in the vote storm (100 voters, most connecting as it starts) one
// ballot in a hundred waited 30 to 100 times the median. A request takes a turn before its work,
// and turns are handed out one per event-loop turn in arrival order: between two requests the
// loop goes back to the kernel, accepts the next connection and reads what arrived, so every
// request queues in one line, whoever sent it.

const waiting: (() => void)[] = [];
let scheduled = false;

function grantOne() {
	waiting.shift()?.();
	// The next grant waits for the next loop turn (an immediate queued now runs after the poll).
	if (waiting.length) setImmediate(grantOne);
	else scheduled = false;
}

/** Resolves when it is this request's turn: one request per event-loop turn, first come first. */
export function takeTurn(): Promise<void> {
	return new Promise((go) => {
		waiting.push(go);
		if (!scheduled) {
			scheduled = true;
			setImmediate(grantOne);
		}
	});
}

/** Requests still waiting for their turn: a group commit waits for them (db/group-commit.ts). */
export const turnsWaiting = (): number => waiting.length;
