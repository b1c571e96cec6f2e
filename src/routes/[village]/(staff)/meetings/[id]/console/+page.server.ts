import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { LIVE } from '$lib/meetings/live.svelte';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { consolePage, isAgendaItemOf, motionOfMeeting } from '$lib/server/meetings/console';
import * as forms from '$lib/server/meetings/console-forms';
import * as noticeForms from '$lib/server/meetings/notice-forms';
import * as refusals from '$lib/server/meetings/console-refusals';
import { addAgendaItem, addGuest, updateDraftMeeting } from '$lib/server/meetings/calling';
import { addSpeech, markAttendanceMany, markLeft, signIn } from '$lib/server/meetings/attendance';
import { parseMarkPresent } from '$lib/server/meetings/attendance-forms';
import { notifyMeeting, openMeeting } from '$lib/server/meetings/notice';
import { reNoticeMeeting } from '$lib/server/meetings/re-notice';
import { listRoster } from '$lib/server/meetings/records';
import { recordHands, recordPaperBallots, recordRollCall } from '$lib/server/votes/ballots';
import { createMotion } from '$lib/server/votes/motions';
import { openMotion } from '$lib/server/procedure/opening';
import { openMotionGateRefusal } from '$lib/server/procedure/messages';
import { markRecusal } from '$lib/server/votes/recusals';
import { parseRecusal } from '$lib/server/votes/recusal-forms';
import { closeMeeting, closeMotion } from '$lib/server/procedure/closing';
import { resolutionsOfMeeting } from '$lib/server/procedure/resolutions';
import {
	entrustmentRefusalMessage,
	meetingRefusalMessage,
	type MeetingRefusal
} from '$lib/server/meetings/messages';
import { recordEntrustment } from '$lib/server/meetings/entrustments';
import { refusalStatus } from '$lib/server/http/refusal';
import { consoleSpeakers } from '$lib/server/meetings/speaker-queue';
import { speakerActions } from './speaker-actions';
import { consoleContext, type ConsoleContext } from './console-context';
import { listVenues } from '$lib/server/venues/records';
import { capacityWarning } from '$lib/server/meetings/venue';
import {
	inviteTownshipOfficial,
	inviteesOf,
	townshipOfficialsFor
} from '$lib/server/meetings/township-attendee';
import {
	inviteTownshipForm,
	townshipAttendeeRefusal
} from '$lib/server/meetings/township-attendee-forms';

export const load: PageServerLoad = (event) => {
	event.depends(LIVE);
	const { village, meeting } = consoleContext(event);
	const db = getDb();
	return {
		...consolePage(db, village.id, meeting, event.url.searchParams),
		speakers: consoleSpeakers(db, meeting.id),
		resolutions: resolutionsOfMeeting(db, village.id, meeting.id),
		venues: listVenues(db, village.id).map((v) => ({
			id: v.id,
			name: v.name,
			capacity: v.capacity
		})),
		capacityWarning: capacityWarning(db, meeting),
		township: {
			officials: townshipOfficialsFor(db, village.id),
			invitees: inviteesOf(db, meeting.id)
		}
	};
};

type Ctx = ConsoleContext;

/** Back to the console at the section the form belongs to; keeps the roster search if any. */
function back(ctx: Ctx, anchor: string, query = ''): never {
	redirect(303, `${ctx.base}${query}#${anchor}`);
}

const refuse = (action: string, message: string, extra: Record<string, unknown> = {}) =>
	fail(400, { action, message, ...extra });

/** A command the domain refused: the status says why (see refusalStatus), the message says how. */
const refused = (
	reason: string,
	action: string,
	message: string,
	extra: Record<string, unknown> = {}
) => fail(refusalStatus(reason), { action, message, ...extra });

/** The motion named in the form, only if it is one of this meeting's. */
const motionOf = (ctx: Ctx, id: number | null) =>
	id ? motionOfMeeting(getDb(), ctx.village.id, ctx.meeting.id, id) : null;

const notAMotion = () => fail(404, { action: 'motion', message: m.mtg_console_no_such_motion() });

const isItem = (ctx: Ctx, id: number | null): id is number =>
	!!id && isAgendaItemOf(getDb(), ctx.village.id, ctx.meeting.id, id);

const notAnItem = (action: string) => fail(404, { action, message: m.error_not_found() });

const refusedBallot = (
	ctx: Ctx,
	action: string,
	r: { reason: MeetingRefusal; personId?: number }
) => refused(r.reason, action, refusals.ballotRefusal(getDb(), ctx.meeting, r.reason, r.personId));

/** A refused paper or roll-call list: by each refused row and its submit button, kept as entered. */
const refusedEntry = (
	ctx: Ctx,
	action: string,
	r: { reason: MeetingRefusal; refusals?: { personId: number; reason: MeetingRefusal }[] },
	values: Record<string, string>
) =>
	fail(refusalStatus(r.reason), {
		action,
		values,
		...(r.refusals
			? refusals.entryRefusal(getDb(), ctx.meeting, r.refusals)
			: { message: refusals.ballotRefusal(getDb(), ctx.meeting, r.reason) })
	});

/** Sign-in and leaving: the same form, one verb each. */
async function presence(event: RequestEvent, verb: 'signIn' | 'markLeft') {
	const ctx = consoleContext(event);
	const { personId, query } = forms.parsePresence(await readForm(event.request));
	const r = personId
		? { signIn, markLeft }[verb](getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, personId)
		: ({ ok: false, reason: 'not_on_roster' } as const);
	if (!r.ok)
		return refusedBallot(ctx, 'presence', { reason: r.reason, personId: personId ?? undefined });
	back(ctx, `p-${personId}`, query);
}

export const actions: Actions = {
	addAgenda: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseAddAgenda(await readForm(event.request));
		if (!p.ok) return refuse('addAgenda', p.message, { values: p.values });
		const r = addAgendaItem(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.input);
		if (!r.ok)
			return refused(r.reason, 'addAgenda', meetingRefusalMessage(r.reason), { values: p.values });
		back(ctx, 'agenda');
	},

	edit: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseEdit(await readForm(event.request));
		const values = p.values;
		if (!p.ok) return refuse('edit', p.message, { values });
		const r = updateDraftMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.input);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'edit',
				message: meetingRefusalMessage(r.reason),
				values
			});
		back(ctx, 'edit', `?edited=${r.changed ? 'saved' : 'unchanged'}`);
	},

	notify: async (event) => {
		const ctx = consoleContext(event);
		const p = noticeForms.parseNotify(await readForm(event.request));
		if (!p.ok) return refuse('notify', p.message, { values: p.values });
		const r = notifyMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			attendees: ctx.meeting.rule.roster.kind === 'named' ? p.input.attendees : undefined,
			emergencyReason: p.input.emergencyReason
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'notify',
				values: p.values,
				...refusals.notifyRefusal(r),
				clashTo: r.reason === 'venue_clash' ? { kind: r.clash.kind, id: r.clash.id } : undefined
			});
		back(ctx, 'state', '?notified=1');
	},

	reNotice: async (event) => {
		const ctx = consoleContext(event);
		const p = noticeForms.parseReNotice(await readForm(event.request));
		if (!p.ok) return refuse('reNotice', p.message, { values: p.values });
		const r = reNoticeMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.input);
		if (!r.ok)
			return refused(r.reason, 'reNotice', refusals.reNoticeRefusal(r), {
				values: p.values,
				clashTo: r.reason === 'venue_clash' ? { kind: r.clash.kind, id: r.clash.id } : undefined
			});
		back(ctx, 'state', '?reNoticed=1');
	},

	open: (event) => {
		const ctx = consoleContext(event);
		const r = openMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id);
		if (!r.ok) return refused(r.reason, 'open', refusals.openRefusal(r));
		back(ctx, 'state');
	},

	addGuest: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseAddGuest(await readForm(event.request));
		if (!p.ok) return refuse('addGuest', p.message);
		const r = addGuest(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.input);
		if (!r.ok) return refused(r.reason, 'addGuest', meetingRefusalMessage(r.reason));
		back(ctx, 'guests');
	},

	inviteTownship: async (event) => {
		const ctx = consoleContext(event);
		const p = parseForm(inviteTownshipForm, await readForm(event.request));
		if (!p.ok) return refuse('inviteTownship', m.tatt_refused_not_official());
		const r = inviteTownshipOfficial(
			getDb(),
			ctx.actor,
			ctx.village.id,
			ctx.meeting.id,
			p.data.official
		);
		if (!r.ok) return refused(r.reason, 'inviteTownship', townshipAttendeeRefusal(r.reason));
		back(ctx, 'township');
	},

	entrust: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseEntrust(await readForm(event.request));
		if (!p.ok) return refuse('entrust', p.message, { values: p.values });
		const r = recordEntrustment(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.input);
		if (!r.ok)
			return refused(r.reason, 'entrust', entrustmentRefusalMessage(r.reason), {
				values: p.values
			});
		back(ctx, 'entrustments');
	},

	signIn: (event) => presence(event, 'signIn'),

	markLeft: (event) => presence(event, 'markLeft'),

	// The checklist: everyone ticked in one post; a refusal names the person and keeps the ticks.
	markPresent: async (event) => {
		const ctx = consoleContext(event);
		const p = parseMarkPresent(await readForm(event.request));
		if (!p.ok) return refuse('markPresent', p.message, { ticked: p.ticked });
		const r = markAttendanceMany(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, p.personIds);
		if (!r.ok)
			return refused(r.reason, 'markPresent', refusals.attendanceRefusal(getDb(), ctx.meeting, r), {
				ticked: p.personIds
			});
		back(ctx, 'roster', `?marked=${r.marked.length}`);
	},

	addSpeech: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseAddSpeech(await readForm(event.request));
		const action = `speech-${p.id}`;
		if (!isItem(ctx, p.id)) return notAnItem(action);
		if (!p.ok) return refuse(action, p.message, { values: p.values });
		const { personId } = p.input;
		const rosterName = personId
			? listRoster(getDb(), ctx.meeting.id).find((r) => r.personId === personId)?.name
			: undefined;
		if (personId && !rosterName) return refuse(action, m.meeting_refused_not_on_roster());
		// A typed name is for someone off the roster (a guest); a picked attendee's name is theirs.
		const r = addSpeech(getDb(), ctx.actor, ctx.village.id, p.id, {
			...p.input,
			speakerName: rosterName ?? p.input.speakerName
		});
		if (!r.ok)
			return refused(r.reason, action, meetingRefusalMessage(r.reason), { values: p.values });
		back(ctx, `item-${p.id}`);
	},

	discuss: speakerActions.discuss,
	speakerLimit: speakerActions.limit,
	addSpeaker: speakerActions.add,
	startSpeech: speakerActions.start,
	endSpeech: speakerActions.end,
	removeSpeaker: speakerActions.remove,

	createMotion: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseCreateMotion(await readForm(event.request));
		const action = `motion-new-${p.id}`;
		if (!isItem(ctx, p.id)) return notAnItem(action);
		if (!p.ok) return refuse(action, p.message, { values: p.values });
		const r = createMotion(getDb(), ctx.actor, ctx.village.id, p.id, p.input);
		if (!r.ok)
			return refused(r.reason, action, meetingRefusalMessage(r.reason), { values: p.values });
		back(ctx, `motion-${r.motion.id}`);
	},

	openMotion: async (event) => {
		const ctx = consoleContext(event);
		const motion = motionOf(ctx, forms.motionIdOf(await readForm(event.request)));
		if (!motion) return notAMotion();
		const r = openMotion(getDb(), ctx.actor, ctx.village.id, motion.id);
		if (!r.ok) return refused(r.reason, `motion-${motion.id}`, openMotionGateRefusal(r));
		back(ctx, `motion-${motion.id}`);
	},

	hands: async (event) => {
		const ctx = consoleContext(event);
		const p = forms.parseHands(await readForm(event.request));
		const motion = motionOf(ctx, p.id);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		if (!p.ok) return refuse(action, p.message);
		const r = recordHands(getDb(), ctx.actor, ctx.village.id, motion.id, p.input);
		if (!r.ok) return refusedBallot(ctx, action, { reason: r.reason });
		back(ctx, action);
	},

	rollCall: async (event) => {
		const ctx = consoleContext(event);
		const form = await readForm(event.request);
		const p = forms.parseRollCall(form);
		const motion = motionOf(ctx, p.id);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		// A refused list comes back filled in as the clerk entered it, with or without JavaScript.
		const values = forms.enteredValues(form, 'rollCall');
		if (!p.ok) return refuse(action, p.message, { values });
		// A named vote is cast on phones; the clerk enters only the paper ballots of voters without one.
		const r =
			motion.method === 'named'
				? recordPaperBallots(getDb(), ctx.actor, ctx.village.id, motion.id, {
						kind: 'named',
						ballots: p.input
					})
				: recordRollCall(getDb(), ctx.actor, ctx.village.id, motion.id, p.input);
		if (!r.ok) return refusedEntry(ctx, action, r, values);
		back(ctx, action);
	},

	secretPaper: async (event) => {
		const ctx = consoleContext(event);
		const form = await readForm(event.request);
		const p = forms.parseSecretPaper(form);
		const motion = motionOf(ctx, p.id);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const values = forms.enteredValues(form, 'secretPaper');
		if (!p.ok) return refuse(action, p.message, { values });
		const r = recordPaperBallots(getDb(), ctx.actor, ctx.village.id, motion.id, {
			kind: 'secret',
			...p.input
		});
		if (!r.ok) return refusedEntry(ctx, action, r, values);
		back(ctx, action);
	},

	recuse: async (event) => {
		const ctx = consoleContext(event);
		const p = parseRecusal(await readForm(event.request), false);
		const motion = motionOf(ctx, p.motionId);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		if (!p.ok || p.personId === null)
			return refuse(action, p.ok ? m.error_choose_one() : p.message);
		const r = markRecusal(getDb(), ctx.actor, ctx.village.id, motion.id, {
			personId: p.personId,
			reason: p.reason
		});
		if (!r.ok) return refused(r.reason, action, meetingRefusalMessage(r.reason));
		back(ctx, action);
	},

	closeMotion: async (event) => {
		const ctx = consoleContext(event);
		const form = await readForm(event.request);
		const motion = motionOf(ctx, forms.motionIdOf(form));
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const r = closeMotion(getDb(), ctx.actor, ctx.village.id, motion.id, {
			confirmed: forms.confirmed(form)
		});
		if (!r.ok) return fail(refusalStatus(r.reason), { action, ...refusals.closeMotionRefusal(r) });
		back(ctx, action);
	},

	closeMeeting: async (event) => {
		const ctx = consoleContext(event);
		const options = forms.parseCloseMeeting(await readForm(event.request));
		const r = closeMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, options);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'closeMeeting',
				...refusals.closeMeetingRefusal(getDb(), ctx.village.id, ctx.meeting, r)
			});
		back(ctx, 'state');
	}
};
