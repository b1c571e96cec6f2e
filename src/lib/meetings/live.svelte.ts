import { invalidate } from '$app/navigation';

/** The dependency key of every load that shows live attendance, quorum or votes. */
export const LIVE = 'meeting:live';

/**
 * Re-runs the page's load every few seconds while the page is visible, so attendance and votes
 * update without a reload. Without JavaScript nothing runs and a reload shows the same.
 */
export function pollLive(intervalMs = 3000): void {
	$effect(() => {
		let busy = false;
		const tick = async () => {
			if (busy || document.visibilityState !== 'visible') return;
			busy = true;
			try {
				await invalidate(LIVE);
			} finally {
				busy = false;
			}
		};
		const id = setInterval(tick, intervalMs);
		return () => clearInterval(id);
	});
}
