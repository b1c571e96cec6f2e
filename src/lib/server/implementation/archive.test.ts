import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db';
import { hashEntry } from '../audit/chain.js';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addParty, linkMeeting } from '../consultation/preparation';
import { chooseRoute, recordOutcome } from '../consultation/outcome';
import { matterArchive } from './archive';
import { recordStep } from '../procedure/matters';
import { publishResolution } from '../procedure/publication';
import { clerkOf, holdMeeting, personByPhone, supervisorOf, topicOn } from './test-helpers';
import { completeImplementation, startImplementation } from './progress';
import { discloseResult } from './disclosure';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

function unzip(bytes: Uint8Array): Record<string, string> {
	const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
	try {
		writeFileSync(join(dir, 'a.zip'), bytes);
		return JSON.parse(
			execFileSync('python3', [
				'-c',
				'import zipfile,json,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(json.dumps({n:z.read(n).decode() for n in z.namelist()}))',
				join(dir, 'a.zip')
			]).toString()
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('the archive of a matter', () => {
	it('holds the data, the sheets and the audit entries, whose hashes recompute', () => {
		const v = demoVillageId(db);
		const topic = topicOn(db, 'consultation', { category: 'ecology', title: '<荒山>栽种果树' });
		const p = personByPhone(db, '13800000003');
		addParty(db, clerkOf(db), v, topic, { personId: p });
		const meeting = holdMeeting(db, 'consultation', topic, [p]);
		linkMeeting(db, clerkOf(db), v, topic, meeting.meetingId);
		recordOutcome(db, clerkOf(db), v, topic, '同意栽种');
		chooseRoute(db, clerkOf(db), v, topic, { route: 'implement' });
		startImplementation(db, clerkOf(db), v, topic, {
			responsiblePersonId: p,
			plan: 'x',
			budget: [{ source: '自筹', amountFen: 1 }]
		});
		const files = unzip(matterArchive(db, v, topic)!);
		expect(Object.keys(files).sort()).toEqual(
			[
				'README.txt',
				'audit.jsonl',
				'implementation.html',
				'matter.json',
				`minutes-${meeting.meetingId}.html`,
				'notices.html',
				'register.html',
				'verify.py'
			].sort()
		);
		const matter = JSON.parse(files['matter.json']);
		expect(matter.topic.id).toBe(topic);
		expect(matter.meetings[0].speeches).toHaveLength(1);
		expect(matter.notices.map((n: { kind: string }) => n.kind)).toEqual([
			'meeting',
			'consultation_outcome'
		]);
		// Escaped, never raw markup.
		expect(files['register.html']).toContain('&lt;荒山&gt;');
		expect(files['register.html']).not.toContain('<荒山>');
		const audit = files['audit.jsonl']
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		const actions = audit.map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'meeting.closed',
				'consultation.outcome_recorded',
				'implementation.started'
			])
		);
		for (const entry of audit) expect(hashEntry(entry)).toBe(entry.hash);
		expect(files['README.txt']).toContain('SHA-256');
		// The verifier shipped in the archive accepts the archive's own audit lines.
		const dir = mkdtempSync(join(tmpdir(), 'verify-'));
		try {
			writeFileSync(join(dir, 'audit.jsonl'), files['audit.jsonl']);
			writeFileSync(join(dir, 'verify.py'), files['verify.py']);
			expect(execFileSync('python3', ['verify.py'], { cwd: dir }).toString().trim()).toBe('ok');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('holds the six register sheets of a 4+2 matter, with the supervision opinion', () => {
		const v = demoVillageId(db);
		const topic = topicOn(db, 'four_plus_two', {
			category: 'development',
			art24: ['public_welfare']
		});
		for (const type of ['two_committees', 'party_assembly', 'villagers_meeting'] as const)
			recordStep(db, clerkOf(db), v, topic, holdMeeting(db, type, topic).motionId!);
		publishResolution(db, clerkOf(db), v, topic);
		startImplementation(db, clerkOf(db), v, topic, {
			responsiblePersonId: personByPhone(db, '13800000003'),
			plan: '建舞台',
			budget: [{ source: '村集体自筹', amountFen: 100 }]
		});
		completeImplementation(db, clerkOf(db), v, topic, {
			completedOn: '2026-10-01',
			summary: '建成'
		});
		expect(discloseResult(db, supervisorOf(db), v, topic, { opinion: '账目清楚' }).ok).toBe(true);

		const files = unzip(matterArchive(db, v, topic)!);
		const matter = JSON.parse(files['matter.json']);
		expect(matter.register.sheets).toHaveLength(6);
		expect(matter.register.sheets.every((s: { done: boolean }) => s.done)).toBe(true);
		for (const step of [1, 2, 3, 4, 5, 6]) expect(files['register.html']).toContain(`第${step}张`);
		expect(files['register.html']).toContain('账目清楚');
		expect(files['register.html']).toContain('陈淑珍');
		// Names only: the register sheets carry no phone numbers.
		expect(files['register.html']).not.toMatch(/1[3-9]\d{9}/);
	});

	it('is null for a topic of no village', () => {
		expect(matterArchive(db, demoVillageId(db), 999_999)).toBeNull();
	});
});
