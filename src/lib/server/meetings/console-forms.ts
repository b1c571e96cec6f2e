// The meeting console's forms, read and checked before anything touches the database: each
// parser turns one action's FormData into typed input or the message the clerk sees. Text over its
// limit is refused with the domain's own message, never cut short into something the clerk did not
// type; only the values echoed back into the form are bounded, so a 1 MB paste is not sent back.
import { m } from '$lib/paraglide/messages';
import { field } from '../forms';
import { idParam } from '../villages/context';
import { AGENDA_MATERIALS_MAX } from './calling';
import { CHOICES, METHODS, type Choice, type Method } from './records';
import { meetingRefusalMessage } from './messages';

/** Limits the domain enforces too (meetings.ts); the parser refuses first so nothing is cut. */
export const TITLE_MAX = 100;
export const PLACE_MAX = 100;
export const NAME_MAX = 32;
export const TEXT_MAX = 2000;
const SEARCH_MAX = 32;

export type Parsed<T, V = undefined> =
	{ ok: true; input: T; values: V } | { ok: false; message: string; values: V };

/** A form about one motion or agenda item: the id comes first, as the route looks it up first. */
export type ParsedFor<T, V = undefined> = Parsed<T, V> & { id: number | null };

const refused = <V>(message: string, values: V) => ({ ok: false as const, message, values });
const accepted = <T, V>(input: T, values: V) => ({ ok: true as const, input, values });

/** What goes back into a refused form: at most what its field holds. */
const echo = (value: string, max: number) => value.slice(0, max);

/** An optional id field: '' is none, anything else must be an id. */
function optionalId(form: FormData, name: string): { id: number | null; bad: boolean } {
	const value = field(form, name);
	const id = value ? idParam(value) : null;
	return { id, bad: value !== '' && id === null };
}

/** Every value of a repeated id field, or null if one of them is not an id. */
function ids(form: FormData, name: string): number[] | null {
	const out: number[] = [];
	for (const value of form.getAll(name)) {
		const id = typeof value === 'string' ? idParam(value) : null;
		if (!id) return null;
		out.push(id);
	}
	return out;
}

/** A count typed by the clerk: a whole number from 0 to 99999, else null. Empty reads as 0. */
export function parseCount(value: string): number | null {
	if (value === '') return 0;
	if (!/^\d{1,5}$/.test(value)) return null;
	return Number(value);
}

/** A roster search: a query string, not stored, so a long one is simply shortened. */
export const searchText = (value: string | null) => (value ?? '').trim().slice(0, SEARCH_MAX);

export function parseAddAgenda(form: FormData) {
	const title = field(form, 'title');
	const materials = field(form, 'materials');
	const values = {
		title: echo(title, TITLE_MAX),
		materials: echo(materials, AGENDA_MATERIALS_MAX)
	};
	const topic = optionalId(form, 'topic');
	if (topic.bad) return refused(m.meeting_refused_bad_topic(), values);
	if (title.length > TITLE_MAX) return refused(meetingRefusalMessage('bad_title'), values);
	if (materials.length > AGENDA_MATERIALS_MAX)
		return refused(meetingRefusalMessage('bad_materials'), values);
	return accepted({ title, topicId: topic.id, materials }, values);
}

export function parseEdit(form: FormData) {
	const values = {
		title: field(form, 'title'),
		meetingDate: field(form, 'meetingDate'),
		startsAt: field(form, 'startsAt'),
		place: field(form, 'place'),
		chairPersonId: field(form, 'chairPersonId'),
		recorderPersonId: field(form, 'recorderPersonId')
	};
	const { title, place } = values;
	const echoed = { ...values, title: echo(title, TITLE_MAX), place: echo(place, PLACE_MAX) };
	const chair = optionalId(form, 'chairPersonId');
	const recorder = optionalId(form, 'recorderPersonId');
	if (chair.bad || recorder.bad) return refused(m.meeting_refused_bad_person(), echoed);
	if (title.length > TITLE_MAX) return refused(meetingRefusalMessage('bad_title'), echoed);
	if (place.length > PLACE_MAX) return refused(meetingRefusalMessage('bad_place'), echoed);
	return accepted(
		{
			title,
			meetingDate: values.meetingDate,
			startsAt: values.startsAt,
			place,
			chairPersonId: chair.id,
			recorderPersonId: recorder.id
		},
		echoed
	);
}

export function parseNotify(form: FormData): Parsed<{ attendees: number[] }> {
	const attendees = ids(form, 'attendee');
	if (!attendees) return refused(m.meeting_refused_bad_attendee(), undefined);
	return accepted({ attendees }, undefined);
}

export function parseAddGuest(
	form: FormData
): Parsed<{ kind: 'observer' | 'township'; name: string; position: string }> {
	const kind = field(form, 'kind');
	const name = field(form, 'name');
	const position = field(form, 'position');
	if (kind !== 'observer' && kind !== 'township') return refused(m.error_choose_one(), undefined);
	if (name.length > NAME_MAX) return refused(meetingRefusalMessage('bad_name'), undefined);
	if (position.length > NAME_MAX) return refused(m.error_too_long({ max: NAME_MAX }), undefined);
	return accepted({ kind, name, position }, undefined);
}

/** Sign-in and leaving: the attendee, and the roster search to come back to. */
export function parsePresence(form: FormData): { personId: number | null; query: string } {
	const q = searchText(field(form, 'q'));
	return {
		personId: idParam(field(form, 'person')),
		query: q ? `?q=${encodeURIComponent(q)}` : ''
	};
}

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
	const id = idParam(field(form, 'item'));
	const summary = field(form, 'summary');
	const speakerName = field(form, 'speakerName');
	const values = { summary: echo(summary, TEXT_MAX), speakerName: echo(speakerName, NAME_MAX) };
	const person = optionalId(form, 'person');
	if (person.bad) return { id, ...refused(m.meeting_refused_not_on_roster(), values) };
	if (!person.id && !speakerName)
		return { id, ...refused(m.mtg_console_speaker_required(), values) };
	if (summary.length > TEXT_MAX || (!person.id && speakerName.length > NAME_MAX))
		return { id, ...refused(meetingRefusalMessage('bad_text'), values) };
	return { id, ...accepted({ personId: person.id, speakerName, summary }, values) };
}

export function parseCreateMotion(
	form: FormData
): ParsedFor<{ text: string; method: Method }, { text: string }> {
	const id = idParam(field(form, 'item'));
	const method = field(form, 'method');
	const text = field(form, 'text');
	const values = { text: echo(text, TEXT_MAX) };
	if (!(METHODS as readonly string[]).includes(method))
		return { id, ...refused(m.meeting_refused_bad_method(), values) };
	if (text.length > TEXT_MAX) return { id, ...refused(meetingRefusalMessage('bad_text'), values) };
	return { id, ...accepted({ text, method: method as Method }, values) };
}

/** The motion a form names; its other fields are read by the parsers below. */
export const motionIdOf = (form: FormData) => idParam(field(form, 'motion'));

type Counts = { yes: number; no: number; abstain: number };

function counts(form: FormData, othersYes = false): Counts | null {
	const yes = othersYes ? 0 : parseCount(field(form, 'yes'));
	const no = parseCount(field(form, 'no'));
	const abstain = parseCount(field(form, 'abstain'));
	return yes === null || no === null || abstain === null ? null : { yes, no, abstain };
}

/** A show of hands: three counts, or "all others for" with the against and abstaining counted. */
export function parseHands(
	form: FormData
): ParsedFor<
	{ yes: number; no: number; abstain: number } | { no: number; abstain: number; othersYes: true }
> {
	const id = motionIdOf(form);
	const othersYes = field(form, 'othersYes') === '1';
	const c = counts(form, othersYes);
	if (!c) return { id, ...refused(m.meeting_refused_bad_tally(), undefined) };
	const input = othersYes ? { no: c.no, abstain: c.abstain, othersYes: true as const } : c;
	return { id, ...accepted(input, undefined) };
}

/** Each voter's choice from radio groups named choice-<personId>; an unanswered voter is skipped. */
export function parseRollCall(form: FormData): ParsedFor<{ personId: number; choice: Choice }[]> {
	const id = motionIdOf(form);
	const ballots: { personId: number; choice: Choice }[] = [];
	for (const [key, value] of form) {
		if (!key.startsWith('choice-') || value === '') continue;
		const personId = idParam(key.slice('choice-'.length));
		if (!personId || !(CHOICES as readonly unknown[]).includes(value))
			return { id, ...refused(m.meeting_refused_bad_choice(), undefined) };
		ballots.push({ personId, choice: value as Choice });
	}
	if (!ballots.length) return { id, ...refused(m.mtg_console_no_ballots(), undefined) };
	return { id, ...accepted(ballots, undefined) };
}

/** Paper ballots of a secret vote: who handed one in, the counted totals, and who counted. */
export function parseSecretPaper(
	form: FormData
): ParsedFor<{ voters: number[]; counts: Counts; counter: string; scrutineer: string }> {
	const id = motionIdOf(form);
	const voters = ids(form, 'voter');
	if (!voters) return { id, ...refused(m.meeting_refused_not_on_roster(), undefined) };
	if (!voters.length) return { id, ...refused(m.mtg_console_no_ballots(), undefined) };
	const c = counts(form);
	if (!c) return { id, ...refused(m.meeting_refused_bad_tally(), undefined) };
	const input = {
		voters,
		counts: c,
		counter: field(form, 'counter'),
		scrutineer: field(form, 'scrutineer')
	};
	return { id, ...accepted(input, undefined) };
}

/** "Yes, close it": the second step after the few-ballots warning. */
export const confirmed = (form: FormData) => field(form, 'confirm') === '1';

export const parseCloseMeeting = (form: FormData) => ({
	closeOpenMotions: field(form, 'closeOpenMotions') === '1',
	confirmFewBallots: confirmed(form)
});
