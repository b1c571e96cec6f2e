// Minutes can be finished after the meeting (issue 15 item 3): the recorder's text stays editable
// after the close until an attendee confirms the minutes or the signed sheet is attested; from
// then on it is frozen (in the command and in the schema) and corrections are appended.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from './calling';
import { closeMeeting } from '../procedure/closing';
import { notifyMeeting, openMeeting } from './notice';
import { signIn } from './attendance';
import { listRoster } from './records';
import {
	appendCorrection,
	attestSignedSheet,
	confirmMinutes,
	minutesTextEditable,
	minutesTextOpen,
	setMinutesText
} from './minutes';
import { minutesOf } from './minutes-view';

let db: Db;
useDemoVillageDb((d) => (db = d));

const at = (date: string) => new Date(`${date}T02:00:00Z`);
const clerk = () => demoActor(db, '13800000001');

type Stage = 'open' | 'closed' | 'confirmed by an attendee' | 'signed sheet attested';

/** A party assembly with one attendee signed in and the text "初稿", brought to `stage`. */
function minutesAt(stage: Stage) {
	const v = demoVillageId(db);
	const c = clerk();
	const created = createMeeting(
		db,
		c,
		v,
		{ type: 'party_assembly', title: '党员大会', meetingDate: '2026-11-20' },
		{ now: at('2026-11-02') }
	);
	if (!created.ok) throw new Error(created.reason);
	const id = created.meeting.id;
	expect(addAgendaItem(db, c, v, id, { title: '村道硬化' }).ok).toBe(true);
	expect(notifyMeeting(db, c, v, id, { now: at('2026-11-02') }).ok).toBe(true);
	expect(openMeeting(db, c, v, id, { now: at('2026-11-20') }).ok).toBe(true);
	const attendee = listRoster(db, id).find((r) => r.voting)!.personId;
	expect(signIn(db, c, v, id, attendee).ok).toBe(true);
	expect(setMinutesText(db, c, v, id, '初稿').ok).toBe(true);
	if (stage !== 'open') expect(closeMeeting(db, c, v, id, { now: at('2026-11-20') }).ok).toBe(true);
	if (stage === 'confirmed by an attendee')
		expect(confirmMinutes(db, { ...c, personId: attendee, role: 'villager' }, v, id).ok).toBe(true);
	if (stage === 'signed sheet attested')
		expect(
			attestSignedSheet(db, c, v, id, {
				kind: 'image',
				storedName: `${id}-sheet.jpg`,
				originalName: '签字记录.jpg',
				mime: 'image/jpeg',
				size: 1234
			}).ok
		).toBe(true);
	return { v, id };
}

const edits = (id: number) =>
	db
		.prepare(
			"select before, after from audit where action = 'meeting.minutes_text_saved' and subject_id = ? order by id"
		)
		.all(String(id)) as { before: string | null; after: string }[];

describe('minutesTextEditable', () => {
	it.each([
		{ state: 'draft', confirmed: false, editable: true },
		{ state: 'notified', confirmed: false, editable: true },
		{ state: 'open', confirmed: false, editable: true },
		{ state: 'closed', confirmed: false, editable: true },
		{ state: 'closed', confirmed: true, editable: false }
	] as const)(
		'$state, confirmed $confirmed: editable $editable',
		({ state, confirmed, editable }) => {
			expect(minutesTextEditable(state, confirmed)).toBe(editable);
		}
	);
});

describe('the recorder’s text after the close', () => {
	it.each<{ stage: Stage; editable: boolean }>([
		{ stage: 'open', editable: true },
		{ stage: 'closed', editable: true },
		{ stage: 'confirmed by an attendee', editable: false },
		{ stage: 'signed sheet attested', editable: false }
	])('$stage: editable $editable, every edit audited', ({ stage, editable }) => {
		const { v, id } = minutesAt(stage);
		const before = edits(id).length;
		expect(minutesTextOpen(db, minutesOf(db, v, id)!.meeting)).toBe(editable);
		const r = setMinutesText(db, clerk(), v, id, '会议由李建国主持，讨论了村道硬化。');
		expect(r).toEqual(editable ? { ok: true } : { ok: false, reason: 'confirmed' });
		expect(minutesOf(db, v, id)!.meeting.minutes).toBe(
			editable ? '会议由李建国主持，讨论了村道硬化。' : '初稿'
		);
		expect(edits(id).length).toBe(before + (editable ? 1 : 0));
		if (editable && stage === 'closed') {
			const last = edits(id).at(-1)!;
			expect(JSON.parse(last.before!)).toEqual({ text: '初稿' });
			expect(JSON.parse(last.after)).toEqual({
				length: 17,
				text: '会议由李建国主持，讨论了村道硬化。',
				afterClose: true
			});
		}
		if (!editable)
			expect(
				appendCorrection(db, clerk(), v, id, { text: '补充：会议 11 时结束。', reason: '漏记' }).ok,
				'a correction is appended instead'
			).toBe(true);
	});

	it('the schema holds it too: confirmed text never changes, nor anything else of a closed meeting', () => {
		const open = minutesAt('closed');
		db.prepare("update meetings set minutes = '直接改' where id = ?").run(open.id);
		const columns = (
			db.prepare('pragma table_info(meetings)').all() as { name: string; type: string }[]
		).filter((c) => c.name !== 'minutes');
		expect(columns.length).toBeGreaterThan(20);
		for (const c of columns) {
			const changed =
				c.type === 'INTEGER' ? `coalesce(${c.name}, 0) + 1` : `coalesce(${c.name}, '') || 'x'`;
			expect(
				() => db.prepare(`update meetings set ${c.name} = ${changed} where id = ?`).run(open.id),
				c.name
			).toThrow(/closed meeting never changes/);
		}
		const confirmed = minutesAt('confirmed by an attendee');
		expect(() =>
			db.prepare("update meetings set minutes = '直接改' where id = ?").run(confirmed.id)
		).toThrow(/confirmed minutes never change/);
		const attested = minutesAt('signed sheet attested');
		expect(() =>
			db.prepare("update meetings set minutes = '直接改' where id = ?").run(attested.id)
		).toThrow(/confirmed minutes never change/);
	});
});
