// Attacks on the vote form of the representatives' meeting: duplicates fired in parallel, a second
// ballot through the clerk's paper channel, ballots outside the open motion, from people without a
// vote, for another meeting's motion, with a forged voter, an empty form and a replayed old form.
// Every attack is refused and leaves the ballot tables and the audit chain as they were.
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type App } from '../fixtures.ts';
import {
	closeMotionNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	votingRoster
} from '../meeting-helpers.ts';
import { PEOPLE, dump, personIdOf, post, signedIn, snapshot } from './hostile.ts';

const BALLOT_TABLES = ['ballot_receipts', 'named_choices', 'secret_tallies'];

function ballotState(app: App) {
	return { ...dump(app, BALLOT_TABLES), ...snapshot(app, []) };
}

/** Posts attacks one by one; each must be refused with a 4xx and change no ballot or audit row. */
async function expectRefused(
	app: App,
	label: string,
	attack: () => Promise<{ status(): number }>
): Promise<void> {
	const before = ballotState(app);
	const response = await attack();
	expect.soft(response.status(), label).toBeGreaterThanOrEqual(400);
	expect.soft(response.status(), label).toBeLessThan(500);
	expect.soft(ballotState(app), `${label}: nothing stored`).toEqual(before);
}

test('every forged, doubled or misplaced ballot is refused and stores nothing', async ({ app }) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const votePath = `/xinyang/meetings/${meetingId}?/vote`;
	const consolePath = `/xinyang/meetings/${meetingId}/console`;
	const rep = personIdOf(app, PEOPLE.rep.phone);
	const secretary = personIdOf(app, PEOPLE.secretary.phone);
	const clerkPerson = personIdOf(app, PEOPLE.clerk.phone);
	// Everyone with a vote is at the hall except the branch secretary, who is still on the way.
	markPresent(app, meetingId, votingRoster(app, meetingId, [PEOPLE.secretary.phone]));

	const [repApi, secretaryApi, clerkApi, villagerApi, supervisorApi] = await Promise.all(
		[PEOPLE.rep, PEOPLE.secretary, PEOPLE.clerk, PEOPLE.villager, PEOPLE.supervisor].map((who) =>
			signedIn(app, who)
		)
	);
	// Every post is the confirmed one (issue 15: the unconfirmed first press only asks back).
	const vote = (api: APIRequestContext, form: Record<string, string | number>) =>
		post(api, app, votePath, { confirmed: 'yes', ...form });

	// A motion the clerk has written but not yet put to the vote.
	const draft = await post(clerkApi, app, `${consolePath}?/createMotion`, {
		item: agendaItemId,
		method: 'named',
		text: '尚未付诸表决的动议'
	});
	expect(draft.status()).toBe(303);
	const draftId = Number(/#motion-(\d+)$/.exec(draft.headers()['location'] ?? '')?.[1]);
	expect(draftId).toBeGreaterThan(0);
	await expectRefused(app, 'before the motion opens', () =>
		vote(repApi, { motionId: draftId, choice: 'yes' })
	);

	const motionId = openNewMotion(app, agendaItemId, '同意果蔬储藏库建设方案', 'named');

	// Fifty copies of one ballot at once: exactly one is stored.
	const burst = await Promise.all(
		Array.from({ length: 50 }, (_, i) =>
			vote(repApi, { motionId, choice: i % 2 ? 'no' : 'yes' }).then((r) => r.status())
		)
	);
	expect(burst.filter((s) => s === 303)).toHaveLength(1);
	expect(burst.filter((s) => s === 400)).toHaveLength(49);
	const receipts = dump(app, ['ballot_receipts']).ballot_receipts as { person_id: number }[];
	expect(receipts.filter((r) => r.person_id === rep)).toHaveLength(1);
	expect(snapshot(app, ['named_choices'])).toMatchObject({ named_choices: 1 });

	// The same person again, through any channel.
	await expectRefused(app, 'a second online ballot', () =>
		vote(repApi, { motionId, choice: 'no' })
	);
	await expectRefused(app, 'a paper ballot after the online one', () =>
		post(clerkApi, app, `${consolePath}?/rollCall`, { motion: motionId, [`choice-${rep}`]: 'no' })
	);
	const paper = await post(clerkApi, app, `${consolePath}?/rollCall`, {
		motion: motionId,
		[`choice-${clerkPerson}`]: 'abstain'
	});
	expect(paper.status(), 'the clerk enters her own paper ballot').toBe(303);
	await expectRefused(app, 'an online ballot after the paper one', () =>
		vote(clerkApi, { motionId, choice: 'yes' })
	);

	// People without a vote in this meeting, right now.
	await expectRefused(app, 'a voter who has not signed in at the hall', () =>
		vote(secretaryApi, { motionId, choice: 'yes' })
	);
	await expectRefused(app, 'a villager not called to the meeting', () =>
		vote(villagerApi, { motionId, choice: 'yes' })
	);
	await expectRefused(app, 'a supervision committee member observing', () =>
		vote(supervisorApi, { motionId, choice: 'yes' })
	);
	markPresent(app, meetingId, [secretary]);
	const left = await post(clerkApi, app, `${consolePath}?/markLeft`, { person: secretary });
	expect(left.status()).toBe(303);
	await expectRefused(app, 'a voter who has left the hall', () =>
		vote(secretaryApi, { motionId, choice: 'yes' })
	);

	// Forged fields: another voter's id, another meeting's motion, a made-up choice, nothing at all.
	const stranger = votingRoster(app, meetingId, [
		PEOPLE.rep.phone,
		PEOPLE.clerk.phone,
		PEOPLE.secretary.phone
	])[0];
	await expectRefused(app, 'a villager posting for a voter by id', () =>
		vote(villagerApi, {
			motionId,
			choice: 'yes',
			personId: stranger,
			voterId: stranger,
			userId: 1
		})
	);
	const otherMeetingMotion = dump(app, ['motions']).motions.find(
		(mo) => (mo as { meeting_id: number }).meeting_id !== meetingId
	) as { id: number };
	for (const [label, form] of [
		['a motion of another meeting', { motionId: otherMeetingMotion.id, choice: 'yes' }],
		['a motion id that does not exist', { motionId: 999_999, choice: 'yes' }],
		['a motion id that is not a number', { motionId: `${motionId} or 1=1`, choice: 'yes' }],
		['a choice that is not one', { motionId, choice: 'yes; no' }],
		['a roll-call field on the vote form', { motionId, [`choice-${stranger}`]: 'yes' }],
		['an empty form', {}]
	] as const)
		await expectRefused(app, label, () => vote(repApi, form as Record<string, string | number>));
	await expectRefused(app, 'a forged voter sent to the secret ballot console', () =>
		post(clerkApi, app, `${consolePath}?/secretPaper`, {
			motion: motionId,
			voter: stranger,
			yes: 1,
			no: 0,
			abstain: 0
		})
	);

	// After the close, the old form replayed by a voter who did not vote in time.
	closeMotionNow(app, motionId);
	const lateVoter = votingRoster(app, meetingId, [
		PEOPLE.rep.phone,
		PEOPLE.clerk.phone,
		PEOPLE.secretary.phone
	]).find((p) => p !== stranger)!;
	expect(lateVoter).toBeDefined();
	await expectRefused(app, 'the vote form replayed after the close', () =>
		vote(repApi, { motionId, choice: 'no' })
	);
	await expectRefused(app, 'a paper ballot after the close', () =>
		post(clerkApi, app, `${consolePath}?/rollCall`, {
			motion: motionId,
			[`choice-${lateVoter}`]: 'yes'
		})
	);
	expect(test.info().errors).toEqual([]);
});
