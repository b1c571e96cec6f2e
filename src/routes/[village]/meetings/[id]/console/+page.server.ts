import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import { LIVE } from '$lib/meetings/live.svelte';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
import {
	agendaTopicOptions,
	attendeeCandidates,
	earliestOpeningOf,
	isAgendaItemOf,
	motionOfMeeting,
	draftOfficerOptions,
	parseCount,
	presentVoters
} from '$lib/server/meetings/console';
import {
	AGENDA_MATERIALS_MAX,
	CHOICES,
	METHODS,
	addAgendaItem,
	addGuest,
	addSpeech,
	closeMeeting,
	closeMotion,
	createMotion,
	getMeeting,
	listRoster,
	markLeft,
	notifyMeeting,
	openMeeting,
	openMotion,
	recordHands,
	recordPaperBallots,
	recordRollCall,
	signIn,
	updateDraftMeeting,
	type Choice,
	type MeetingRefusal,
	type Method
} from '$lib/server/meetings/meetings';
import { meetingRefusalMessage, motionRefusalMessage } from '$lib/server/meetings/messages';
import { meetingView } from '$lib/server/meetings/view';
import { todayInChina } from '$lib/server/roster/dates';
import { CN_2018 } from '$lib/server/votes/rules';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';

type Event = RequestEvent | Parameters<PageServerLoad>[0];

/** Staff of this village and a meeting of this village, asked again by every load and action. */
function context(event: Event) {
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.id);
	const meeting = id ? getMeeting(getDb(), village.id, id) : null;
	if (!meeting) error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, meeting, actor, base: `/${village.slug}/meetings/${meeting.id}/console` };
}

const searchOf = (value: string | null) => (value ?? '').trim().slice(0, 32);

export const load: PageServerLoad = (event) => {
	event.depends(LIVE);
	const { village, meeting } = context(event);
	const db = getDb();
	const view = meetingView(db, village.id, meeting.id)!;
	const params = event.url.searchParams;
	const q = searchOf(params.get('q'));
	const today = todayInChina();
	const roster = listRoster(db, meeting.id).map((r) => ({
		personId: r.personId,
		name: r.name,
		voting: r.voting,
		status: r.leftAt ? ('left' as const) : r.signedInAt ? ('present' as const) : ('absent' as const)
	}));
	const draft = meeting.state === 'draft';
	const namedRoster = meeting.rule.roster.kind === 'named';
	const find = searchOf(params.get('find'));
	const picked = params
		.getAll('attendee')
		.map(idParam)
		.filter((n): n is number => n !== null)
		.slice(0, 500);
	return {
		view,
		today,
		q,
		roster,
		votes: meeting.rule.voters !== null,
		notified: params.get('notified') === '1',
		edited: params.get('edited'),
		// The chair and recorder the draft's edit form offers.
		officers: draft ? draftOfficerOptions(db, meeting) : [],
		// What a draft needs: topics for the agenda, and the attendee picker of a named roster.
		topics: draft ? agendaTopicOptions(db, village.id) : [],
		namedRoster,
		find,
		candidates: draft && namedRoster ? attendeeCandidates(db, village.id, find, picked) : [],
		earliestIfNotifiedToday: draft ? earliestOpeningOf(meeting, today, CN_2018) : null,
		earliestOpening:
			meeting.state === 'notified' && meeting.noticeDate
				? earliestOpeningOf(meeting, meeting.noticeDate, CN_2018)
				: null
	};
};

type Ctx = ReturnType<typeof context>;

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
function motionFrom(ctx: Ctx, form: FormData) {
	const id = idParam(field(form, 'motion'));
	return id ? motionOfMeeting(getDb(), ctx.village.id, ctx.meeting.id, id) : null;
}

const notAMotion = () => fail(404, { action: 'motion', message: m.mtg_console_no_such_motion() });

/** A refused ballot names the voter it stopped at. */
function ballotRefusal(ctx: Ctx, reason: MeetingRefusal, personId?: number): string {
	const message = motionRefusalMessage(reason, {
		present: presentVoters(getDb(), ctx.meeting)
	});
	const name =
		personId === undefined
			? null
			: listRoster(getDb(), ctx.meeting.id).find((r) => r.personId === personId)?.name;
	return name ? m.mtg_console_refused_for({ name, message }) : message;
}

/** Each voter's choice from radio groups named choice-<personId>; an unanswered voter is skipped. */
function choicesFrom(form: FormData): { personId: number; choice: Choice }[] | null {
	const ballots: { personId: number; choice: Choice }[] = [];
	for (const [key, value] of form) {
		if (!key.startsWith('choice-') || value === '') continue;
		const personId = idParam(key.slice('choice-'.length));
		if (!personId || !(CHOICES as readonly unknown[]).includes(value)) return null;
		ballots.push({ personId, choice: value as Choice });
	}
	return ballots;
}

function rosterQuery(form: FormData): string {
	const q = searchOf(field(form, 'q'));
	return q ? `?q=${encodeURIComponent(q)}` : '';
}

export const actions: Actions = {
	addAgenda: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const topic = field(form, 'topic');
		const topicId = topic ? idParam(topic) : null;
		if (topic && !topicId) return refuse('addAgenda', m.meeting_refused_bad_topic());
		const title = field(form, 'title').slice(0, 200);
		const materials = field(form, 'materials');
		const r = addAgendaItem(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			title,
			topicId,
			materials
		});
		// The form gets back at most what its fields hold, not a 1 MB paste.
		if (!r.ok)
			return refused(r.reason, 'addAgenda', meetingRefusalMessage(r.reason), {
				values: { title, materials: materials.slice(0, AGENDA_MATERIALS_MAX) }
			});
		back(ctx, 'agenda');
	},

	edit: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const values = {
			title: field(form, 'title').slice(0, 200),
			meetingDate: field(form, 'meetingDate'),
			startsAt: field(form, 'startsAt'),
			place: field(form, 'place').slice(0, 200),
			chairPersonId: field(form, 'chairPersonId'),
			recorderPersonId: field(form, 'recorderPersonId')
		};
		const person = (v: string) => (v ? idParam(v) : null);
		const chairPersonId = person(values.chairPersonId);
		const recorderPersonId = person(values.recorderPersonId);
		if ((values.chairPersonId && !chairPersonId) || (values.recorderPersonId && !recorderPersonId))
			return refuse('edit', m.meeting_refused_bad_person(), { values });
		const r = updateDraftMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			title: values.title,
			meetingDate: values.meetingDate,
			startsAt: values.startsAt,
			place: values.place,
			chairPersonId,
			recorderPersonId
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'edit',
				message: meetingRefusalMessage(r.reason),
				values
			});
		back(ctx, 'edit', `?edited=${r.changed ? 'saved' : 'unchanged'}`);
	},

	notify: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const attendees: number[] = [];
		for (const value of form.getAll('attendee')) {
			const id = typeof value === 'string' ? idParam(value) : null;
			if (!id) return refuse('notify', m.meeting_refused_bad_attendee());
			attendees.push(id);
		}
		const r = notifyMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			attendees: ctx.meeting.rule.roster.kind === 'named' ? attendees : undefined
		});
		if (!r.ok)
			return refused(
				r.reason,
				'notify',
				meetingRefusalMessage(r.reason, {
					earliest: r.reason === 'too_late' ? formatDate(r.earliest) : undefined
				}),
				{ tooLate: r.reason === 'too_late' }
			);
		back(ctx, 'state', '?notified=1');
	},

	open: (event) => {
		const ctx = context(event);
		const r = openMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id);
		if (!r.ok)
			return refused(
				r.reason,
				'open',
				meetingRefusalMessage(r.reason, {
					earliest: r.reason === 'too_early' ? formatDate(r.earliest) : undefined
				})
			);
		back(ctx, 'state');
	},

	addGuest: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const kind = field(form, 'kind');
		if (kind !== 'observer' && kind !== 'township') return refuse('addGuest', m.error_choose_one());
		const r = addGuest(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			kind,
			name: field(form, 'name').slice(0, 64),
			position: field(form, 'position').slice(0, 64)
		});
		if (!r.ok) return refused(r.reason, 'addGuest', meetingRefusalMessage(r.reason));
		back(ctx, 'guests');
	},

	signIn: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const personId = idParam(field(form, 'person'));
		const r = personId
			? signIn(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, personId)
			: ({ ok: false, reason: 'not_on_roster' } as const);
		if (!r.ok)
			return refused(r.reason, 'presence', ballotRefusal(ctx, r.reason, personId ?? undefined));
		back(ctx, `p-${personId}`, rosterQuery(form));
	},

	markLeft: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const personId = idParam(field(form, 'person'));
		const r = personId
			? markLeft(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, personId)
			: ({ ok: false, reason: 'not_on_roster' } as const);
		if (!r.ok)
			return refused(r.reason, 'presence', ballotRefusal(ctx, r.reason, personId ?? undefined));
		back(ctx, `p-${personId}`, rosterQuery(form));
	},

	addSpeech: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const itemId = idParam(field(form, 'item'));
		const action = `speech-${itemId}`;
		if (!itemId || !isAgendaItemOf(getDb(), ctx.village.id, ctx.meeting.id, itemId))
			return fail(404, { action, message: m.error_not_found() });
		const person = field(form, 'person');
		const personId = person ? idParam(person) : null;
		const rosterName = personId
			? listRoster(getDb(), ctx.meeting.id).find((r) => r.personId === personId)?.name
			: undefined;
		if (person && !rosterName) return refuse(action, m.meeting_refused_not_on_roster());
		const summary = field(form, 'summary').slice(0, 4000);
		const typedName = field(form, 'speakerName').slice(0, 64);
		if (!rosterName && !typedName)
			return refuse(action, m.mtg_console_speaker_required(), { values: { summary } });
		// A typed name is for someone off the roster (a guest); a picked attendee's name is theirs.
		const r = addSpeech(getDb(), ctx.actor, ctx.village.id, itemId, {
			personId,
			speakerName: rosterName ?? typedName,
			summary
		});
		if (!r.ok)
			return refused(r.reason, action, meetingRefusalMessage(r.reason), {
				values: { summary, speakerName: typedName }
			});
		back(ctx, `item-${itemId}`);
	},

	createMotion: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const itemId = idParam(field(form, 'item'));
		const action = `motion-new-${itemId}`;
		if (!itemId || !isAgendaItemOf(getDb(), ctx.village.id, ctx.meeting.id, itemId))
			return fail(404, { action, message: m.error_not_found() });
		const method = field(form, 'method');
		const text = field(form, 'text').slice(0, 4000);
		if (!(METHODS as readonly string[]).includes(method))
			return refuse(action, m.meeting_refused_bad_method(), { values: { text } });
		const r = createMotion(getDb(), ctx.actor, ctx.village.id, itemId, {
			text,
			method: method as Method
		});
		if (!r.ok)
			return refused(r.reason, action, meetingRefusalMessage(r.reason), { values: { text } });
		back(ctx, `motion-${r.motion.id}`);
	},

	openMotion: async (event) => {
		const ctx = context(event);
		const motion = motionFrom(ctx, await readForm(event.request));
		if (!motion) return notAMotion();
		const r = openMotion(getDb(), ctx.actor, ctx.village.id, motion.id);
		if (!r.ok)
			return refused(
				r.reason,
				`motion-${motion.id}`,
				motionRefusalMessage(r.reason, {
					formula:
						r.reason === 'no_quorum'
							? m.mtg_console_formula_false({ formula: r.quorum.formula })
							: undefined
				})
			);
		back(ctx, `motion-${motion.id}`);
	},

	hands: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const motion = motionFrom(ctx, form);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const othersYes = field(form, 'othersYes') === '1';
		const yes = othersYes ? 0 : parseCount(field(form, 'yes'));
		const no = parseCount(field(form, 'no'));
		const abstain = parseCount(field(form, 'abstain'));
		if (yes === null || no === null || abstain === null)
			return refuse(action, m.meeting_refused_bad_tally());
		const r = recordHands(
			getDb(),
			ctx.actor,
			ctx.village.id,
			motion.id,
			othersYes ? { no, abstain, othersYes: true } : { yes, no, abstain }
		);
		if (!r.ok) return refused(r.reason, action, ballotRefusal(ctx, r.reason));
		back(ctx, action);
	},

	rollCall: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const motion = motionFrom(ctx, form);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const ballots = choicesFrom(form);
		if (!ballots) return refuse(action, m.meeting_refused_bad_choice());
		if (!ballots.length) return refuse(action, m.mtg_console_no_ballots());
		// A named vote is cast on phones; the clerk enters only the paper ballots of voters without one.
		const r =
			motion.method === 'named'
				? recordPaperBallots(getDb(), ctx.actor, ctx.village.id, motion.id, {
						kind: 'named',
						ballots
					})
				: recordRollCall(getDb(), ctx.actor, ctx.village.id, motion.id, ballots);
		if (!r.ok)
			return refused(
				r.reason,
				action,
				ballotRefusal(ctx, r.reason, 'personId' in r ? r.personId : undefined)
			);
		back(ctx, action);
	},

	secretPaper: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const motion = motionFrom(ctx, form);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const voters: number[] = [];
		for (const value of form.getAll('voter')) {
			const id = typeof value === 'string' ? idParam(value) : null;
			if (!id) return refuse(action, m.meeting_refused_not_on_roster());
			voters.push(id);
		}
		if (!voters.length) return refuse(action, m.mtg_console_no_ballots());
		const counts = {
			yes: parseCount(field(form, 'yes')),
			no: parseCount(field(form, 'no')),
			abstain: parseCount(field(form, 'abstain'))
		};
		if (counts.yes === null || counts.no === null || counts.abstain === null)
			return refuse(action, m.meeting_refused_bad_tally());
		const r = recordPaperBallots(getDb(), ctx.actor, ctx.village.id, motion.id, {
			kind: 'secret',
			voters,
			counts: { yes: counts.yes, no: counts.no, abstain: counts.abstain },
			counter: field(form, 'counter'),
			scrutineer: field(form, 'scrutineer')
		});
		if (!r.ok)
			return refused(
				r.reason,
				action,
				ballotRefusal(ctx, r.reason, 'personId' in r ? r.personId : undefined)
			);
		back(ctx, action);
	},

	closeMotion: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const motion = motionFrom(ctx, form);
		if (!motion) return notAMotion();
		const action = `motion-${motion.id}`;
		const r = closeMotion(getDb(), ctx.actor, ctx.village.id, motion.id, {
			confirmFewBallots: field(form, 'confirm') === '1'
		});
		if (!r.ok) {
			// The confirmation step: the same form comes back with the count and a confirm field.
			if (r.reason === 'few_secret_ballots')
				return refused(r.reason, action, motionRefusalMessage(r.reason, { ballots: r.ballots }), {
					values: { confirmClose: '1' }
				});
			return refused(r.reason, action, motionRefusalMessage(r.reason));
		}
		back(ctx, action);
	},

	closeMeeting: async (event) => {
		const ctx = context(event);
		const form = await readForm(event.request);
		const r = closeMeeting(getDb(), ctx.actor, ctx.village.id, ctx.meeting.id, {
			closeOpenMotions: field(form, 'closeOpenMotions') === '1',
			confirmFewBallots: field(form, 'confirm') === '1'
		});
		if (!r.ok) {
			if (r.reason === 'few_secret_ballots') {
				const text = motionOfMeeting(getDb(), ctx.village.id, ctx.meeting.id, r.motionId)?.text;
				return refuse(
					'closeMeeting',
					m.mtg_console_few_ballots_meeting({ text: text ?? '', ballots: r.ballots }),
					{ confirmFewBallots: true }
				);
			}
			if (r.reason === 'motions_open')
				return refuse('closeMeeting', m.mtg_console_motions_open({ count: r.motionIds.length }), {
					offerCloseMotions: true
				});
			if (r.reason === 'no_tally') {
				const text = motionOfMeeting(getDb(), ctx.village.id, ctx.meeting.id, r.motionId)?.text;
				return refuse('closeMeeting', m.mtg_console_no_tally({ text: text ?? '' }), {
					offerCloseMotions: true
				});
			}
			return refused(r.reason, 'closeMeeting', meetingRefusalMessage(r.reason));
		}
		back(ctx, 'state');
	}
};
