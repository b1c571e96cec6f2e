import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import {
	acknowledgeFiling,
	fileRulesVersion,
	filingDaysOf,
	filingOf,
	filingState,
	filingsToSend,
	type Filing
} from './filing';
import { recordExistingText } from './recording';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const now = new Date('2026-03-20T02:00:00Z');

function version(adoptedOn = '2026-03-01'): number {
	const r = recordExistingText(
		db,
		clerk(),
		village(),
		{
			kind: 'village_rules',
			title: '新阳村村规民约',
			text: '第一条 甲。',
			source: '2026年村民会议通过',
			adoptedOn,
			effectiveOn: adoptedOn
		},
		{ now }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.version.id;
}

const filing = (over: Partial<Filing>): Filing => ({
	versionId: 1,
	dueOn: '2026-03-11',
	filedOn: null,
	acknowledgedOn: null,
	acknowledgedByName: null,
	note: '',
	...over
});

describe('filingState', () => {
	it.each([
		['before the due day', filing({}), '2026-03-10', 'due'],
		['on the due day', filing({}), '2026-03-11', 'due'],
		['the day after, unsent', filing({}), '2026-03-12', 'overdue'],
		['sent late, not yet acknowledged', filing({ filedOn: '2026-03-15' }), '2026-03-20', 'filed'],
		[
			'acknowledged',
			filing({ filedOn: '2026-03-05', acknowledgedOn: '2026-03-09' }),
			'2026-03-20',
			'acknowledged'
		]
	] as const)('%s', (_, f, today, state) => {
		expect(filingState(f, today)).toBe(state);
	});
});

describe('the filing period', () => {
	it.each([
		['unset: the guidance', '{}', 10],
		['the village sets 15', '{"rulesFilingDays":15}', 15],
		['nonsense falls back', '{"rulesFilingDays":-3}', 10]
	])('%s', (_, settings, days) => {
		db.prepare('update villages set settings = ? where id = ?').run(settings, village());
		expect(filingDaysOf(db, village())).toBe(days);
		const id = version();
		expect(filingOf(db, id)!.dueOn).toBe(`2026-03-${String(1 + days).padStart(2, '0')}`);
	});
});

describe('fileRulesVersion and acknowledgeFiling', () => {
	it('records the sending and the receipt; the dashboard line empties', () => {
		const id = version();
		expect(filingsToSend(db, village(), '2026-03-20').map((f) => f.state)).toEqual(['overdue']);
		expect(
			fileRulesVersion(
				db,
				clerk(),
				village(),
				id,
				{ filedOn: '2026-03-09', note: '报送镇民政办' },
				{ now }
			)
		).toMatchObject({ ok: true, filing: { filedOn: '2026-03-09', note: '报送镇民政办' } });
		expect(filingsToSend(db, village(), '2026-03-20')).toEqual([]);
		expect(
			acknowledgeFiling(
				db,
				clerk(),
				village(),
				id,
				{ acknowledgedOn: '2026-03-12', byName: '王主任' },
				{ now }
			)
		).toMatchObject({
			ok: true,
			filing: { acknowledgedOn: '2026-03-12', acknowledgedByName: '王主任' }
		});
		expect(
			db
				.prepare("select action from audit where subject_type = 'rules_version' order by id")
				.pluck()
				.all()
		).toEqual(['rules_version.filed', 'rules_version.filing_acknowledged']);
	});

	it.each([
		['a villager', true, { filedOn: '2026-03-09', note: '' }, 'forbidden'],
		['not a date', false, { filedOn: '2026-3-9', note: '' }, 'bad_date'],
		['before adoption', false, { filedOn: '2026-02-28', note: '' }, 'before_adoption'],
		['in the future', false, { filedOn: '2026-03-21', note: '' }, 'in_future'],
		['a note too long', false, { filedOn: '2026-03-09', note: '长'.repeat(1001) }, 'note_too_long']
	])('refuses filing by %s', (_, villager, input, reason) => {
		const id = version();
		const who = villager ? demoActor(db, '13800000003') : clerk();
		expect(fileRulesVersion(db, who, village(), id, input, { now })).toEqual({ ok: false, reason });
		expect(filingOf(db, id)!.filedOn).toBeNull();
	});

	it('refuses filing twice and acknowledging before filing or before the day sent', () => {
		const id = version();
		const ack = (acknowledgedOn: string, byName = '王主任') =>
			acknowledgeFiling(db, clerk(), village(), id, { acknowledgedOn, byName }, { now });
		expect(ack('2026-03-12')).toEqual({ ok: false, reason: 'not_filed' });
		expect(
			fileRulesVersion(db, clerk(), village(), id, { filedOn: '2026-03-09', note: '' }, { now }).ok
		).toBe(true);
		expect(
			fileRulesVersion(db, clerk(), village(), id, { filedOn: '2026-03-10', note: '' }, { now })
		).toEqual({
			ok: false,
			reason: 'already_filed'
		});
		expect(ack('2026-03-08')).toEqual({ ok: false, reason: 'before_filing' });
		expect(ack('2026-03-12', ' ')).toEqual({ ok: false, reason: 'bad_name' });
		expect(ack('2026-03-21')).toEqual({ ok: false, reason: 'in_future' });
		expect(ack('2026-03-12').ok).toBe(true);
		expect(ack('2026-03-13')).toEqual({ ok: false, reason: 'already_acknowledged' });
	});

	it('refuses the clerk filing in another village', () => {
		const id = version();
		const other = Number(
			db
				.prepare("insert into villages (slug, name, created_at) values ('yicun', '乙村', 'x')")
				.run().lastInsertRowid
		);
		expect(
			fileRulesVersion(db, clerk(), other, id, { filedOn: '2026-03-09', note: '' }, { now })
		).toEqual({ ok: false, reason: 'forbidden' });
	});
});
