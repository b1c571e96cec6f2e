import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import {
	NAME_MAX,
	TEXT_MAX,
	TITLE_MAX,
	parseAddAgenda,
	parseAddGuest,
	parseAddSpeech,
	parseCloseMeeting,
	parseCreateMotion,
	parseEdit,
	parseHands,
	parsePresence,
	parseRollCall,
	parseSecretPaper,
	enteredValues
} from './console-forms';
import { parseNotify, parseReNotice } from './notice-forms';
import { EMERGENCY_REASON_MAX } from './notice';
import { AGENDA_MATERIALS_MAX } from './calling';
import { meetingRefusalMessage } from './messages';

/** A form from [name, value] pairs; a repeated name is a repeated field. */
function form(...pairs: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of pairs) f.append(k, v);
	return f;
}

const long = (n: number) => '议'.repeat(n);

describe('a count typed by the clerk', () => {
	it.each([
		['', 0],
		['0', 0],
		['17', 17],
		['99999', 99999],
		['100000', null],
		['-1', null],
		['1.5', null],
		['1e3', null],
		[' 3', 3],
		['三', null]
	])('%j → %j', (value, expected) => {
		const p = parseHands(form(['motion', '3'], ['yes', '1'], ['no', value]));
		expect(p.ok ? p.input.no : null).toBe(expected);
	});
});

describe('parseAddAgenda', () => {
	it('reads the title, an optional topic and materials, dropping NUL and zero-width characters', () => {
		const p = parseAddAgenda(
			form(['title', ' 修\u0000路\u200b '], ['topic', '7'], ['materials', '预算'])
		);
		expect(p).toEqual({
			ok: true,
			input: { title: '修路', topicId: 7, materials: '预算' },
			values: { title: '修路', materials: '预算' }
		});
		expect(parseAddAgenda(form(['title', '修路'])).ok && parseAddAgenda(form()).ok).toBe(true);
	});

	it.each([
		['a topic that is not an id', [['topic', 'x7']], m.meeting_refused_bad_topic()],
		['a zero topic', [['topic', '0']], m.meeting_refused_bad_topic()],
		[
			'a title over the limit',
			[['title', long(TITLE_MAX + 1)]],
			meetingRefusalMessage('bad_title')
		],
		[
			'materials over the limit',
			[['materials', long(AGENDA_MATERIALS_MAX + 1)]],
			meetingRefusalMessage('bad_materials')
		]
	] as [string, [string, string][], string][])('refuses %s', (_, pairs, message) => {
		expect(parseAddAgenda(form(...pairs))).toMatchObject({ ok: false, message });
	});

	it('refuses an over-long title whole and echoes back no more than the field holds', () => {
		const p = parseAddAgenda(form(['title', long(TITLE_MAX + 50)]));
		expect(p.ok).toBe(false);
		expect(p.values.title).toBe(long(TITLE_MAX));
	});

	it('takes a title exactly at the limit uncut', () => {
		const p = parseAddAgenda(form(['title', long(TITLE_MAX)]));
		expect(p.ok && p.input.title).toBe(long(TITLE_MAX));
	});
});

describe('parseEdit', () => {
	const good: [string, string][] = [
		['title', '村民会议'],
		['meetingDate', '2026-12-01'],
		['startsAt', '09:00'],
		['place', '祠堂'],
		['chairPersonId', '3'],
		['recorderPersonId', '']
	];

	it('reads every field; an empty officer is none', () => {
		expect(parseEdit(form(...good))).toMatchObject({
			ok: true,
			input: {
				title: '村民会议',
				meetingDate: '2026-12-01',
				startsAt: '09:00',
				place: '祠堂',
				chairPersonId: 3,
				recorderPersonId: null
			}
		});
	});

	it.each([
		['chairPersonId', 'abc', m.meeting_refused_bad_person()],
		['recorderPersonId', '-2', m.meeting_refused_bad_person()],
		['title', long(TITLE_MAX + 1), meetingRefusalMessage('bad_title')],
		['place', long(101), meetingRefusalMessage('bad_place')]
	])('refuses a bad %s, echoing the form', (name, value, message) => {
		const pairs = good.map(([k, v]): [string, string] => [k, k === name ? value : v]);
		const p = parseEdit(form(...pairs));
		expect(p).toMatchObject({ ok: false, message, values: { meetingDate: '2026-12-01' } });
	});
});

describe('parseNotify', () => {
	it('reads each attendee id; none is an empty list', () => {
		expect(parseNotify(form(['attendee', '4'], ['attendee', '9']))).toMatchObject({
			ok: true,
			input: { attendees: [4, 9] }
		});
		expect(parseNotify(form())).toMatchObject({ ok: true, input: { attendees: [] } });
	});

	it.each(['', 'x', '1.5', '0', '9'.repeat(16)])('refuses an attendee %j', (bad) => {
		expect(parseNotify(form(['attendee', '4'], ['attendee', bad]))).toEqual({
			ok: false,
			message: m.meeting_refused_bad_attendee(),
			values: { reason: '' }
		});
	});

	it('reads a temporary notice reason, trimmed; refuses one over the limit, echoed cut', () => {
		expect(parseNotify(form(['reason', '  台风过境  ']))).toMatchObject({
			ok: true,
			input: { emergencyReason: '台风过境' }
		});
		const long = '因'.repeat(EMERGENCY_REASON_MAX + 1);
		expect(parseNotify(form(['reason', long]))).toEqual({
			ok: false,
			message: m.error_too_long({ max: EMERGENCY_REASON_MAX }),
			values: { reason: '因'.repeat(EMERGENCY_REASON_MAX) }
		});
	});
});

describe('parseReNotice', () => {
	it('reads the new date, time and reason for the domain to check', () => {
		expect(
			parseReNotice(form(['meetingDate', '2026-11-22'], ['startsAt', '14:30'], ['reason', '']))
		).toMatchObject({
			ok: true,
			input: { meetingDate: '2026-11-22', startsAt: '14:30', emergencyReason: '' }
		});
	});

	it('refuses a reason over the limit', () => {
		const long = '因'.repeat(EMERGENCY_REASON_MAX + 1);
		expect(parseReNotice(form(['meetingDate', '2026-11-22'], ['reason', long]))).toMatchObject({
			ok: false,
			message: m.error_too_long({ max: EMERGENCY_REASON_MAX })
		});
	});
});

describe('parseAddGuest', () => {
	it('reads kind, name and position', () => {
		expect(
			parseAddGuest(form(['kind', 'township'], ['name', '李\u202e明'], ['position', '镇干部']))
		).toMatchObject({ ok: true, input: { kind: 'township', name: '李明', position: '镇干部' } });
	});

	it.each([
		['no kind', [['name', '李明']], m.error_choose_one()],
		['an unknown kind', [['kind', 'mayor']], m.error_choose_one()],
		[
			'an over-long name',
			[
				['kind', 'observer'],
				['name', long(NAME_MAX + 1)]
			],
			meetingRefusalMessage('bad_name')
		],
		[
			'an over-long position',
			[
				['kind', 'observer'],
				['name', '李明'],
				['position', long(NAME_MAX + 1)]
			],
			m.error_too_long({ max: NAME_MAX })
		]
	] as [string, [string, string][], string][])('refuses %s', (_, pairs, message) => {
		expect(parseAddGuest(form(...pairs))).toMatchObject({ ok: false, message });
	});
});

describe('parsePresence', () => {
	it('reads the person and keeps the roster search for the way back', () => {
		expect(parsePresence(form(['person', '12'], ['q', ' 王 ']))).toEqual({
			personId: 12,
			query: `?q=${encodeURIComponent('王')}`
		});
	});

	it('reads a non-numeric person as none and a long search shortened', () => {
		const p = parsePresence(form(['person', '12a'], ['q', 'x'.repeat(100)]));
		expect(p).toEqual({ personId: null, query: `?q=${'x'.repeat(32)}` });
	});
});

describe('parseAddSpeech', () => {
	it('reads a picked attendee, ignoring a typed name', () => {
		const p = parseAddSpeech(
			form(['item', '5'], ['person', '8'], ['speakerName', long(99)], ['summary', '同意'])
		);
		expect(p).toMatchObject({ id: 5, ok: true, input: { personId: 8, summary: '同意' } });
	});

	it('reads a typed name for a guest', () => {
		const p = parseAddSpeech(form(['item', '5'], ['speakerName', '镇干部'], ['summary', '说明']));
		expect(p).toMatchObject({ id: 5, ok: true, input: { personId: null, speakerName: '镇干部' } });
	});

	it.each([
		['a person that is not an id', [['person', 'p8']], m.meeting_refused_not_on_roster()],
		['no speaker at all', [['summary', '同意']], m.mtg_console_speaker_required()],
		[
			'an over-long summary',
			[
				['speakerName', '王'],
				['summary', long(TEXT_MAX + 1)]
			],
			meetingRefusalMessage('bad_text')
		],
		[
			'an over-long typed name',
			[
				['speakerName', long(NAME_MAX + 1)],
				['summary', '同意']
			],
			meetingRefusalMessage('bad_text')
		]
	] as [string, [string, string][], string][])('refuses %s', (_, pairs, message) => {
		const p = parseAddSpeech(form(['item', '5'], ...pairs));
		expect(p).toMatchObject({ id: 5, ok: false, message });
		expect(p.values.summary.length).toBeLessThanOrEqual(TEXT_MAX);
	});

	it('asks for the speaker before refusing an over-long summary', () => {
		const p = parseAddSpeech(form(['item', '5'], ['summary', long(TEXT_MAX + 1)]));
		expect(p).toMatchObject({ id: 5, ok: false, message: m.mtg_console_speaker_required() });
	});

	it('reads a non-numeric item as no item', () => {
		expect(parseAddSpeech(form(['item', '5x'], ['speakerName', '王'])).id).toBeNull();
	});
});

describe('parseCreateMotion', () => {
	it.each(['hands', 'roll_call', 'named', 'secret'])('reads the method %s', (method) => {
		const p = parseCreateMotion(form(['item', '2'], ['method', method], ['text', '同意修路']));
		expect(p).toMatchObject({ id: 2, ok: true, input: { method, text: '同意修路' } });
	});

	it.each([
		['', '同意', m.meeting_refused_bad_method()],
		['HANDS', '同意', m.meeting_refused_bad_method()],
		['hands', long(TEXT_MAX + 1), meetingRefusalMessage('bad_text')]
	])('refuses method %j with text %#', (method, text, message) => {
		expect(
			parseCreateMotion(form(['item', '2'], ['method', method], ['text', text]))
		).toMatchObject({ ok: false, message });
	});
});

describe('parseHands', () => {
	it('reads three counts; an empty one is 0', () => {
		expect(parseHands(form(['motion', '3'], ['yes', '12'], ['no', '2']))).toMatchObject({
			id: 3,
			ok: true,
			input: { yes: 12, no: 2, abstain: 0 }
		});
	});

	it('reads "all others for" without a yes count', () => {
		const p = parseHands(form(['motion', '3'], ['othersYes', '1'], ['yes', 'x'], ['no', '1']));
		expect(p).toMatchObject({ ok: true, input: { no: 1, abstain: 0, othersYes: true } });
	});

	it.each([
		['yes', '-1'],
		['no', '100000'],
		['abstain', '2.5'],
		['yes', '十']
	])('refuses %s = %j', (name, value) => {
		expect(parseHands(form(['motion', '3'], [name, value]))).toMatchObject({
			id: 3,
			ok: false,
			message: m.meeting_refused_bad_tally()
		});
	});

	it.each(['', 'abc', '0', '3; drop'])('reads motion %j as no motion', (motion) => {
		expect(parseHands(form(['motion', motion])).id).toBeNull();
	});
});

describe('parseRollCall', () => {
	it('reads each answered voter and skips the unanswered', () => {
		const p = parseRollCall(
			form(['motion', '4'], ['choice-7', 'yes'], ['choice-8', ''], ['choice-9', 'abstain'])
		);
		expect(p).toMatchObject({
			id: 4,
			ok: true,
			input: [
				{ personId: 7, choice: 'yes' },
				{ personId: 9, choice: 'abstain' }
			]
		});
	});

	it('skips an unanswered group even when it is not named after a voter', () => {
		const p = parseRollCall(form(['motion', '4'], ['choice-x', ''], ['choice-7', 'no']));
		expect(p).toMatchObject({ ok: true, input: [{ personId: 7, choice: 'no' }] });
	});

	it.each([
		[[['choice-7', 'maybe']], m.meeting_refused_bad_choice()],
		[[['choice-x', 'yes']], m.meeting_refused_bad_choice()],
		[[['choice-7', '']], m.mtg_console_no_ballots()],
		[[], m.mtg_console_no_ballots()]
	] as [[string, string][], string][])('refuses %j', (pairs, message) => {
		expect(parseRollCall(form(['motion', '4'], ...pairs))).toMatchObject({ ok: false, message });
	});
});

describe('parseSecretPaper', () => {
	const counted: [string, string][] = [
		['yes', '3'],
		['no', '1'],
		['counter', '张三'],
		['scrutineer', '李四\u200b']
	];

	it('reads the voters, the counts and who counted', () => {
		const p = parseSecretPaper(form(['motion', '6'], ['voter', '1'], ['voter', '2'], ...counted));
		expect(p).toMatchObject({
			id: 6,
			ok: true,
			input: {
				voters: [1, 2],
				counts: { yes: 3, no: 1, abstain: 0 },
				counter: '张三',
				scrutineer: '李四'
			}
		});
	});

	it.each([
		[[['voter', 'x'], ...counted], m.meeting_refused_not_on_roster()],
		[counted, m.mtg_console_no_ballots()],
		[
			[
				['voter', '1'],
				['yes', '1e2']
			],
			m.meeting_refused_bad_tally()
		]
	] as [[string, string][], string][])('refuses %j', (pairs, message) => {
		expect(parseSecretPaper(form(['motion', '6'], ...pairs))).toMatchObject({
			ok: false,
			message
		});
	});
});

describe('parseCloseMeeting', () => {
	it('reads each option only when it is exactly 1', () => {
		expect(parseCloseMeeting(form(['closeOpenMotions', '1'], ['confirm', 'yes']))).toEqual({
			closeOpenMotions: true,
			confirmed: false
		});
	});
});

describe('enteredValues', () => {
	it.each<{
		case: string;
		pairs: [string, string][];
		entry: 'rollCall' | 'secretPaper';
		values: Record<string, string>;
	}>([
		{
			case: '不登记 (empty) rows stay unrecorded; answered rows come back as entered',
			pairs: [
				['motion', '4'],
				['choice-7', 'yes'],
				['choice-8', ''],
				['choice-9', 'abstain']
			],
			entry: 'rollCall',
			values: { entry: 'rollCall', 'choice-7': 'yes', 'choice-9': 'abstain' }
		},
		{
			case: 'a made-up choice or person is not echoed',
			pairs: [
				['choice-7', 'maybe'],
				['choice-x', 'yes'],
				['choice-0', 'no'],
				['choice-12', 'no']
			],
			entry: 'rollCall',
			values: { entry: 'rollCall', 'choice-12': 'no' }
		},
		{
			case: 'the secret list: ticks, counts and names, bounded',
			pairs: [
				['voter', '7'],
				['voter', 'x'],
				['voter', '9'],
				['yes', '2'],
				['no', ''],
				['counter', '孙红梅'],
				['scrutineer', long(NAME_MAX + 5)]
			],
			entry: 'secretPaper',
			values: {
				entry: 'secretPaper',
				'voter-7': '1',
				'voter-9': '1',
				yes: '2',
				no: '',
				abstain: '',
				counter: '孙红梅',
				scrutineer: long(NAME_MAX)
			}
		}
	])('$case', ({ pairs, entry, values }) => {
		expect(enteredValues(form(...pairs), entry)).toEqual(values);
	});
});
