import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { seedDemo } from '../seed/demo';
import { demoActor, demoVillageId } from '../seed/demo-test-db';
import { addDays, todayInChina } from '../calendar/dates';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { resolutionView } from '../procedure/view';
import { postNotice } from '../notices/notices';
import { MASK, datasetRows, type RecordsInput } from './records';
import { DATASETS, SCHEMA, type Dataset } from './schema';
import { datasetCsv, datasetJsonPage } from './publish';

let db: Db;
let cleanup: () => void;
let input: RecordsInput;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
	input = {
		villageId: demoVillageId(db),
		slug: 'xinyang',
		today: todayInChina(),
		origin: 'https://example.org'
	};
}, 120_000);
afterAll(() => cleanup());

/**
 * Every column each dataset may carry, written out here and not read from the schema: a column
 * added to the data fails this list until someone decides it is public.
 */
const ALLOWED: Record<Dataset, string[]> = {
	notices: [
		'number',
		'kind',
		'title',
		'summary',
		'posted_on',
		'posted_until',
		'objections_until',
		'corrects_number',
		'resolution_number',
		'link'
	],
	resolutions: [
		'number',
		'text',
		'adopted_on',
		'meeting_type',
		'meeting_title',
		'meeting_date',
		'method',
		'votes_for',
		'votes_against',
		'votes_abstain',
		'entitled',
		'present',
		'quorum_check',
		'quorum_met',
		'pass_rule',
		'pass_check',
		'passed',
		'notice_number',
		'link'
	],
	'meeting-notices': [
		'notice_number',
		'meeting_type',
		'title',
		'meeting_date',
		'starts_at',
		'ends_at',
		'place',
		'agenda',
		'temporary',
		'posted_on',
		'meeting_state',
		'link'
	],
	implementations: [
		'topic_number',
		'title',
		'resolution_number',
		'budget_yuan',
		'spent_yuan',
		'over_budget',
		'progress_percent',
		'last_reported_on',
		'state',
		'completed_on',
		'result_notice_number'
	]
};

describe('the open datasets', () => {
	it.each(DATASETS)('%s: every row has exactly the allowed columns, in the schema order', (d) => {
		const rows = datasetRows(db, d, input);
		expect(rows.length).toBeGreaterThan(0);
		expect(SCHEMA[d].map((f) => f.key)).toEqual(ALLOWED[d]);
		for (const row of rows) expect(Object.keys(row)).toEqual(ALLOWED[d]);
		// A value fits its declared type; null only where the schema allows it.
		for (const f of SCHEMA[d])
			for (const row of rows) {
				const v = row[f.key];
				if (v === null) expect(f.nullable, `${d}.${f.key}`).toBe(true);
				else if (f.type === 'integer') expect(Number.isInteger(v), `${d}.${f.key}`).toBe(true);
				else if (f.type === 'decimal') expect(typeof v).toBe('number');
				else if (f.type === 'boolean') expect(typeof v).toBe('boolean');
				else if (f.type === 'text[]') expect(Array.isArray(v)).toBe(true);
				else if (f.type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				else if (f.type === 'url') expect(v).toMatch(/^https:\/\/example\.org\/xinyang\//);
				else expect(typeof v).toBe('string');
			}
	});

	it('names no column after a person, a phone or an id', () => {
		for (const d of DATASETS)
			for (const f of SCHEMA[d]) expect(f.key).not.toMatch(/name|phone|person|user|_id$|^id$/);
	});

	it('carries no name or phone of anyone on the roster or with an account, in CSV or JSON', () => {
		const names = db
			.prepare('select distinct name from people union select name from users')
			.pluck()
			.all() as string[];
		const phones = db
			.prepare('select phone from people where phone is not null union select phone from users')
			.pluck()
			.all() as string[];
		expect(names).toContain('张秀英');
		expect(phones).toContain('13800000003');
		const output = DATASETS.flatMap((d) => {
			const rows = datasetRows(db, d, input);
			return [
				datasetCsv(d, rows).body,
				datasetJsonPage(rows, { page: 1, perPage: 200 }, new URL('https://example.org/x.json')).body
			];
		}).join('\n');
		// Names of two characters or more: a one-character name would match ordinary words.
		expect(names.filter((n) => n.length >= 2 && output.includes(n))).toEqual([]);
		expect(phones.filter((p) => output.includes(p))).toEqual([]);
	});

	it('shows each published resolution with the arithmetic of its public page', () => {
		const rows = datasetRows(db, 'resolutions', input);
		for (const row of rows) {
			const id = Number(String(row.link).split('/').at(-1));
			const v = resolutionView(db, input.villageId, id)!;
			expect(row).toMatchObject({
				number: v.resolution.number,
				votes_for: v.vote.tally!.yes,
				votes_against: v.vote.tally!.no,
				votes_abstain: v.vote.tally!.abstain,
				entitled: v.vote.expected,
				present: v.vote.present,
				quorum_check: v.vote.quorum,
				pass_check: v.vote.passCheck,
				notice_number: v.notice!.seq
			});
		}
	});
});

describe('what is never published', () => {
	it('leaves out resolutions adopted but not published', () => {
		const published = datasetRows(db, 'resolutions', input).map((r) => r.number);
		const unpublished = db
			.prepare(
				`select number from resolutions r where village_id = ? and not exists
				 (select 1 from notices n where n.resolution_id = r.id and n.kind = 'resolution')`
			)
			.pluck()
			.all(input.villageId) as string[];
		const all = db
			.prepare('select number from resolutions where village_id = ?')
			.pluck()
			.all(input.villageId);
		expect(published.length + unpublished.length).toBe(all.length);
		for (const n of unpublished) expect(published).not.toContain(n);
	});

	it('leaves out a draft meeting and anything posted after the day asked', () => {
		const clerk = demoActor(db, '13800000001');
		const draft = createMeeting(db, clerk, input.villageId, {
			type: 'reps_meeting',
			title: '草稿会议不公开',
			place: '村委会',
			meetingDate: addDays(input.today, 30),
			startsAt: '09:00'
		});
		if (!draft.ok) throw new Error(JSON.stringify(draft));
		addAgendaItem(db, clerk, input.villageId, draft.meeting.id, { title: '草稿议程' });
		const text = (d: Dataset, i = input) => JSON.stringify(datasetRows(db, d, i));
		expect(text('meeting-notices')).not.toContain('草稿');
		// A day before the demo's latest posting: that notice is not yet public.
		const latest = db
			.prepare('select max(posted_on) from notices where village_id = ?')
			.pluck()
			.get(input.villageId) as string;
		const before = { ...input, today: addDays(latest, -1) };
		for (const d of ['notices', 'meeting-notices'] as const) {
			const dates = datasetRows(db, d, before).map((r) => r.posted_on as string);
			expect(dates.length).toBeGreaterThan(0);
			expect(dates.filter((p) => p > before.today)).toEqual([]);
			expect(datasetRows(db, d, before).length).toBeLessThan(datasetRows(db, d, input).length);
		}
	});

	it('masks a name or a mobile number written into a text, and keeps the rest', () => {
		const clerk = demoActor(db, '13800000001');
		const posted = postNotice(db, clerk.userId, input.villageId, {
			kind: 'general',
			title: '司马青山与张秀英的调解结果',
			summary: '联系电话13912345678，来电请找刘志强。编号 213912345678 不是手机号。',
			body: '正文'
		});
		if (!posted.ok) throw new Error(posted.reason);
		const row = datasetRows(db, 'notices', input).find((r) => r.number === posted.notice.seq)!;
		const roster = db.prepare('select name from people where name = ?').pluck();
		// 司马青山 is not on the roster: only names the app knows are masked.
		expect(roster.get('司马青山')).toBeUndefined();
		expect(row.title).toBe(`司马青山与${MASK}的调解结果`);
		expect(row.summary).toBe(`联系电话${MASK}，来电请找${MASK}。编号 213912345678 不是手机号。`);
		// The consultation outcome names its parties in its summary: masked in the data.
		const outcome = datasetRows(db, 'notices', input).find(
			(r) => r.kind === 'consultation_outcome'
		);
		expect(outcome?.summary).toContain(MASK);
	});

	it('leaves out the other village’s records', () => {
		const other = db
			.prepare("select id from villages where slug != 'xinyang'")
			.pluck()
			.all() as number[];
		expect(other.length).toBeGreaterThan(0);
		const theirs = db
			.prepare(`select title from notices where village_id in (${other.map(() => '?').join(',')})`)
			.pluck()
			.all(...other) as string[];
		const ours = JSON.stringify(datasetRows(db, 'notices', input));
		for (const t of theirs) expect(ours).not.toContain(t);
	});
});
