// Doing what is not yours: every form action and POST endpoint, sent with plausible fields and
// real ids by everyone it is not for (a villager calling every clerk action among them), and the
// forms of each village fed the other village's ids. Each attempt must be refused and must leave
// the database exactly as it was: not one commit.
import { expect, sharedServerTest as test } from '../fixtures.ts';
import { bodyOf, calls, target, type Call } from './access-calls.ts';
import {
	DbWatch,
	ROLES,
	form,
	messageOf,
	pool,
	send,
	worldOf,
	type Role,
	type World
} from './access-world.ts';
import { passes } from './routes.ts';

interface Try {
	label: string;
	role: Role;
	path: string;
	body: ReturnType<typeof bodyOf>;
}

/**
 * Sends the attempts, eight at a time, and checks that none was let through and that not one
 * commit reached the database (SQLite's data_version moves with any other connection's commit).
 */
async function attempt(
	w: World,
	tries: Try[],
	refused: (role: Role, status: number, location: string) => boolean
): Promise<string[]> {
	const failures: string[] = [];
	const version = w.watch.version();
	const before = w.watch.digests();
	await pool(tries, 8, async ({ label, role, path, body }) => {
		const r = await send(w.app, w.cookies[role], 'POST', path, body);
		if (r.status >= 500 || !refused(role, r.status, r.location))
			failures.push(`${label} as ${role}: ${r.status} ${r.location}${messageOf(r.text)}`);
	});
	const changed = DbWatch.changed(before, w.watch.digests());
	if (w.watch.version() !== version || changed.length)
		failures.push(`the database changed: ${changed.join(', ') || 'a commit with no visible row'}`);
	return failures;
}

const refusedByGate = (role: Role, status: number, location: string) =>
	role === 'anonymous'
		? (status === 303 && location.startsWith('/login')) || status === 403
		: status === 403 || status === 404;

test('every action is refused to everyone it is not for, and nothing changes', async ({
	sharedApp
}) => {
	const w = await worldOf(sharedApp);
	const all = calls(w);
	const tries = all.flatMap((call) =>
		ROLES.filter((r) => !passes(call.gate, r)).map((role) => ({
			label: `${call.route} ${call.action}`,
			role,
			path: target(call),
			body: bodyOf(call)
		}))
	);
	expect(await attempt(w, tries, refusedByGate)).toEqual([]);
	// The villager alone met every clerk action.
	const clerkOnly = all.filter((c) => c.gate === 'staff');
	expect(clerkOnly.length).toBeGreaterThan(60);
	expect(tries.length).toBeGreaterThan(400);
	expect(tries.filter((t) => t.role === 'villager').length).toBe(
		all.filter((c) => !passes(c.gate, 'villager')).length
	);

	// The watch does see a write: the clerk's own call of the same kind goes through.
	const version = w.watch.version();
	const audit = w.watch.audit();
	const r = await send(
		sharedApp,
		w.cookies.clerk,
		'POST',
		'/xinyang/roster/structure?/addGroups',
		form({ names: '第十村民小组' })
	);
	expect(r.status).toBe(200);
	expect(w.watch.version()).not.toBe(version);
	expect(w.watch.audit()).toBeGreaterThan(audit);
});

test('the forms of each village refuse the other village’s ids, and nothing changes', async ({
	sharedApp
}) => {
	const w = await worldOf(sharedApp);
	const { xy, ds } = w;
	type Cross = [Role, Pick<Call, 'path' | 'action' | 'fields'>];
	const id = String;
	const cross: Cross[] = [
		// 新阳's clerk, in 新阳, naming 东山's records.
		[
			'clerk',
			{ path: '/xinyang/accounts', action: 'disable', fields: { accountId: id(ds.account) } }
		],
		[
			'clerk',
			{ path: '/xinyang/accounts', action: 'issueCode', fields: { accountId: id(ds.account) } }
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${ds.person}`,
				action: 'update',
				fields: { name: '改名', gender: 'm', birthDate: '1970-01-01' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${ds.person}`,
				action: 'status',
				fields: { status: 'deceased', date: '2026-01-01' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${xy.spare}`,
				action: 'endRole',
				fields: { roleId: id(ds.role), endDate: '2026-01-01' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${xy.spare}`,
				action: 'assignRole',
				fields: { role: 'grid_head', startDate: '2026-01-01', gridId: id(ds.grid) }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${xy.spare}`,
				action: 'addRelation',
				fields: { relativeId: id(ds.person), kind: 'spouse' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/people/${xy.spare}`,
				action: 'removeRelation',
				fields: { relativeId: id(ds.person) }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/households/${ds.household}`,
				action: 'update',
				fields: { address: '改' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/roster/households/${xy.household}`,
				action: 'update',
				fields: { address: '改', gridId: id(ds.grid), groupId: id(ds.group) }
			}
		],
		[
			'clerk',
			{
				path: '/xinyang/roster/import',
				action: 'confirm',
				fields: { importId: id(ds.stagedImport) }
			}
		],
		[
			'clerk',
			{ path: '/xinyang/roster/activation-sheet', action: 'issue', fields: { gridId: id(ds.grid) } }
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${ds.meeting}/console`,
				action: 'addAgenda',
				fields: { title: '议程' }
			}
		],
		['clerk', { path: `/xinyang/meetings/${ds.meeting}/console`, action: 'notify', fields: {} }],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${xy.draftMeeting}/console`,
				action: 'addSpeech',
				fields: { item: id(ds.agendaItem), speakerName: '某', summary: '某' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${xy.draftMeeting}/console`,
				action: 'createMotion',
				fields: { item: id(ds.agendaItem), method: 'hands', text: '某' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${xy.draftMeeting}/console`,
				action: 'edit',
				fields: { title: '改', meetingDate: '2026-12-30', chairPersonId: id(ds.person) }
			}
		],
		[
			'clerk',
			{
				path: '/xinyang/meetings/new',
				action: 'create',
				fields: {
					type: 'group_meeting',
					title: '小组会议',
					meetingDate: '2026-12-30',
					groupId: id(ds.group)
				}
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${ds.meeting}/minutes`,
				action: 'correct',
				fields: { correction: '改', reason: '改' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/topics/${ds.topic}`,
				action: 'triage',
				fields: { art24Answer: 'no', route: 'direct', reason: '某' }
			}
		],
		['clerk', { path: `/xinyang/topics/${ds.topic}`, action: 'opinion', fields: { body: '某' } }],
		[
			'clerk',
			{
				path: '/xinyang/topics/new',
				action: 'submit',
				fields: {
					title: '代提',
					description: '某',
					category: 'other',
					forPerson: id(ds.person),
					channel: 'phone',
					consentKind: 'read_back',
					consentAt: '2026-01-01T08:00'
				}
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				action: 'party',
				fields: { person: id(ds.person), interest: '某' }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				action: 'meeting',
				fields: { meeting: id(ds.meeting) }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${xy.urgentMeeting}/outcome`,
				action: 'record',
				fields: { agreed: '某', person0: id(ds.person), task0: '某' }
			}
		],
		// 东山's clerk, in 东山, naming 新阳's records.
		[
			'dsClerk',
			{
				path: '/dongshan/accounts',
				action: 'disable',
				fields: { accountId: id(xy.villagerAccount) }
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/accounts',
				action: 'enable',
				fields: { accountId: id(xy.villagerAccount) }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/roster/people/${xy.person}`,
				action: 'update',
				fields: { name: '改名', gender: 'f', birthDate: '1970-01-01' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/roster/people/${ds.person}`,
				action: 'endRole',
				fields: { roleId: id(xy.role), endDate: '2026-01-01' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/roster/people/${ds.person}`,
				action: 'fullMember',
				fields: { roleId: id(xy.role), fullSince: '2026-01-01' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/roster/households/${xy.household}`,
				action: 'update',
				fields: { address: '改' }
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/roster/activation-sheet',
				action: 'issue',
				fields: { gridId: id(xy.grid) }
			}
		],
		[
			'dsClerk',
			{ path: `/dongshan/meetings/${xy.notifiedMeeting}/console`, action: 'open', fields: {} }
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${xy.notifiedMeeting}/console`,
				action: 'signIn',
				fields: { person: id(xy.person) }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${ds.meeting}/console`,
				action: 'addSpeech',
				fields: { item: id(xy.agendaItem), speakerName: '某', summary: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${xy.notifiedMeeting}/console`,
				action: 'discuss',
				fields: { item: id(xy.agendaItem) }
			}
		],
		[
			'clerk',
			{
				path: `/xinyang/meetings/${xy.notifiedMeeting}/console`,
				action: 'discuss',
				fields: { item: id(ds.agendaItem) }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${ds.meeting}/console`,
				action: 'openMotion',
				fields: { motion: id(xy.motion) }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${ds.meeting}/console`,
				action: 'hands',
				fields: { motion: id(xy.motion), yes: '1', no: '0', abstain: '0' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${ds.meeting}/console`,
				action: 'addAgenda',
				fields: { title: '某', topic: id(xy.topicId) }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${xy.closedMeeting}/minutes`,
				action: 'correct',
				fields: { correction: '改', reason: '改' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${xy.closedMeeting}/minutes`,
				action: 'saveText',
				fields: { text: '改' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/meetings/${xy.urgentMeeting}/outcome`,
				action: 'record',
				fields: { agreed: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/notices/${ds.notice}`,
				action: 'answer',
				fields: { objection: id(xy.objection), answer: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/notices/desk',
				action: 'answer',
				fields: { objection: id(xy.objection), answer: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/resolutions/${xy.resolution}`,
				action: 'correct',
				fields: { text: '改', reason: '改' }
			}
		],
		['dsClerk', { path: `/dongshan/resolutions/${xy.resolution}`, action: 'publish', fields: {} }],
		[
			'dsClerk',
			{
				path: `/dongshan/topics/${xy.topic}`,
				action: 'triage',
				fields: { art24Answer: 'no', route: 'direct', reason: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: `/dongshan/topics/${ds.topic}`,
				action: 'hideOpinion',
				fields: { opinionId: id(xy.opinion), reason: '某' }
			}
		],
		[
			'dsClerk',
			{ path: `/dongshan/topics/${xy.fourPlusTwo}/procedure`, action: 'publish', fields: {} }
		],
		[
			'dsClerk',
			{ path: `/dongshan/topics/${xy.fourPlusTwo}/implementation`, action: 'archive', fields: {} }
		],
		[
			'dsClerk',
			{
				path: `/dongshan/topics/${xy.consultationTopic}/consultation`,
				action: 'outcome',
				fields: { outcome: '某' }
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/authorizations',
				action: 'default',
				fields: {
					motion: id(xy.motion),
					categories: 'other',
					validFrom: '2026-01-01',
					validTo: '2026-12-31'
				}
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/meetings/new',
				action: 'create',
				fields: {
					type: 'reps_meeting',
					title: '某',
					meetingDate: '2026-12-30',
					chairPersonId: id(xy.person)
				}
			}
		],
		[
			'dsClerk',
			{
				path: '/dongshan/topics/new',
				action: 'submit',
				fields: {
					title: '代提',
					description: '某',
					category: 'other',
					forPerson: id(xy.spare),
					channel: 'phone',
					consentKind: 'read_back',
					consentAt: '2026-01-01T08:00'
				}
			}
		],
		// 长青乡's official, naming 新阳's waiting filing under 东山村 (another township's village)
		// and under 湖东村 (his own township's, but not that filing's village).
		[
			'township',
			{
				path: '/township/filings',
				action: 'acknowledge',
				fields: { village: 'dongshan', filing: id(xy.filing) }
			}
		],
		[
			'township',
			{
				path: '/township/filings',
				action: 'return',
				fields: { village: 'hudong', filing: id(xy.filing), reason: '某' }
			}
		]
	];
	const tries = cross.map(([role, call]) => ({
		label: `${call.path} ${call.action}`,
		role,
		path: target(call),
		body: bodyOf(call)
	}));
	expect(
		await attempt(w, tries, (_role, status) => status === 400 || status === 403 || status === 404)
	).toEqual([]);
	expect(tries.length).toBeGreaterThan(45);
});

test('what belongs to one villager is refused to the others, and nothing changes', async ({
	sharedApp
}) => {
	const w = await worldOf(sharedApp);
	const { xy } = w;
	const topic = `/xinyang/topics/${xy.topic}`;
	const draft = `/xinyang/topics/${xy.draftTopic}`;
	const others: Role[] = ['gridHead', 'rep', 'supervisor', 'clerk'];
	// 张秀英's own topic, her draft and her objection: only she may act on them as the proposer.
	const own: Pick<Call, 'path' | 'action' | 'fields'>[] = [
		{ path: topic, action: 'withdraw', fields: {} },
		{ path: topic, action: 'confirm', fields: {} },
		// Her own topic: only staff may record her answer, as no one filed it for her.
		{
			path: topic,
			action: 'readBack',
			fields: { outcome: 'confirmed', readBackAt: '2026-01-01T08:00' }
		},
		{
			path: topic,
			action: 'saveDraft',
			fields: { title: '改', description: '改', category: 'other' }
		},
		{ path: topic, action: 'uncosign', fields: {} },
		{ path: draft, action: 'submitDraft', fields: {} },
		{
			path: draft,
			action: 'saveDraft',
			fields: { title: '改', description: '改', category: 'other' }
		},
		{ path: draft, action: 'withdraw', fields: {} },
		{ path: draft, action: 'cosign', fields: {} },
		{ path: draft, action: 'opinion', fields: { body: '看到了' } },
		{
			path: `/xinyang/notices/${xy.objectionNotice}`,
			action: 'escalate',
			fields: { objection: String(xy.objection) }
		}
	];
	const tries = own.flatMap((call) =>
		others.map((role) => ({
			label: `${call.path} ${call.action}`,
			role,
			path: target(call),
			body: bodyOf(call)
		}))
	);
	// Not even the clerk may name her draft: on an agenda it would reach the public notice.
	tries.push({
		label: 'a draft topic on an agenda',
		role: 'clerk',
		path: `/xinyang/meetings/${xy.draftMeeting}/console?/addAgenda`,
		body: bodyOf({ fields: { title: '议程', topic: String(xy.draftTopicId) } })
	});
	// The answer to a topic filed for a villager is recorded by its filer or staff, not by her
	// neighbours, her representative or the supervision committee.
	for (const role of ['villager', 'rep', 'supervisor'] as Role[])
		tries.push({
			label: 'record the answer to a topic someone else filed',
			role,
			path: `/xinyang/topics/${xy.behalfTopic}?/readBack`,
			body: bodyOf({ fields: { outcome: 'confirmed', readBackAt: '2026-01-01T08:00' } })
		});
	// Filing for someone is for their grid head or representative only.
	for (const role of ['villager', 'supervisor'] as Role[])
		tries.push({
			label: 'file for a villager of another grid',
			role,
			path: '/xinyang/topics/new?/submit',
			body: bodyOf({
				fields: {
					title: '代提',
					description: '代提',
					category: 'other',
					forPerson: String(xy.spare),
					channel: 'phone',
					consentKind: 'read_back',
					consentAt: '2026-01-01T08:00'
				}
			})
		});
	// The grid point's log is kept by its grid head and staff: not by a villager, a representative
	// or the supervision committee, and not by the grid head at another grid.
	const gridPoint: [Role[], string, Record<string, string>][] = [
		[
			['villager', 'rep', 'supervisor', 'gridHead'],
			'record',
			{ grid: String(xy.otherGrid), raisedOn: '2026-01-05', person: '', text: '路灯' }
		],
		[
			['villager', 'rep', 'supervisor'],
			'toCase',
			{ item: String(xy.gridPointItem), category: 'repair' }
		],
		[
			['villager', 'rep', 'supervisor'],
			'toTopic',
			{ item: String(xy.gridPointItem), category: 'other' }
		],
		[['villager', 'rep', 'supervisor'], 'toNote', { item: String(xy.gridPointItem), note: '答复' }],
		[['gridHead'], 'toNote', { item: String(xy.otherGridPointItem), note: '答复' }],
		[['gridHead'], 'toCase', { item: String(xy.otherGridPointItem), category: 'repair' }]
	];
	for (const [roles, action, fields] of gridPoint)
		for (const role of roles)
			tries.push({
				label: `grid point ${action} not theirs`,
				role,
				path: `/xinyang/grid-point?/${action}`,
				body: bodyOf({ fields })
			});
	expect(
		await attempt(w, tries, (_role, status) => status === 400 || status === 403 || status === 404)
	).toEqual([]);
});

test('a service case refuses whoever it is not for, and nothing changes', async ({ sharedApp }) => {
	const w = await worldOf(sharedApp);
	const { xy } = w;
	const mine = `/xinyang/services/${xy.serviceCase}`;
	const theirs = `/xinyang/services/${xy.repCase}`;
	const at = (path: string, action: string, fields: Record<string, string> = {}) => ({
		path: target({ path, action }),
		body: bodyOf({ fields })
	});
	const tries: Try[] = [
		// Her own case, not dispatched to her: she cannot take it on, give it back or finish it.
		...(['accept', 'decline', 'progress', 'complete'] as const).map((action) => ({
			label: `the villager ${action}s her own undispatched case`,
			role: 'villager' as Role,
			...at(mine, action, { reason: '不想办', note: '办了', result: '办完了' })
		})),
		// Rated only once completed; a case waiting for dispatch has nothing to rate.
		{
			label: 'the villager rates too early',
			role: 'villager',
			...at(mine, 'rate', { rating: 'satisfied', comment: '' })
		},
		// Someone else's case is not found at all, whatever she tries.
		...(['withdraw', 'rate', 'accept'] as const).map((action) => ({
			label: `the villager ${action}s someone else's case`,
			role: 'villager' as Role,
			...at(theirs, action, { rating: 'satisfied', comment: '' })
		})),
		// The supervision committee oversees the figures, not a villager's request.
		{ label: 'the supervisor withdraws her case', role: 'supervisor', ...at(mine, 'withdraw') }
	];
	expect(
		await attempt(w, tries, (_role, status) => status === 400 || status === 403 || status === 404)
	).toEqual([]);
});
