// The meeting console's forms, one schema each, read and checked before anything touches the
// database: each parser turns one action's FormData into typed input or the one message the clerk
// sees. Text over its limit is refused with the domain's own message, never cut short into
// something the clerk did not type; only the values echoed back are bounded to what the field holds.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	chars,
	cleanText,
	choice,
	firstError,
	id,
	optionalId,
	parseForm,
	text,
	whole,
	type FieldErrors,
	type FormValues
} from '../forms';
import { idParam } from '../villages/context';
import { AGENDA_MATERIALS_MAX } from './calling';
import { CHOICES, METHODS, type Choice } from './records';
import { meetingRefusalMessage } from './messages';
import { ENTRUSTMENT_NOTE_MAX } from './entrustments';

/** Limits the domain enforces too (meetings.ts); the parser refuses first so nothing is cut. */
export const TITLE_MAX = 100;
export const PLACE_MAX = 100;
export const NAME_MAX = 32;
export const TEXT_MAX = 2000;
const SEARCH_MAX = 32;
const COUNT_MAX = 99999;
// Dates and times are checked by the domain; anything longer is not one.
const SHORT = 64;

export type Parsed<T, V = undefined> =
	{ ok: true; input: T; values: V } | { ok: false; message: string; values: V };

/** A form about one motion or agenda item: the id comes first, as the route looks it up first. */
export type ParsedFor<T, V = undefined> = Parsed<T, V> & { id: number | null };

export const refused = <V>(message: string, values: V) => ({ ok: false as const, message, values });
export const accepted = <T, V>(input: T, values: V) => ({ ok: true as const, input, values });

/** What goes back into a refused form: at most what its field holds. */
export const echo = (value: string, max: number) => [...value].slice(0, max).join('');

/**
 * The one message a console form shows: the first refused field in `order`, worded by the console
 * where it names one (the domain's own refusal), else as its builder worded it.
 */
function messageOf<K extends string>(
	errors: FieldErrors<K>,
	order: [K, (() => string)?][]
): string {
	for (const [key, message] of order) {
		const error = errors[key];
		if (error !== undefined) return message ? message() : error;
	}
	return firstError(errors);
}

/** Every value posted under the name as an id; one that is not an id refuses the whole list. */
export const ids = (message: () => string) =>
	z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(id(message)));

// A count typed by the clerk: a whole number from 0 to 99999; empty (and a typed "-0") reads as 0.
const count = () => whole(0, COUNT_MAX).transform((n) => n || 0);

// The first value posted under a name, as text.
const posted = (v: unknown) => cleanText(Array.isArray(v) ? v[0] : v);

/** A switch that is on only when posted as exactly "1", as the console's forms send it. */
const on = () => z.preprocess((v) => posted(v) === '1', z.boolean());

/** A roster search: a query string, not stored, so a long one is simply shortened. */
export const searchText = (value: string | null) => (value ?? '').trim().slice(0, SEARCH_MAX);

export const addAgendaForm = z.object({
	topic: optionalId(),
	title: text(TITLE_MAX),
	materials: text(AGENDA_MATERIALS_MAX)
});

export function parseAddAgenda(form: FormData) {
	const p = parseForm(addAgendaForm, form);
	const values = {
		title: echo(p.values.title, TITLE_MAX),
		materials: echo(p.values.materials, AGENDA_MATERIALS_MAX)
	};
	if (!p.ok)
		return refused(
			messageOf(p.errors, [
				['topic', () => m.meeting_refused_bad_topic()],
				['title', () => meetingRefusalMessage('bad_title')],
				['materials', () => meetingRefusalMessage('bad_materials')]
			]),
			values
		);
	const { title, topic, materials } = p.data;
	return accepted({ title, topicId: topic, materials }, values);
}

export const editForm = z.object({
	title: text(TITLE_MAX),
	meetingDate: text(SHORT),
	startsAt: text(SHORT),
	endsAt: text(SHORT),
	venueId: optionalId(() => meetingRefusalMessage('bad_venue')),
	place: text(PLACE_MAX),
	chairPersonId: optionalId(),
	recorderPersonId: optionalId()
});

export function parseEdit(form: FormData) {
	const p = parseForm(editForm, form);
	const values = {
		...p.values,
		title: echo(p.values.title, TITLE_MAX),
		meetingDate: echo(p.values.meetingDate, SHORT),
		startsAt: echo(p.values.startsAt, SHORT),
		endsAt: echo(p.values.endsAt, SHORT),
		place: echo(p.values.place, PLACE_MAX)
	};
	if (!p.ok)
		return refused(
			messageOf(p.errors, [
				['chairPersonId', () => m.meeting_refused_bad_person()],
				['recorderPersonId', () => m.meeting_refused_bad_person()],
				['title', () => meetingRefusalMessage('bad_title')],
				['venueId', () => meetingRefusalMessage('bad_venue')],
				['place', () => meetingRefusalMessage('bad_place')]
			]),
			values
		);
	// A form without the venue select (an older page) keeps the meeting's venue and end time.
	const { venueId, endsAt, ...rest } = p.data;
	return accepted(form.has('venueId') ? { ...rest, venueId, endsAt } : rest, values);
}

export const addGuestForm = z.object({
	kind: choice(['observer', 'township']),
	name: text(NAME_MAX),
	position: text(NAME_MAX)
});

export function parseAddGuest(
	form: FormData
): Parsed<{ kind: 'observer' | 'township'; name: string; position: string }> {
	const p = parseForm(addGuestForm, form);
	if (!p.ok)
		return refused(
			messageOf(p.errors, [
				['kind'],
				['name', () => meetingRefusalMessage('bad_name')],
				['position']
			]),
			undefined
		);
	return accepted(p.data, undefined);
}

// Neither field refuses: a person that is not an id is no one (the domain says not on the roster).
export const presenceForm = z.object({
	person: optionalId().catch(null),
	q: z.preprocess((v) => searchText(posted(v)), z.string())
});

/** Sign-in and leaving: the attendee, and the roster search to come back to. */
export function parsePresence(form: FormData): { personId: number | null; query: string } {
	const p = parseForm(presenceForm, form);
	const { person, q } = p.ok ? p.data : { person: null, q: '' };
	return { personId: person, query: q ? `?q=${encodeURIComponent(q)}` : '' };
}

// A picked attendee's typed name is ignored, so only a guest's name is held to NAME_MAX; the
// summary's own limit still bounds it. The speaker is checked even when the summary is refused
// (the clerk is told of the missing speaker first), but only once the person reads as an id.
const personRead = (payload: z.core.ParsePayload) =>
	!payload.issues.some((issue) => issue.path?.[0] === 'person');

export const addSpeechForm = z
	.object({
		item: id(),
		person: optionalId(),
		speakerName: text(TEXT_MAX),
		summary: text(TEXT_MAX)
	})
	.superRefine(
		(f, ctx) => {
			if (f.person) return;
			if (!f.speakerName)
				ctx.addIssue({
					code: 'custom',
					path: ['speaker'],
					message: m.mtg_console_speaker_required()
				});
			else if (chars(f.speakerName) > NAME_MAX)
				ctx.addIssue({
					code: 'custom',
					path: ['speakerName'],
					message: m.error_too_long({ max: NAME_MAX })
				});
		},
		{ when: personRead }
	);

/**
 * A speech: a picked attendee or a typed name (for someone off the roster, a guest); the route
 * checks the picked one is on the roster and ignores the typed name then.
 */
export function parseAddSpeech(
	form: FormData
): ParsedFor<
	{ personId: number | null; speakerName: string; summary: string },
	{ summary: string; speakerName: string }
> {
	const p = parseForm(addSpeechForm, form);
	const id = idParam(p.values.item);
	const values = {
		summary: echo(p.values.summary, TEXT_MAX),
		speakerName: echo(p.values.speakerName, NAME_MAX)
	};
	if (!p.ok) {
		const errors: FieldErrors<string> = p.errors;
		const badText = () => meetingRefusalMessage('bad_text');
		const message = messageOf(errors, [
			['person', () => m.meeting_refused_not_on_roster()],
			['speaker'],
			['summary', badText],
			['speakerName', badText]
		]);
		return { id, ...refused(message, values) };
	}
	const { person, speakerName, summary } = p.data;
	return { id, ...accepted({ personId: person, speakerName, summary }, values) };
}

export const createMotionForm = z.object({
	item: id(),
	method: choice(METHODS, () => m.meeting_refused_bad_method()),
	text: text(TEXT_MAX)
});

export function parseCreateMotion(
	form: FormData
): ParsedFor<{ text: string; method: (typeof METHODS)[number] }, { text: string }> {
	const p = parseForm(createMotionForm, form);
	const id = idParam(p.values.item);
	const values = { text: echo(p.values.text, TEXT_MAX) };
	if (!p.ok) {
		const message = messageOf(p.errors, [
			['method'],
			['text', () => meetingRefusalMessage('bad_text')]
		]);
		return { id, ...refused(message, values) };
	}
	return { id, ...accepted({ text: p.data.text, method: p.data.method }, values) };
}

export const motionForm = z.object({ motion: id() });

/** The motion a form names; its other fields are read by the parsers below. */
export function motionIdOf(form: FormData): number | null {
	const p = parseForm(motionForm, form);
	return p.ok ? p.data.motion : null;
}

type Counts = { yes: number; no: number; abstain: number };

// "All others for" leaves the yes count to the domain, so whatever was typed there is not read.
export const handsForm = z
	.object({
		motion: id(),
		othersYes: on(),
		yes: z.unknown(),
		no: count(),
		abstain: count()
	})
	.superRefine((f, ctx) => {
		if (!f.othersYes && !count().safeParse(f.yes).success)
			ctx.addIssue({ code: 'custom', path: ['yes'], message: m.meeting_refused_bad_tally() });
	});

/** A show of hands: three counts, or "all others for" with the against and abstaining counted. */
export function parseHands(
	form: FormData
): ParsedFor<Counts | { no: number; abstain: number; othersYes: true }> {
	const id = motionIdOf(form);
	const p = parseForm(handsForm, form);
	if (!p.ok) return { id, ...refused(m.meeting_refused_bad_tally(), undefined) };
	const { othersYes, yes, no, abstain } = p.data;
	const input = othersYes
		? { no, abstain, othersYes: true as const }
		: { yes: count().parse(yes), no, abstain };
	return { id, ...accepted(input, undefined) };
}

const BALLOT = 'choice-';
const unanswered = (v: unknown) => (posted(v) === '' ? undefined : v);

/**
 * The roll call's schema: one radio group per voter, named choice-<personId>, so its fields are
 * the groups the form holds. An unanswered group reads as nothing; a group not named after an id
 * is refused once answered.
 */
export function rollCallForm(form: FormData) {
	const badChoice = () => m.meeting_refused_bad_choice();
	const groups = [...new Set(form.keys())].filter((key) => key.startsWith(BALLOT));
	const ballot = (key: string) =>
		z.preprocess(
			unanswered,
			idParam(key.slice(BALLOT.length))
				? choice(CHOICES, badChoice).optional()
				: z.undefined({ error: badChoice })
		);
	return z.object({
		motion: id(),
		...Object.fromEntries(groups.map((key) => [key, ballot(key)]))
	});
}

/** Each voter's choice from radio groups named choice-<personId>; an unanswered voter is skipped. */
export function parseRollCall(form: FormData): ParsedFor<{ personId: number; choice: Choice }[]> {
	const id = motionIdOf(form);
	const p = parseForm(rollCallForm(form), form);
	if (!p.ok) return { id, ...refused(firstError(p.errors), undefined) };
	const ballots = Object.entries(p.data as Record<string, unknown>).flatMap(([key, choice]) =>
		key.startsWith(BALLOT) && choice
			? [{ personId: Number(key.slice(BALLOT.length)), choice: choice as Choice }]
			: []
	);
	if (!ballots.length) return { id, ...refused(m.mtg_console_no_ballots(), undefined) };
	return { id, ...accepted(ballots, undefined) };
}

/**
 * What a refused paper or roll-call list gives back to be shown as entered: each answered group
 * whose person reads as an id and whose answer is a choice, and the secret list's ticks, counts
 * and names. `entry` says which list it was, so the card shows the refusal beside that list.
 */
export function enteredValues(form: FormData, entry: 'rollCall' | 'secretPaper') {
	const values: Record<string, string> = { entry };
	for (const [key, v] of form) {
		const person = key.startsWith(BALLOT) ? idParam(key.slice(BALLOT.length)) : null;
		const answer = posted(v);
		if (person && (CHOICES as readonly string[]).includes(answer))
			values[`${BALLOT}${person}`] = answer;
		const voter = key === 'voter' ? idParam(answer) : null;
		if (voter) values[`voter-${voter}`] = '1';
	}
	if (entry === 'secretPaper')
		for (const key of ['yes', 'no', 'abstain', 'counter', 'scrutineer'])
			values[key] = echo(posted(form.get(key)), NAME_MAX);
	return values;
}

// The counter's and scrutineer's names are checked by the domain (its own message for a missing
// or long one); the text limit only keeps a paste from reaching it.
export const secretPaperForm = z.object({
	motion: id(),
	voter: ids(() => m.meeting_refused_not_on_roster()).pipe(
		z.array(z.number()).min(1, { error: () => m.mtg_console_no_ballots() })
	),
	yes: count(),
	no: count(),
	abstain: count(),
	counter: text(TEXT_MAX),
	scrutineer: text(TEXT_MAX)
});

/** Paper ballots of a secret vote: who handed one in, the counted totals, and who counted. */
export function parseSecretPaper(
	form: FormData
): ParsedFor<{ voters: number[]; counts: Counts; counter: string; scrutineer: string }> {
	const id = motionIdOf(form);
	const p = parseForm(secretPaperForm, form);
	if (!p.ok) {
		const tally = () => m.meeting_refused_bad_tally();
		const message = messageOf(p.errors, [
			['voter'],
			['yes', tally],
			['no', tally],
			['abstain', tally]
		]);
		return { id, ...refused(message, undefined) };
	}
	const { voter, yes, no, abstain, counter, scrutineer } = p.data;
	return {
		id,
		...accepted({ voters: voter, counts: { yes, no, abstain }, counter, scrutineer }, undefined)
	};
}

export const closeMeetingForm = z.object({ closeOpenMotions: on(), confirm: on() });

/** "Yes, close it": the second post, after the close answered with its numbers. */
export function confirmed(form: FormData): boolean {
	const p = parseForm(closeMeetingForm, form);
	return p.ok && p.data.confirm;
}

export function parseCloseMeeting(form: FormData) {
	const p = parseForm(closeMeetingForm, form);
	return {
		closeOpenMotions: p.ok && p.data.closeOpenMotions,
		confirmed: p.ok && p.data.confirm
	};
}

export const entrustForm = z.object({
	principal: id(() => m.entrust_principal()),
	proxy: id(() => m.entrust_proxy()),
	entrustedOn: text(10),
	note: text(ENTRUSTMENT_NOTE_MAX)
});

/** A written entrustment: who entrusts whom, the paper's date and the clerk's note. */
export function parseEntrust(
	form: FormData
): Parsed<
	{ principalId: number; proxyId: number; entrustedOn: string; note: string },
	FormValues<z.output<typeof entrustForm>>
> {
	const p = parseForm(entrustForm, form);
	if (!p.ok)
		return refused(
			messageOf(p.errors, [
				['principal', () => m.entrust_refused_principal_not_member()],
				['proxy', () => m.entrust_refused_proxy_unknown()],
				['entrustedOn', () => m.entrust_refused_bad_date()],
				['note', () => m.entrust_refused_bad_note({ max: ENTRUSTMENT_NOTE_MAX })]
			]),
			p.values
		);
	const { principal, proxy, entrustedOn, note } = p.data;
	return accepted({ principalId: principal, proxyId: proxy, entrustedOn, note }, p.values);
}
