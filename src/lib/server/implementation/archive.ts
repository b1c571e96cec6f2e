// The archive of one matter (docs/domain.md §9.3, the matter archive): the data as JSON,
// printable HTML sheets, and the audit entries about it with what is needed to check their
// hashes. Staff only; the route serves the bytes.
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { findTopic, type Topic } from '../topics/records';
import { resolutionsOfTopic } from '../procedure/resolutions';
import { consultationOf } from '../consultation/consultation';
import { coordinationOutcomeOf } from '../consultation/coordination';
import { registerOf, type Register } from './register';
import { implementationOf } from './implementation';
import { zip, type ZipEntry } from './zip';

const ZH = { locale: 'zh-CN' as const };

/** The check the README describes, as a program anyone can run beside the files. */
const VERIFY_PY = `
import hashlib, json
FIELDS = ('id', 'at', 'village_id', 'actor_id', 'action', 'subject_type', 'subject_id', 'before', 'after')
for line in open('audit.jsonl', encoding='utf-8'):
    e = json.loads(line)
    body = json.dumps({k: e[k] for k in FIELDS}, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    assert hashlib.sha256((e['prev_hash'] + body).encode()).hexdigest() == e['hash'], e['id']
print('ok')
`;

type Row = Record<string, unknown>;

const escapeHtml = (s: unknown) =>
	String(s ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;max-width:48rem;margin:2rem auto;line-height:1.6}
table{border-collapse:collapse}td,th{border:1px solid #444;padding:.25rem .5rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

/** A two-column table of label → value, every value escaped. */
const dl = (rows: [unknown, unknown][]) =>
	`<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td><pre>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</pre></td></tr>`).join('')}</table>`;

export interface MatterRecord {
	topic: Topic;
	procedureEvents: Row[];
	meetings: {
		meeting: Row;
		agenda: Row[];
		speeches: Row[];
		motions: Row[];
		coordinationOutcome: unknown;
	}[];
	resolutions: unknown[];
	resolutionCorrections: Row[];
	notices: Row[];
	objections: Row[];
	consultation: unknown;
	implementation: ReturnType<typeof implementationOf>;
	/** The six register sheets of a 4+2 matter (docs/domain.md §4.7); null off that track. */
	register: Register | null;
}

export function matterRecord(db: Db, villageId: number, topicId: number): MatterRecord | null {
	const topic = findTopic(db, villageId, topicId);
	if (!topic) return null;
	const consultation = consultationOf(db, villageId, topicId);
	const meetingIds = [
		...new Set([
			...(db
				.prepare(
					`select distinct m.id from meetings m join agenda_items a on a.meeting_id = m.id
					 where a.topic_id = ? and m.village_id = ? order by m.id`
				)
				.pluck()
				.all(topicId, villageId) as number[]),
			...(db
				.prepare(
					`select o.meeting_id from coordination_outcomes o join meetings m on m.id = o.meeting_id
					 where o.topic_id = ? and m.village_id = ?`
				)
				.pluck()
				.all(topicId, villageId) as number[])
		])
	].sort((a, b) => a - b);
	const meetings = meetingIds.map((id) => ({
		// The frozen rule set is kept in the meeting row; the archive keeps it as it was.
		meeting: db.prepare('select * from meetings where id = ?').get(id) as Row,
		agenda: db
			.prepare('select * from agenda_items where meeting_id = ? order by position')
			.all(id) as Row[],
		speeches: db
			.prepare(
				`select s.id, s.agenda_item_id, s.speaker_name, s.summary, s.created_at from speeches s
				 join agenda_items a on a.id = s.agenda_item_id where a.meeting_id = ? order by s.id`
			)
			.all(id) as Row[],
		motions: db.prepare('select * from motions where meeting_id = ? order by id').all(id) as Row[],
		coordinationOutcome: coordinationOutcomeOf(db, villageId, id)
	}));
	const resolutions = resolutionsOfTopic(db, villageId, topicId);
	const resolutionIds = resolutions.map((r) => r.id);
	const inList = (ids: number[]) => (ids.length ? ids.join(',') : 'null');
	const notices = db
		.prepare(
			`select * from notices where village_id = ? and (topic_id = ? or meeting_id in (${inList(meetingIds)})
			 or resolution_id in (${inList(resolutionIds)})) order by seq`
		)
		.all(villageId, topicId) as Row[];
	const noticeIds = notices.map((n) => n.id as number);
	return {
		topic,
		procedureEvents: db
			.prepare('select * from procedure_events where topic_id = ? order by id')
			.all(topicId) as Row[],
		meetings,
		resolutions,
		resolutionCorrections: db
			.prepare(
				`select * from resolution_corrections where resolution_id in (${inList(resolutionIds)}) order by id`
			)
			.all() as Row[],
		notices,
		// The objector's identity stays in the village's system; the archive keeps the exchange.
		objections: db
			.prepare(
				`select id, notice_id, text, filed_at, answer_due, answer, answered_at, escalated_at
				 from objections where notice_id in (${inList(noticeIds)}) order by id`
			)
			.all() as Row[],
		consultation,
		implementation: implementationOf(db, villageId, topicId),
		register: registerOf(db, villageId, topicId)
	};
}

/** Every audit entry about the matter: the topic, its meetings, motions, resolutions, notices, records. */
export function auditOfMatter(db: Db, villageId: number, record: MatterRecord): Row[] {
	const subjects: [string, unknown[]][] = [
		['topic', [record.topic.id]],
		['meeting', record.meetings.map((x) => x.meeting.id)],
		['motion', record.meetings.flatMap((x) => x.motions.map((mo) => mo.id))],
		['resolution', (record.resolutions as { id: number }[]).map((r) => r.id)],
		['notice', record.notices.map((n) => n.id)],
		['implementation', record.implementation ? [record.implementation.id] : []],
		['consultation', record.consultation ? [(record.consultation as { id: number }).id] : []]
	];
	const clauses = subjects
		.filter(([, ids]) => ids.length > 0)
		.map(
			([type, ids]) =>
				`(subject_type = '${type}' and subject_id in (${ids.map((i) => `'${Number(i)}'`).join(',')}))`
		);
	return db
		.prepare(`select * from audit where village_id = ? and (${clauses.join(' or ')}) order by id`)
		.all(villageId) as Row[];
}

const STEP_NAMES = [
	m.proc_step_1,
	m.proc_step_2,
	m.proc_step_3,
	m.proc_step_4,
	m.proc_step_5,
	m.proc_step_6
];

/** One register sheet as the printed register shows it: the meeting's record, or the disclosure. */
function registerSheet(sheet: Register['sheets'][number]): string {
	const s = sheet.meeting;
	const heading = m.proc_reg_sheet(
		{ step: sheet.step, name: STEP_NAMES[sheet.step - 1]({}, ZH) },
		ZH
	);
	const rows: [unknown, unknown][] = [['done', sheet.done]];
	if (s)
		rows.push(
			['motion', s.motionText],
			['date', s.date],
			['form', `${s.meetingType} ${s.meetingTitle}`],
			['expected / present / ratio', `${s.expected} / ${s.present} / ${s.ratioPermille / 10}%`],
			['content', s.content],
			['result', { method: s.method, result: s.result, tally: s.tally }],
			['signatures', s.signatures.join('、')],
			['township', s.township.map((t) => `${t.name}（${t.position}）`).join('、')]
		);
	if (sheet.disclosure) rows.push(['disclosure', sheet.disclosure]);
	if (sheet.supervision) rows.push(['supervision', sheet.supervision]);
	return `<h2>${escapeHtml(heading)}</h2>${dl(rows)}`;
}

export function matterArchive(
	db: Db,
	villageId: number,
	topicId: number,
	extra: ZipEntry[] = [],
	now = new Date()
): Uint8Array | null {
	const record = matterRecord(db, villageId, topicId);
	if (!record) return null;
	const audit = auditOfMatter(db, villageId, record);
	const t = record.topic;
	const register = page(
		`${m.impl_zip_register({}, ZH)} ${t.number}`,
		dl([
			['number', t.number],
			['title', t.title],
			['category', t.category],
			['state', t.state],
			['description', t.description],
			['art24', t.art24Items.join(', ')]
		]) +
			`<h2>procedure</h2>${dl(record.procedureEvents.map((e) => [`#${e.id} ${e.kind}`, { steps: e.steps, motion: e.motion_id, reason: e.reason, at: e.created_at }]))}` +
			`<h2>resolutions</h2>${dl((record.resolutions as { number: string; text: string }[]).map((r) => [r.number, r.text]))}` +
			(record.register?.sheets.map(registerSheet).join('') ?? '')
	);
	const minutes = record.meetings.map((x) => ({
		name: `minutes-${x.meeting.id}.html`,
		data: page(
			`${m.impl_zip_minutes({}, ZH)}：${x.meeting.title}`,
			dl([
				['type', x.meeting.type],
				['date', x.meeting.meeting_date],
				['place', x.meeting.place],
				['state', x.meeting.state]
			]) +
				`<h2>agenda</h2>${dl(x.agenda.map((a) => [`${a.position}. ${a.title}`, a.materials]))}` +
				`<h2>speeches</h2>${dl(x.speeches.map((s) => [s.speaker_name, s.summary]))}` +
				`<h2>motions</h2>${dl(x.motions.map((mo) => [mo.text, { method: mo.method, result: mo.result, yes: mo.yes, no: mo.no, abstain: mo.abstain, quorum: mo.quorum_at_close }]))}` +
				(x.coordinationOutcome ? `<h2>outcome</h2>${dl([['outcome', x.coordinationOutcome]])}` : '')
		)
	}));
	const notices = page(
		m.impl_zip_notices({}, ZH),
		record.notices
			.map(
				(n) =>
					`<h2>${escapeHtml(`#${n.seq} ${n.title}`)}</h2>${dl([
						['kind', n.kind],
						['posted', `${n.posted_on} – ${n.posted_until}`],
						['objections until', n.objections_until ?? ''],
						['audit head', n.audit_head_hash],
						['body', n.body]
					])}`
			)
			.join('')
	);
	const impl = record.implementation;
	const implementation = page(
		m.impl_zip_implementation({}, ZH),
		impl
			? dl([
					['responsible', impl.responsibleName],
					['plan', impl.plan],
					['budget', impl.budget.map((b) => `${b.source}: ${b.amountFen / 100}`).join('\n')],
					[
						'progress',
						impl.progress
							.map((p) => `${p.onDate} ${p.percent}% ${p.spentFen / 100} ${p.note}`)
							.join('\n')
					],
					['completion', impl.completion ?? ''],
					['disclosure', impl.disclosure ?? '']
				])
			: ''
	);
	return zip(
		[
			{ name: 'README.txt', data: `${m.impl_zip_readme({}, ZH)}\n${VERIFY_PY}` },
			{ name: 'verify.py', data: VERIFY_PY.trimStart() },
			{ name: 'matter.json', data: JSON.stringify(record, null, 2) },
			{ name: 'register.html', data: register },
			...minutes,
			{ name: 'notices.html', data: notices },
			{ name: 'implementation.html', data: implementation },
			{ name: 'audit.jsonl', data: audit.map((a) => JSON.stringify(a)).join('\n') + '\n' },
			...extra
		],
		now
	);
}
