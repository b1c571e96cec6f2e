// What the open-data routes hand back: the schema page's catalogue in the reader's words, a whole
// dataset as CSV, or one page of it as JSON (refused with words when the paging is not valid).
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { datasetRows, type RecordsInput } from './records';
import { DATASETS, SCHEMA, type Dataset } from './schema';
import { DATASET_WORDS, FIELD_WORDS, TYPE_WORDS } from './words';
import {
	PER_PAGE_DEFAULT,
	PER_PAGE_MAX,
	datasetCsv,
	datasetJsonPage,
	parsePaging,
	type JsonPage
} from './publish';

export interface FieldDoc {
	key: string;
	/** The CSV's column name: Chinese whatever the reader's language (see words.ts). */
	header: string;
	meaning: string;
	type: string;
	nullable: boolean;
	example: string;
}

export interface DatasetDoc {
	name: Dataset;
	title: string;
	about: string;
	rows: number;
	fields: FieldDoc[];
}

/** Each dataset with its schema and its row count today, for the documented-schema page. */
export function openDataCatalogue(db: Db, input: RecordsInput): DatasetDoc[] {
	return DATASETS.map((name) => ({
		name,
		title: DATASET_WORDS[name].title(),
		about: DATASET_WORDS[name].about(),
		rows: datasetRows(db, name, input).length,
		fields: SCHEMA[name].map((f) => ({
			key: f.key,
			header: FIELD_WORDS[name][f.key].label({}, { locale: 'zh-CN' }),
			meaning: FIELD_WORDS[name][f.key].meaning(),
			type: TYPE_WORDS[f.type](),
			nullable: !!f.nullable,
			example: f.example
		}))
	}));
}

/** The JSON shape the schema page names, in one line. */
export const JSON_SHAPE = '{ data, page, perPage, total, next }';

export const csvOfDataset = (db: Db, dataset: Dataset, input: RecordsInput) =>
	datasetCsv(dataset, datasetRows(db, dataset, input));

export type JsonAnswer =
	({ ok: true } & JsonPage) | { ok: false; reason: 'bad_page' | 'bad_per_page'; message: string };

/** One page of the dataset as the request's ?page= and ?per_page= ask. */
export function jsonOfDataset(db: Db, dataset: Dataset, input: RecordsInput, url: URL): JsonAnswer {
	const paging = parsePaging(url.searchParams);
	if (!paging.ok) return paging;
	return { ok: true, ...datasetJsonPage(datasetRows(db, dataset, input), paging, url) };
}

/** The schema page's line on the JSON pages, with the limits filled in. */
export const jsonAbout = () =>
	m.odata_json_about({ shape: JSON_SHAPE, perPage: PER_PAGE_DEFAULT, max: PER_PAGE_MAX });
