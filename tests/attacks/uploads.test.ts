// Hostile uploads on every form that takes a file (topic attachments, the signed minutes sheet, the
// roster import): oversize, lying magic bytes, an SVG with script named .png, HTML named .pdf, PDFs
// with active content hidden where a byte search does not look, a spreadsheet that unzips to
// hundreds of megabytes, and names that try to leave the uploads folder or hide what they are. Refused files leave no row and
// no file; accepted ones are stored under a generated name inside the uploads folder only.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test, type App } from '../fixtures.ts';
import { PEOPLE, dbRead, postMultipart, signedIn, snapshot } from './hostile.ts';
import {
	activePdfs,
	encryptedPdf,
	ordinaryPdfs,
	pdfObjectStreamBomb,
	xlsxBomb
} from './hostile-files.ts';

type Upload = { name: string; mimeType: string; buffer: Buffer };

const SVG_WITH_SCRIPT = Buffer.from(
	'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>window.__xss=1</script></svg>'
);
const HTML_AS_PDF = Buffer.from('<html><script>window.__xss=1</script>%PDF-1.4</html>');
const STORED_NAME =
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|webp|pdf)$/;

/** Every file under the server's folder (database, WAL, uploads), with sizes. */
function filesUnder(dir: string): Map<string, number> {
	const out = new Map<string, number>();
	const walk = (d: string) => {
		for (const e of readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else out.set(path.relative(dir, p), statSync(p).size);
		}
	};
	walk(dir);
	return out;
}

// /proc counts CPU time in USER_HZ ticks, 100 a second on every Linux the tests run on.
const CLOCK_TICKS_PER_SECOND = 100;

const uploadedFiles = (app: App) =>
	[...filesUnder(path.dirname(app.dbPath)).keys()].filter((f) => !f.startsWith('db.sqlite'));

test('hostile files are refused, and hostile names never become paths', async ({ app }) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const png = await sharp({
		create: { width: 8, height: 8, channels: 3, background: '#3a7' }
	})
		.png()
		.toBuffer();
	const topicForm = (files: Upload[]) => {
		const form = new FormData();
		form.set('title', '上传测试');
		form.set('description', '附件检查');
		form.set('category', 'livelihood');
		for (const f of files)
			form.append('files', new File([new Uint8Array(f.buffer)], f.name, { type: f.mimeType }));
		return form;
	};
	const tables = ['topics', 'topic_attachments'];

	const refused: [string, Upload, RegExp][] = [
		[
			'over 10 MB',
			{
				name: 'big.jpg',
				mimeType: 'image/jpeg',
				buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)])
			},
			/太大，每个不超过 10 MB/
		],
		[
			'wrong magic bytes',
			{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 not a photo') },
			/不是照片或 PDF，不能上传/
		],
		[
			'an SVG with script named .png',
			{ name: 'photo.png', mimeType: 'image/png', buffer: SVG_WITH_SCRIPT },
			/不是照片或 PDF，不能上传/
		],
		[
			'HTML named .pdf',
			{ name: 'plan.pdf', mimeType: 'application/pdf', buffer: HTML_AS_PDF },
			/不是照片或 PDF，不能上传/
		],
		[
			'a PNG header on a broken body',
			{ name: 'broken.png', mimeType: 'image/png', buffer: png.subarray(0, 40) },
			/无法读取|不是照片或 PDF/
		]
	];
	for (const [label, file, message] of refused) {
		const before = { rows: snapshot(app, tables), files: uploadedFiles(app) };
		const response = await postMultipart(
			villager,
			app,
			'/xinyang/topics/new?/submit',
			topicForm([file])
		);
		expect.soft(response.status(), label).toBe(400);
		expect.soft(await response.text(), label).toMatch(message);
		expect.soft({ rows: snapshot(app, tables), files: uploadedFiles(app) }, label).toEqual(before);
	}

	// Names that try to climb out of the folder, or hide their real ending, with a real photo.
	const names = [
		'../../etc/passwd.png',
		'..\\..\\x.png',
		'/etc/cron.d/evil.png',
		'a\u0000b.png',
		'invoice\u202Egnp.exe',
		'\u200bzero\u200dwidth.png',
		'..',
		'<img src=x onerror="window.__xss=1">.png'
	];
	const before = new Set(uploadedFiles(app));
	const response = await postMultipart(
		villager,
		app,
		'/xinyang/topics/new?/submit',
		topicForm(names.map((name) => ({ name, mimeType: 'image/png', buffer: png })).slice(0, 6))
	);
	expect(response.status()).toBe(303);
	const number = /XY-\d{4}-\d{4}/.exec(response.headers()['location'] ?? '')?.[0];
	expect(number).toBeDefined();
	const stored = dbRead<{ id: number; stored_name: string; original_name: string; mime: string }>(
		app,
		`select a.id, a.stored_name, a.original_name, a.mime from topic_attachments a
		 join topics t on t.id = a.topic_id where t.number = ? order by a.id`,
		number
	);
	expect(stored).toHaveLength(6);
	for (const a of stored) {
		expect(a.stored_name).toMatch(STORED_NAME);
		expect(a.mime).toBe('image/jpeg');
		// Only a display name is kept: no folder part, no control, bidi or zero-width character.
		// eslint-disable-next-line no-control-regex -- a NUL is what must not be there
		expect(a.original_name).not.toMatch(/[/\\\u0000\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
		expect(a.original_name).not.toBe('..');
	}
	const added = uploadedFiles(app).filter((f) => !before.has(f));
	expect(added.sort()).toEqual(stored.map((a) => path.join('uploads', a.stored_name)).sort());

	// Served back as the re-encoded image, never as markup, with a safe download name.
	for (const a of stored) {
		const file = await villager.get(`/xinyang/topics/${number}/files/${a.id}`);
		expect(file.status()).toBe(200);
		const h = file.headers();
		expect(h['content-type']).toBe('image/jpeg');
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['content-security-policy']).toContain('sandbox');
		const disposition = h['content-disposition'];
		// eslint-disable-next-line no-control-regex -- control characters would split the header
		expect(disposition).not.toMatch(/[\u0000-\u001f\u007f]/);
		expect(disposition).not.toMatch(/filename="[^"]*[/\\][^"]*"/);
		expect((await file.body()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
	}
});

test('the minutes sheet and the roster import refuse hostile files and store nothing', async ({
	app
}) => {
	const clerk = await signedIn(app, PEOPLE.clerk);
	const closed = dbRead<{ id: number }>(
		app,
		"select id from meetings where state = 'closed' order by id limit 1"
	)[0].id;
	for (const [label, sheet] of [
		['SVG named .png', { name: 'sheet.png', mimeType: 'image/png', buffer: SVG_WITH_SCRIPT }],
		['HTML named .pdf', { name: '../sheet.pdf', mimeType: 'application/pdf', buffer: HTML_AS_PDF }]
	] as const) {
		const before = { rows: snapshot(app, ['minutes_attestations']), files: uploadedFiles(app) };
		const r = await postMultipart(clerk, app, `/xinyang/meetings/${closed}/minutes?/attest`, {
			sheet
		});
		expect.soft(r.status(), label).toBe(400);
		expect
			.soft({ rows: snapshot(app, ['minutes_attestations']), files: uploadedFiles(app) }, label)
			.toEqual(before);
	}

	const importFiles: [string, Upload][] = [
		[
			'over 5 MB',
			{ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') }
		],
		[
			'an SVG named .xlsx',
			{ name: 'roster.xlsx', mimeType: 'application/zip', buffer: SVG_WITH_SCRIPT }
		],
		[
			'a traversal name',
			{ name: '../../../etc/passwd', mimeType: 'text/plain', buffer: Buffer.from('root:x:0:0') }
		]
	];
	for (const [label, file] of importFiles) {
		const before = { rows: snapshot(app, ['roster_imports', 'people']), files: uploadedFiles(app) };
		const r = await postMultipart(clerk, app, '/xinyang/roster/import?/preview', { file });
		expect.soft(r.status(), label).toBe(400);
		expect.soft(await r.text(), label).not.toContain('<svg');
		expect
			.soft({ rows: snapshot(app, ['roster_imports', 'people']), files: uploadedFiles(app) }, label)
			.toEqual(before);
	}
});

/** A topic with the given files, as the topic form posts it. */
function topicWith(files: Upload[]): FormData {
	const form = new FormData();
	form.set('title', 'PDF 检查');
	form.set('description', '附件检查');
	form.set('category', 'livelihood');
	for (const f of files)
		form.append('files', new File([new Uint8Array(f.buffer)], f.name, { type: f.mimeType }));
	return form;
}

const pdfFile = (buffer: Buffer, name = 'notice.pdf'): Upload => ({
	name,
	mimeType: 'application/pdf',
	buffer
});

test('PDFs with scripts, automatic actions, embedded files or XFA are refused; ordinary PDFs are kept', async ({
	app,
	page
}) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const tables = ['topics', 'topic_attachments'];
	const refused: [string, Buffer, RegExp][] = [
		...(await activePdfs()).map(([label, pdf]): [string, Buffer, RegExp] => [
			label,
			pdf,
			/含有脚本、内嵌文件或会自动执行的动作/
		]),
		['an encrypted PDF', await encryptedPdf(), /设有密码或已加密，无法检查/],
		['a 512 MB Flate bomb in an object stream', await pdfObjectStreamBomb(512), /已损坏或无法读取/]
	];
	for (const [label, pdf, message] of refused) {
		const before = { rows: snapshot(app, tables), files: uploadedFiles(app) };
		const response = await postMultipart(
			villager,
			app,
			'/xinyang/topics/new?/submit',
			topicWith([pdfFile(pdf)])
		);
		expect.soft(response.status(), label).toBe(400);
		expect.soft(await response.text(), label).toMatch(message);
		expect.soft({ rows: snapshot(app, tables), files: uploadedFiles(app) }, label).toEqual(before);
	}

	// The signed minutes sheet goes through the same check.
	const clerk = await signedIn(app, PEOPLE.clerk);
	const closed = dbRead<{ id: number }>(
		app,
		"select id from meetings where state = 'closed' order by id limit 1"
	)[0].id;
	const [label, active] = (await activePdfs())[0];
	const before = { rows: snapshot(app, ['minutes_attestations']), files: uploadedFiles(app) };
	const sheet = await postMultipart(clerk, app, `/xinyang/meetings/${closed}/minutes?/attest`, {
		sheet: pdfFile(active, 'sheet.pdf')
	});
	expect.soft(sheet.status(), `minutes sheet: ${label}`).toBe(400);
	expect
		.soft({ rows: snapshot(app, ['minutes_attestations']), files: uploadedFiles(app) })
		.toEqual(before);

	// What Chromium prints, and ordinary documents with object streams and web links, are kept.
	await page.setContent(
		'<h1>新阳村村民会议通知</h1><p><a href="https://www.gov.cn/">中国政府网</a></p>'
	);
	const printed = await page.pdf({ format: 'A4' });
	for (const [what, pdf] of [
		['a page printed by Chromium', printed],
		...(await ordinaryPdfs())
	] as [string, Buffer][]) {
		const response = await postMultipart(
			villager,
			app,
			'/xinyang/topics/new?/submit',
			topicWith([pdfFile(pdf)])
		);
		expect.soft(response.status(), what).toBe(303);
	}
});

/** The server's resident memory now and at its peak, in MB, from /proc. */
/**
 * Seconds of CPU the server process has used: unlike the wall clock, it does not grow when other
 * work shares the machine, and a bomb that is inflated shows up in it.
 */
function serverCpuSeconds(app: App): number {
	// Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
	const fields = readFileSync(`/proc/${app.pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function serverMemory(app: App): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${app.pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
	return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

test('a roster .xlsx that unzips to 300 MB is refused quickly, in little memory, and stores nothing', async ({
	app
}) => {
	// Made before signing in: made after, on a busy machine, they kept the clerk's connection idle
	// past the server's keep-alive time, and the upload then went down a socket being closed.
	const bombs = [
		['sizes as declared', await xlsxBomb(300), /解压后超过 16 MB/],
		[
			'sizes understated in the zip',
			await xlsxBomb(300, { declaredSize: 64 * 1024 }),
			/文件已损坏或无法读取/
		]
	] as const;
	const clerk = await signedIn(app, PEOPLE.clerk);
	const tables = ['roster_imports', 'people'];
	for (const [label, bomb, message] of bombs) {
		const before = { rows: snapshot(app, tables), files: uploadedFiles(app) };
		const memory = serverMemory(app);
		const cpuBefore = serverCpuSeconds(app);
		const response = await postMultipart(clerk, app, '/xinyang/roster/import?/preview', {
			file: { name: '花名册.xlsx', mimeType: 'application/zip', buffer: bomb }
		});
		const seconds = serverCpuSeconds(app) - cpuBefore;
		const after = serverMemory(app);
		console.log(
			`xlsx bomb (${label}, ${(bomb.length / 1024).toFixed(0)} KB): ${seconds.toFixed(1)} s of server CPU, ` +
				`server RSS ${memory.rss.toFixed(0)} MB before, peak ${after.peak.toFixed(0)} MB ` +
				`(+${(after.peak - memory.rss).toFixed(0)} MB)`
		);
		expect.soft(response.status(), label).toBe(400);
		expect.soft(await response.text(), label).toMatch(message);
		expect.soft(after.peak - memory.rss, `${label}: server memory growth in MB`).toBeLessThan(64);
		expect.soft(seconds, `${label}: seconds of server CPU`).toBeLessThan(10);
		expect.soft({ rows: snapshot(app, tables), files: uploadedFiles(app) }, label).toEqual(before);
	}
});
