import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { actorOf } from '$lib/server/permissions';
import { getDb } from '$lib/server/db';
import { groupCommit } from '$lib/server/db/group-commit';
import { parseForm, readForm } from '$lib/server/forms';
import { ballotForm, writtenOpinionForm } from '$lib/server/meetings/forms';
import { attendeeStatus, publicMotion } from '$lib/server/meetings/attendee';
import { getMotion, listRoster, type Choice } from '$lib/server/meetings/records';
import { castBallot } from '$lib/server/votes/ballots';
import { markRecusal } from '$lib/server/votes/recusals';
import { parseRecusal } from '$lib/server/votes/recusal-forms';
import { meetingRefusalMessage } from '$lib/server/meetings/messages';
import {
	OPINION_MAX_CHARS,
	listOwnOpinions,
	submitWrittenOpinion
} from '$lib/server/meetings/opinions';
import { meetingView } from '$lib/server/meetings/view';
import { meetingNotices } from '$lib/server/meetings/notice-records';
import { symbolicFormula } from '$lib/server/votes/rules';
import { passRule } from '$lib/server/meetings/hall';
import { idParam, requireMember } from '$lib/server/villages/context';
import { attendeeRefusalMessage, meetingFromParams } from '$lib/server/meetings/attendee-pages';
import { refusalStatus } from '$lib/server/http/refusal';
import { myFloor } from '$lib/server/meetings/speaker-queue';
import { askFloor, withdrawFloor } from './floor-actions';
import { speechEngine } from '$lib/server/speech/serve';
import { motionReading } from '$lib/server/speech/text';
import { liveStamp } from '$lib/server/meetings/live-stamp';

// A voter's phone may be cheap and slow: the page is plain HTML and forms, and while the meeting
// is notified or open, static/meeting-live.js (a few KB) keeps it current and asks a ballot's
// confirmation in place. Without JavaScript a reload shows the same and the server asks back.
export const csr = false;

export const load: PageServerLoad = async (event) => {
	const { village, meeting, user, member, staff } = meetingFromParams(event);
	const db = getDb();
	// Read before the data it stamps: a change in between costs one more fetch, never a missed one.
	const stamp = liveStamp(db, meeting.id);
	const roster = listRoster(db, meeting.id);
	const view = meetingView(db, village.id, meeting.id, roster)!;
	// 应到 by the roles that call people to this meeting, never their names or contact details.
	const basis = new Map<string, { count: number; voting: boolean }>();
	for (const e of roster) {
		for (const kind of e.kinds.length ? e.kinds : ['named']) {
			const b = basis.get(kind) ?? { count: 0, voting: false };
			b.count++;
			b.voting ||= e.voting;
			basis.set(kind, b);
		}
	}
	const personId = member ? (user?.personId ?? null) : null;
	const status = personId === null ? null : attendeeStatus(db, meeting.id, personId);
	const attendance = { ...view.attendance, counts: undefined };
	// Each notice it was called by: a change of date shows as 原定…改期至…, as on the board.
	const notices = meetingNotices(db, meeting.id).map((n) => ({
		noticeDate: n.noticeDate,
		meetingDate: n.meetingDate,
		startsAt: n.startsAt,
		emergencyReason: n.emergencyReason
	}));
	return {
		notices,
		meeting: {
			id: meeting.id,
			type: meeting.type,
			title: meeting.title,
			place: meeting.place,
			meetingDate: meeting.meetingDate,
			startsAt: meeting.startsAt,
			state: meeting.state,
			noticeDate: meeting.noticeDate
		},
		chairName: view.chairName,
		recorderName: view.recorderName,
		attendance,
		passRule: meeting.rule.pass.kind === 'compare' ? symbolicFormula(meeting.rule.pass.test) : null,
		passRulePlain: passRule(meeting.rule),
		basis: [...basis].map(([kind, b]) => ({ kind, ...b })),
		agenda: view.agenda.map((a) => ({
			id: a.id,
			position: a.position,
			title: a.title,
			materials: a.materials,
			topic: a.topic && { number: a.topic.number, title: a.topic.title },
			motions: a.motions.map((mv) => ({
				...publicMotion(mv, { voterNames: member }),
				speech: motionReading(mv)
			}))
		})),
		member,
		staff,
		serverAudio: !!(await speechEngine()),
		me: status && {
			voting: status.voting,
			signedInAt: status.signedInAt,
			leftAt: status.leftAt,
			// Only a named vote's own choice is echoed back; a secret one has none to echo.
			voted: Object.fromEntries(status.voted) as Record<
				number,
				{ choice: Choice | null; at: string | null }
			>,
			recused: Object.fromEntries(status.recused) as Record<number, string>
		},
		myOpinions: status && personId !== null ? listOwnOpinions(db, meeting.id, personId) : [],
		opinionMax: OPINION_MAX_CHARS,
		floor: status && personId !== null ? myFloor(db, meeting.id, personId) : null,
		done: event.url.searchParams.get('done'),
		live: meeting.state === 'notified' || meeting.state === 'open' ? { stamp } : null
	};
};

export const actions: Actions = {
	askFloor,
	withdrawFloor,

	vote: async (event) => {
		const { user } = requireMember(event);
		const { village, meeting } = meetingFromParams(event);
		const parsed = parseForm(ballotForm, await readForm(event.request));
		// The motion is looked up first, also when the choice is missing: each has its own message.
		const motionId = parsed.ok ? parsed.data.motionId : idParam(parsed.values.motionId);
		const motion = motionId ? getMotion(getDb(), village.id, motionId) : null;
		if (!motion || motion.meetingId !== meeting.id)
			return fail(400, { message: m.mtg_attendee_bad_motion() });
		if (!parsed.ok) return fail(400, { message: meetingRefusalMessage('bad_choice') });
		// Without JavaScript the first press only asks back; the page shows the choice to confirm.
		if (!parsed.data.confirmed)
			return { confirmVote: { motionId: motion.id, choice: parsed.data.choice } };
		const db = getDb();
		// Acknowledged only once committed, in one transaction with the ballots around it.
		const r = await groupCommit(db).run(() =>
			castBallot(db, actorOf(user), village.id, motion.id, parsed.data.choice)
		);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: attendeeRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/meetings/${meeting.id}?done=voted`);
	},

	recuse: async (event) => {
		const { user } = requireMember(event);
		const { village, meeting } = meetingFromParams(event);
		const p = parseRecusal(await readForm(event.request), true);
		const motion = p.motionId ? getMotion(getDb(), village.id, p.motionId) : null;
		if (!motion || motion.meetingId !== meeting.id)
			return fail(400, { message: m.mtg_attendee_bad_motion() });
		if (!p.ok) return fail(400, { recuseMotionId: motion.id, message: p.message });
		if (user.personId === null)
			return fail(403, { message: m.mtg_attendee_refused_not_on_roster() });
		const r = markRecusal(getDb(), actorOf(user), village.id, motion.id, {
			personId: user.personId,
			reason: p.reason
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				recuseMotionId: motion.id,
				message: attendeeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/meetings/${meeting.id}?done=recused`);
	},

	opinion: async (event) => {
		const { user } = requireMember(event);
		const { village, meeting } = meetingFromParams(event);
		const parsed = parseForm(writtenOpinionForm, await readForm(event.request));
		// The item is echoed also when the text is refused, so the error shows at that item's field.
		const echo = {
			agendaItemId: parsed.ok ? parsed.data.agendaItemId : idParam(parsed.values.agendaItemId),
			text: parsed.values.text
		};
		if (!parsed.ok && parsed.errors.agendaItemId)
			return fail(400, { ...echo, message: parsed.errors.agendaItemId });
		if (!parsed.ok) return fail(400, { ...echo, errors: parsed.errors });
		const { agendaItemId: itemId, text } = parsed.data;
		const r = submitWrittenOpinion(getDb(), actorOf(user), village.id, itemId, text, {
			meetingId: meeting.id
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				...echo,
				message:
					r.reason === 'not_found' ? m.mtg_attendee_bad_item() : attendeeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/meetings/${meeting.id}?done=opinion`);
	}
};
