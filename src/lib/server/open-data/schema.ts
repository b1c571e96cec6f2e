// The documented schema of each village's open data (issue 19 item 2): the datasets, their fields
// in a fixed order, each with its machine name (the JSON key), its type and an example. The CSV's
// header row and the schema page's words come from the message catalogue (odata_f_*).
export const DATASETS = ['notices', 'resolutions', 'meeting-notices', 'implementations'] as const;
export type Dataset = (typeof DATASETS)[number];

export const isDataset = (name: string): name is Dataset =>
	(DATASETS as readonly string[]).includes(name);

/** `text[]` is a list in JSON and one cell joined by 「；」 in the CSV. */
export type FieldType = 'integer' | 'decimal' | 'text' | 'text[]' | 'date' | 'boolean' | 'url';

export interface Field {
	key: string;
	type: FieldType;
	/** May be null (empty in the CSV). */
	nullable?: boolean;
	example: string;
}

export const SCHEMA: Record<Dataset, readonly Field[]> = {
	notices: [
		{ key: 'number', type: 'integer', example: '12' },
		{ key: 'kind', type: 'text', example: 'resolution' },
		{ key: 'title', type: 'text', example: '关于村道硬化的决议公告' },
		{ key: 'summary', type: 'text', example: '2026年6月20日村民代表会议通过。' },
		{ key: 'posted_on', type: 'date', example: '2026-06-22' },
		{ key: 'posted_until', type: 'date', example: '2026-07-07' },
		{ key: 'objections_until', type: 'date', nullable: true, example: '2026-06-27' },
		{ key: 'corrects_number', type: 'integer', nullable: true, example: '' },
		{ key: 'resolution_number', type: 'text', nullable: true, example: '新阳村决〔2026〕3号' },
		{ key: 'link', type: 'url', example: 'https://example.org/xinyang/notices/12' }
	],
	resolutions: [
		{ key: 'number', type: 'text', example: '新阳村决〔2026〕3号' },
		{ key: 'text', type: 'text', example: '同意硬化村东道路1.2公里。' },
		{ key: 'adopted_on', type: 'date', example: '2026-06-20' },
		{ key: 'meeting_type', type: 'text', example: 'reps_meeting' },
		{ key: 'meeting_title', type: 'text', example: '村民代表会议' },
		{ key: 'meeting_date', type: 'date', example: '2026-06-20' },
		{ key: 'method', type: 'text', example: 'hands' },
		{ key: 'votes_for', type: 'integer', nullable: true, example: '18' },
		{ key: 'votes_against', type: 'integer', nullable: true, example: '1' },
		{ key: 'votes_abstain', type: 'integer', nullable: true, example: '1' },
		{ key: 'entitled', type: 'integer', example: '23' },
		{ key: 'present', type: 'integer', example: '20' },
		{ key: 'quorum_check', type: 'text', nullable: true, example: '3 × 20 ≥ 2 × 23' },
		{ key: 'quorum_met', type: 'boolean', nullable: true, example: 'true' },
		{ key: 'pass_rule', type: 'text', nullable: true, example: '2 × yes > present' },
		{ key: 'pass_check', type: 'text', nullable: true, example: '2 × 18 > 20' },
		{ key: 'passed', type: 'boolean', nullable: true, example: 'true' },
		{ key: 'notice_number', type: 'integer', example: '12' },
		{ key: 'link', type: 'url', example: 'https://example.org/xinyang/resolutions/3' }
	],
	'meeting-notices': [
		{ key: 'notice_number', type: 'integer', example: '9' },
		{ key: 'meeting_type', type: 'text', example: 'villagers_meeting' },
		{ key: 'title', type: 'text', example: '2026年度村民会议' },
		{ key: 'meeting_date', type: 'date', example: '2026-12-20' },
		{ key: 'starts_at', type: 'text', example: '09:00' },
		{ key: 'ends_at', type: 'text', example: '11:30' },
		{ key: 'place', type: 'text', example: '湖边议事厅' },
		{ key: 'agenda', type: 'text[]', example: '村务工作报告；储藏库建设方案' },
		{ key: 'temporary', type: 'boolean', example: 'false' },
		{ key: 'posted_on', type: 'date', example: '2026-12-06' },
		{ key: 'meeting_state', type: 'text', example: 'notified' },
		{ key: 'link', type: 'url', example: 'https://example.org/xinyang/meetings/4' }
	],
	implementations: [
		{ key: 'topic_number', type: 'text', example: 'T-2026-0007' },
		{ key: 'title', type: 'text', example: '村道硬化' },
		{ key: 'resolution_number', type: 'text', nullable: true, example: '新阳村决〔2026〕3号' },
		{ key: 'budget_yuan', type: 'decimal', example: '180000.00' },
		{ key: 'spent_yuan', type: 'decimal', example: '176500.00' },
		{ key: 'over_budget', type: 'boolean', example: 'false' },
		{ key: 'progress_percent', type: 'integer', example: '100' },
		{ key: 'last_reported_on', type: 'date', nullable: true, example: '2026-09-30' },
		{ key: 'state', type: 'text', example: 'result_published' },
		{ key: 'completed_on', type: 'date', nullable: true, example: '2026-10-08' },
		{ key: 'result_notice_number', type: 'integer', nullable: true, example: '15' }
	]
};

export type Value = string | number | boolean | null | string[];
export type Row = Record<string, Value>;
