// A secret ballot (无记名投票) with several voters on their phones and on paper, then everything
// the database holds about it: no column, row order or timestamp may tie a choice to a voter; and
// once it closes, no byte of the database files either.
import { existsSync, readFileSync } from 'node:fs';
import {
	pairingsInWal,
	receiptRecords,
	tallyRecords
} from '../../src/lib/server/votes/secret-traces.ts';
import { expect, test } from '../fixtures.ts';
import {
	closeMeetingNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	votingRoster
} from '../meeting-helpers.ts';
import { PEOPLE, dbRead, personIdOf, post, signedIn } from './hostile.ts';

type Column = { name: string; type: string };

const THREE_VOTERS = [
	{ who: PEOPLE.rep, choice: 'no' },
	{ who: PEOPLE.secretary, choice: 'abstain' },
	{ who: PEOPLE.clerk, choice: 'yes' }
] as const;

test('no stored column, order or timestamp links a secret choice to its voter', async ({ app }) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId));
	const motionId = openNewMotion(app, agendaItemId, '无记名表决：储藏库选址', 'secret');

	// Three voters on their phones, each a different choice, in a known order.
	const online = THREE_VOTERS;
	for (const { who, choice } of online) {
		const api = await signedIn(app, who);
		const r = await post(api, app, `/xinyang/meetings/${meetingId}?/vote`, {
			motionId,
			choice,
			confirmed: 'yes'
		});
		expect(r.status(), `${who.phone} votes`).toBe(303);
		// Nothing the voter's own page gets back names the choice either.
		const page = await (await api.get(`/xinyang/meetings/${meetingId}`)).text();
		expect(page).not.toMatch(new RegExp(`${motionId}\\s*[:=]\\s*"?${choice}`));
	}
	// Paper ballots of four more, read out by the counter: 2 yes, 1 no, 1 abstain.
	const onlineVoters = online.map((o) => personIdOf(app, o.who.phone));
	const paperVoters = votingRoster(
		app,
		meetingId,
		online.map((o) => o.who.phone)
	).slice(0, 4);
	const clerk = await signedIn(app, PEOPLE.clerk);
	const paper = await clerk.post(`/xinyang/meetings/${meetingId}/console?/secretPaper`, {
		data: new URLSearchParams([
			['motion', String(motionId)],
			...paperVoters.map((p) => ['voter', String(p)]),
			['yes', '2'],
			['no', '1'],
			['abstain', '1'],
			['counter', '计票人甲'],
			['scrutineer', '监票人乙']
		]).toString(),
		headers: {
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		}
	});
	expect(paper.status()).toBe(303);
	closeMeetingNow(app, meetingId);

	// The counters add up, and are all there is: the right totals, nothing per ballot.
	const tallies = dbRead<{ choice: string; count: number }>(
		app,
		'select choice, count from secret_tallies where motion_id = ? order by choice',
		motionId
	);
	expect(tallies).toEqual([
		{ choice: 'abstain', count: 2 },
		{ choice: 'no', count: 2 },
		{ choice: 'yes', count: 3 }
	]);

	// Schema: the counters have no rowid, no time and no person; the receipts no choice and no time.
	const columns = (table: string) =>
		dbRead<Column>(app, 'select name, type from pragma_table_info(?)', table).map((c) => c.name);
	expect(columns('secret_tallies').sort()).toEqual(['choice', 'count', 'motion_id']);
	expect(columns('ballot_receipts').sort()).toEqual(['channel', 'motion_id', 'person_id']);
	const talliesSql = dbRead<{ sql: string }>(
		app,
		"select sql from sqlite_master where name = 'secret_tallies'"
	)[0].sql;
	expect(talliesSql).toMatch(/without rowid/i);
	// No table anywhere has both a person and a choice column, except the named ballots.
	const tables = dbRead<{ name: string }>(
		app,
		"select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
	).map((t) => t.name);
	for (const t of tables) {
		const cols = columns(t);
		const linksPersonToChoice =
			cols.some((c) => /person|voter|user/.test(c)) && cols.some((c) => /choice/.test(c));
		if (t !== 'named_choices') expect(linksPersonToChoice, t).toBe(false);
	}
	expect(
		dbRead(app, 'select * from named_choices where motion_id = ?', motionId),
		'no named choice for a secret motion'
	).toEqual([]);

	// The receipts say who voted, through which channel, nothing more; their order is the order of
	// voting, which the counters cannot be joined to.
	const receipts = dbRead<{ person_id: number; channel: string }>(
		app,
		'select person_id, channel from ballot_receipts where motion_id = ? order by rowid',
		motionId
	);
	expect(receipts.map((r) => r.person_id).sort()).toEqual([...onlineVoters, ...paperVoters].sort());
	expect(receipts.every((r) => ['online', 'paper'].includes(r.channel))).toBe(true);

	// Every row in every table that mentions this motion: none carries a choice word next to a voter.
	const choiceWord = /"(yes|no|abstain)"|\b(choice)\b/;
	for (const t of tables.filter((t) => t !== 'secret_tallies')) {
		const cols = columns(t);
		for (const row of dbRead<Record<string, unknown>>(app, `select * from "${t}"`)) {
			const text = JSON.stringify(row);
			const aboutMotion =
				(cols.includes('motion_id') && row.motion_id === motionId) ||
				(t === 'audit' && row.subject_type === 'motion' && row.subject_id === String(motionId));
			if (!aboutMotion) continue;
			const namesVoter = [...onlineVoters, ...paperVoters].some((p) =>
				new RegExp(`"person(_id|Id)?"\\s*:\\s*${p}\\b|"voters?"\\s*:\\s*\\[[^\\]]*\\b${p}\\b`).test(
					text
				)
			);
			if (namesVoter) expect(text, `${t} row names a voter and a choice`).not.toMatch(choiceWord);
		}
	}

	// The audit chain records each online receipt with its time; those entries carry no choice, and
	// the paper entry carries only the totals read out, so the times cannot be matched to choices.
	const ballotEntries = dbRead<{ action: string; after: string }>(
		app,
		"select action, after from audit where subject_type = 'motion' and subject_id = ? and action like 'ballot%' order by id",
		String(motionId)
	);
	expect(ballotEntries.length).toBeGreaterThanOrEqual(2);
	for (const e of ballotEntries) expect(e.after, e.action).not.toMatch(/"choice"/);
});

test('once a secret motion closes, no copy of the database files pairs a choice with its voter', async ({
	app
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId));
	const motionId = openNewMotion(app, agendaItemId, '无记名表决：储藏库由谁管理', 'secret');
	const file = (suffix: string) =>
		existsSync(app.dbPath + suffix) ? readFileSync(app.dbPath + suffix) : Buffer.alloc(0);

	// Three voters on their phones, each a different choice.
	const online = THREE_VOTERS;
	for (const { who, choice } of online) {
		const api = await signedIn(app, who);
		const r = await post(api, app, `/xinyang/meetings/${meetingId}?/vote`, {
			motionId,
			choice,
			confirmed: 'yes'
		});
		expect(r.status(), `${who.phone} votes`).toBe(303);
	}
	const cast = online
		.map((o) => ({ personId: personIdOf(app, o.who.phone), choice: o.choice }))
		.sort((a, b) => a.personId - b.personId);
	// While the vote is open a copy of the live WAL pairs them, commit by commit: the honest limit
	// (docs/security-tests.md), and the proof that the scanner below would see a pairing.
	const byPerson = (pairs: { personId: number }[]) =>
		[...pairs].sort((a, b) => a.personId - b.personId);
	expect(byPerson(pairingsInWal(file('-wal'), motionId))).toEqual(cast);

	const clerk = await signedIn(app, PEOPLE.clerk);
	const closed = await post(clerk, app, `/xinyang/meetings/${meetingId}/console?/closeMotion`, {
		motion: motionId,
		confirm: '1'
	});
	expect(closed.status()).toBe(303);

	const wal = file('-wal');
	expect(pairingsInWal(wal, motionId), 'no pairing left in the WAL').toEqual([]);
	expect(wal.length, 'the WAL is truncated').toBe(0);
	// The WAL index holds page numbers only: no counter, no receipt.
	expect(tallyRecords(file('-shm'), motionId)).toEqual([]);
	expect(receiptRecords(file('-shm'), motionId)).toEqual([]);
	// The main file: the published totals and turnout, and no earlier value of any counter.
	expect(tallyRecords(file(''), motionId).sort((a, b) => a.choice.localeCompare(b.choice))).toEqual(
		[
			{ choice: 'abstain', count: 1 },
			{ choice: 'no', count: 1 },
			{ choice: 'yes', count: 1 }
		]
	);
	expect(new Set(receiptRecords(file(''), motionId))).toEqual(new Set(cast.map((c) => c.personId)));
});
