import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildWorld, household, serviceCase, topic, type World } from '../figures/test-world';
import { townshipOverview } from './overview';
import { overviewCsv, overviewDocument } from './overview-export';
import { townshipVillageView } from './village-view';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const TODAY = '2026-05-20';
const PERIOD = { from: '2026-01-01', to: TODAY };
const village = () => ({ id: w.village, slug: 'fig', name: '统计村' });

function lateWorld() {
	const t = topic(w, { submittedAt: '2026-05-01T00:00:00.000Z' });
	w.db.prepare("update topics set triage_due = '2026-05-08' where id = ?").run(t);
	const [p] = household(w, w.grids[0]).people;
	serviceCase(w, { person: p, state: 'submitted', filedOn: '2026-05-01', title: '张三的低保' });
}

describe('the overview as CSV and JSON', () => {
	it('CSV: BOM, a Chinese header row, one row per village with each rate and its counts', () => {
		lateWorld();
		const csv = overviewCsv(townshipOverview(w.db, [village()], TODAY, PERIOD));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, row, ...rest] = Papa.parse<string[]>(csv.slice(1), {
			skipEmptyLines: true
		}).data;
		expect(rest).toEqual([]);
		const cell = (name: string, nth = 0) =>
			row[header.map((h, i) => [h, i] as const).filter(([h]) => h === name)[nth][1]];
		expect(header.slice(0, 3)).toEqual(['村', '状态', '滞后原因']);
		expect(cell('村')).toBe('统计村');
		expect(cell('状态')).toBe('滞后');
		expect(cell('滞后原因')).toContain('1个议题超过受理期限');
		expect(cell('超期议题')).toBe('1');
		expect(cell('超期办事')).toBe('1');
		expect([cell('受理率 %'), cell('受理数'), cell('登记数')]).toEqual(['0.0', '0', '1']);
		expect(cell('满意率 %')).toBe('—');
	});

	it('JSON: the documented top-level fields, the rows as the page has them', () => {
		lateWorld();
		const rows = townshipOverview(w.db, [village()], TODAY, PERIOD);
		const doc = JSON.parse(
			JSON.stringify(
				overviewDocument(
					{ id: 7, name: '长青乡', district: '', city: '', province: '' },
					rows,
					TODAY,
					PERIOD,
					new Date('2026-05-20T02:00:00Z')
				)
			)
		);
		expect(Object.keys(doc)).toEqual(['generatedAt', 'township', 'today', 'period', 'villages']);
		expect(doc.township).toEqual({ id: 7, name: '长青乡' });
		expect(doc.villages[0]).toMatchObject({
			village: { slug: 'fig', name: '统计村' },
			late: true,
			overdue: { topics: 1, objections: 0, cases: 1 },
			acceptance: { part: 0, whole: 1, permille: 0 },
			satisfaction: { part: 0, whole: 0, permille: null }
		});
	});
});

describe('the township’s view of one village', () => {
	it('names each late item, without the villager’s name or the case title', () => {
		lateWorld();
		const view = townshipVillageView(w.db, village(), TODAY, PERIOD);
		expect(view.late.topics).toEqual([
			{ number: expect.any(String), title: expect.any(String), triageDue: '2026-05-08' }
		]);
		expect(view.late.cases).toHaveLength(view.row.overdue.cases);
		expect(JSON.stringify(view)).not.toContain('张三');
		expect(JSON.stringify(view)).not.toContain('村民');
	});
});
