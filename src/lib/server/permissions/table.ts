// Every domain command with the rule that lets someone call it, and every form action of the app
// with the command it calls. Plain data, imported by the permission test (every role × every
// command) and by the attack suite's route inventory (tests/attacks/routes.ts), so a new command
// or action without a declared rule fails both.

/**
 * Who passes, named for what they are: `staff` the clerk or branch secretary of the village;
 * `member` any of its members; `supervisor` a member of its supervision committee on the day;
 * `staffOrResponsible` staff, or the person responsible for that implementation; `selfOrStaff` a
 * member acting for themselves, or staff acting for anyone; `accountManager` whoever may manage
 * that login (accounts.ts); `township` the staff (official or reviewer) of the village's township;
 * `townshipOfficial` an official of it (not a reviewer); `internal` no request: called only inside another command's
 * transaction, which has checked.
 */
export type Rule =
	| 'public'
	| 'signedIn'
	| 'admin'
	| 'member'
	| 'staff'
	| 'supervisor'
	| 'staffOrResponsible'
	| 'selfOrStaff'
	| 'accountManager'
	| 'township'
	| 'townshipOfficial'
	| 'internal';

/** How the attack suite's roles meet a rule (its world: the responsible person is the secretary). */
export type Gate =
	| 'public'
	| 'signedIn'
	| 'admin'
	| 'member'
	| 'staff'
	| 'supervisor'
	| 'township'
	| 'townshipOfficial';

export const GATE_OF_RULE: Record<Exclude<Rule, 'internal'>, Gate> = {
	public: 'public',
	signedIn: 'signedIn',
	admin: 'admin',
	member: 'member',
	staff: 'staff',
	supervisor: 'supervisor',
	staffOrResponsible: 'staff',
	selfOrStaff: 'member',
	accountManager: 'staff',
	township: 'township',
	townshipOfficial: 'townshipOfficial'
};

export const COMMANDS = {
	// auth
	checkLogin: 'public',
	redeemActivationCode: 'public',
	changePassword: 'signedIn',
	invalidateUserSessions: 'internal',
	createAccount: 'accountManager',
	openVillageAccount: 'accountManager',
	issueActivationCode: 'accountManager',
	setAccountDisabled: 'accountManager',
	createTownshipAccount: 'admin',
	openTownshipAccount: 'admin',
	// The township answers what its villages referred (township/referrals.ts): an official, not a reviewer.
	answerReferral: 'townshipOfficial',
	// villages
	createVillage: 'admin',
	addVillageStaff: 'accountManager',
	updateVillageSettings: 'staff',
	updateRuleOptions: 'staff',
	updateObjectionRoute: 'staff',
	// roster
	addStructureNames: 'staff',
	updatePerson: 'staff',
	movePerson: 'staff',
	setPersonStatus: 'staff',
	recordRelation: 'staff',
	removeRelation: 'staff',
	addCollectiveMember: 'staff',
	endCollectiveMembership: 'staff',
	updateHousehold: 'staff',
	assignRole: 'staff',
	endRole: 'staff',
	recordFullMembership: 'staff',
	stageImport: 'staff',
	applyStagedImport: 'staff',
	applyImport: 'internal',
	issueGridActivationCodes: 'staff',
	// outbox
	sendPendingSms: 'staff',
	// The person themselves, or the clerk for them.
	setNotifyPreference: 'selfOrStaff',
	// The outbox (outbox/): a message is queued inside the event's own command; the grid head of
	// the person's grid, their messenger or staff ticks a call done (narrowed in the domain).
	queueMessage: 'internal',
	markDelivered: 'member',
	setPreferredChannel: 'selfOrStaff',
	// households (党员联系户): the contact member's own households, refused in the domain otherwise.
	assignHouseholds: 'staff',
	endHouseholdContact: 'staff',
	updateVisitCadence: 'staff',
	logHouseholdVisit: 'member',
	followUpVisit: 'member',
	updateHouseholdNotes: 'member',
	// topics
	createTopic: 'member',
	fileServiceRequest: 'member',
	// The grid head of that grid on the day, or staff (checked on the grid or the item).
	recordGridPointItem: 'member',
	resolveGridPointItem: 'member',
	addVolunteer: 'staff',
	// The hall's desk takes bookings: an activity or a private use on a venue (venues/booking.ts).
	bookEvent: 'staff',
	changeEvent: 'staff',
	cancelEvent: 'staff',
	// The village's venue list and its 红白理事会 rules for private uses (venues/venues.ts, hall-rules.ts).
	addVenue: 'staff',
	changeVenue: 'staff',
	retireVenue: 'staff',
	updateHallRules: 'staff',

	// How many came to a hall event (venues/attendance.ts): the desk counts or opens the door's QR
	// sign-in; any member signs in for themselves with the door's key.
	recordAttendance: 'staff',
	issueCheckinKey: 'staff',
	checkInToEvent: 'member',

	// Honour rounds (honours/): the committee runs the round; members nominate (a grid head for a
	// villager of their grid) and vote, narrowed on the round: resident adults only, once a title.
	openHonourRound: 'staff',
	closeNominations: 'staff',
	reviewNomination: 'staff',
	openVoting: 'staff',
	recordMeetingCount: 'staff',
	countRound: 'staff',
	publishRound: 'staff',
	cancelRound: 'staff',
	nominate: 'member',
	castHonourBallot: 'member',

	// The village's rules: the existing text typed in once, a reviewed and adopted revision put in
	// force, and its filing with the township (village-rules/).
	recordExistingText: 'staff',
	enactRevision: 'staff',
	fileRulesVersion: 'staff',
	acknowledgeFiling: 'staff',
	// The township's filing inbox (备案, township/filings.ts): its official or reviewer answers.
	acknowledgeTownshipFiling: 'township',
	returnTownshipFiling: 'township',
	endVolunteer: 'staff',

	updateServiceCategories: 'staff',
	// The service window's verbs after filing; `member` ones are narrowed on the case itself: the
	// assignee accepts, declines; the villager or whoever speaks for them rates, withdraws.
	dispatchCase: 'staff',
	acceptCase: 'member',
	declineCase: 'member',
	completeCase: 'staffOrResponsible',
	rateCase: 'member',
	recordFollowUp: 'staff',
	referCase: 'staff',
	withdrawCase: 'member',
	caseToTopic: 'staff',
	triageToService: 'staff',
	updateDraft: 'member',
	submitDraft: 'member',
	confirmTopic: 'member',
	// Whoever filed the topic for the villager, or staff at the window (checked on the topic).
	recordReadBack: 'member',
	withdrawTopic: 'member',
	cosign: 'member',
	withdrawCosign: 'member',
	addOpinion: 'member',
	hideOpinion: 'staff',
	triageTopic: 'staff',
	completeDirect: 'staff',
	// meetings
	createMeeting: 'staff',
	updateDraftMeeting: 'staff',
	addAgendaItem: 'staff',
	notifyMeeting: 'staff',
	reNoticeMeeting: 'staff',
	// Posts the board notice inside notifyMeeting's and reNoticeMeeting's transaction.
	postMeetingNotice: 'internal',
	openMeeting: 'staff',
	signIn: 'selfOrStaff',
	markAttendanceMany: 'staff',
	markLeft: 'staff',
	addGuest: 'staff',
	// The township attendee: staff invite an official, who signs in themselves.
	inviteTownshipOfficial: 'staff',
	signInAsTownshipAttendee: 'townshipOfficial',
	recordEntrustment: 'staff',
	addSpeech: 'staff',
	startDiscussion: 'staff',
	setSpeakerLimit: 'staff',
	askForFloor: 'selfOrStaff',
	withdrawFloorRequest: 'selfOrStaff',
	startSpeech: 'staff',
	endSpeech: 'staff',
	// Ends the queue inside closeMeeting's transaction, before the meeting is frozen.
	closeSpeakerQueue: 'internal',
	createMotion: 'staff',
	openMotion: 'staff',
	castBallot: 'member',
	recordRollCall: 'staff',
	recordPaperBallots: 'staff',
	recordHands: 'staff',
	markRecusal: 'selfOrStaff',
	closeMotion: 'staff',
	closeMeeting: 'staff',
	submitWrittenOpinion: 'member',
	setMinutesText: 'staff',
	confirmMinutes: 'member',
	attestSignedSheet: 'staff',
	appendCorrection: 'staff',
	// procedure and resolutions
	appendProcedureEvent: 'internal',
	recordStep: 'staff',
	recordFailedVote: 'staff',
	authorizeReps: 'staff',
	publishResolution: 'staff',
	publishResolutionById: 'staff',
	correctResolution: 'staff',
	// consultation
	addParty: 'staff',
	recordMaterialsSent: 'staff',
	linkMeeting: 'staff',
	recordOutcome: 'staff',
	chooseRoute: 'staff',
	recordFeedback: 'staff',
	recordCoordinationOutcome: 'staff',
	recordCoordinationDone: 'staff',
	// notices and objections
	postNotice: 'internal',
	postStaffNotice: 'staff',
	fileObjection: 'member',
	answerObjection: 'staff',
	escalateObjection: 'member',
	recordPaperObjection: 'staff',
	// implementation
	startImplementation: 'staff',
	// Also the service case's progress (services/handling.ts): staff, or the case's assignee.
	recordProgress: 'staffOrResponsible',
	completeImplementation: 'staffOrResponsible',
	discloseResult: 'supervisor',
	archiveMatter: 'staff',
	// village rules: the committee drafts and records the township's review; any member comments,
	// for themself or (narrowed in the domain) for a villager they may file for.
	openRulesRevision: 'staff',
	draftChange: 'staff',
	removeDraftChange: 'staff',
	openComments: 'staff',
	commentOnChange: 'member',
	answerComment: 'staff',
	sendForReview: 'staff',
	recordReview: 'staff',
	withdrawRevision: 'staff'
} as const satisfies Record<string, Rule>;

export type Command = keyof typeof COMMANDS;

/** A form action's command; `as` when the action uses it more narrowly than its rule. */
export type ActionCommand = Command | { command: Command; as: Gate };

export const ROUTE_ACTIONS: Record<string, Record<string, ActionCommand>> = {
	'/account': { changePassword: 'changePassword' },
	'/activate': { default: 'redeemActivationCode' },
	'/admin': {
		createVillage: 'createVillage',
		addStaff: { command: 'addVillageStaff', as: 'admin' },
		addTownshipAccount: 'openTownshipAccount'
	},
	'/login': { default: 'checkLogin' },
	'/township/filings': { acknowledge: 'acknowledgeTownshipFiling', return: 'returnTownshipFiling' },
	// The township official answers a referral on its page (township/referrals.ts).
	'/township/referrals/[id]': { answer: 'answerReferral' },
	// The villager sets how they want to be told, on their home page.
	'/[village]': { notify: 'setNotifyPreference', channel: 'setPreferredChannel' },
	'/[village]/accounts': {
		create: 'openVillageAccount',
		issueCode: 'issueActivationCode',
		disable: 'setAccountDisabled',
		enable: 'setAccountDisabled'
	},
	'/[village]/authorizations': { default: 'authorizeReps' },
	'/[village]/honours/new': { open: 'openHonourRound' },
	'/[village]/outbox/sms': { send: 'sendPendingSms' },
	'/[village]/honours/[id]': {
		nominate: 'nominate',
		vote: 'castHonourBallot',
		review: 'reviewNomination',
		closeNominations: 'closeNominations',
		openVoting: 'openVoting',
		meetingCount: 'recordMeetingCount',
		count: 'countRound',
		publish: 'publishRound',
		cancel: 'cancelRound'
	},
	'/[village]/grid-point': {
		record: 'recordGridPointItem',
		toCase: 'resolveGridPointItem',
		toTopic: 'resolveGridPointItem',
		toNote: 'resolveGridPointItem'
	},
	'/[village]/dashboard': { publish: 'publishResolutionById' },
	'/[village]/meetings/new': { create: 'createMeeting' },
	'/[village]/meetings/[id]': {
		vote: 'castBallot',
		// The member recuses themselves; the console recuses someone else.
		recuse: { command: 'markRecusal', as: 'member' },
		opinion: 'submitWrittenOpinion',
		// The attendee asks for the floor for themselves, and withdraws their own request.
		askFloor: { command: 'askForFloor', as: 'member' },
		withdrawFloor: { command: 'withdrawFloorRequest', as: 'member' }
	},
	'/[village]/meetings/[id]/checkin': { checkIn: 'signIn' },
	'/[village]/meetings/[id]/console': {
		addAgenda: 'addAgendaItem',
		edit: 'updateDraftMeeting',
		notify: 'notifyMeeting',
		reNotice: 'reNoticeMeeting',
		open: 'openMeeting',
		addGuest: 'addGuest',
		inviteTownship: 'inviteTownshipOfficial',
		entrust: 'recordEntrustment',
		// The console signs in someone else.
		signIn: { command: 'signIn', as: 'staff' },
		markPresent: 'markAttendanceMany',
		markLeft: 'markLeft',
		addSpeech: 'addSpeech',
		discuss: 'startDiscussion',
		speakerLimit: 'setSpeakerLimit',
		// The console adds someone else to the queue, and removes (skips) them.
		addSpeaker: { command: 'askForFloor', as: 'staff' },
		startSpeech: 'startSpeech',
		endSpeech: 'endSpeech',
		removeSpeaker: { command: 'withdrawFloorRequest', as: 'staff' },
		createMotion: 'createMotion',
		openMotion: 'openMotion',
		hands: 'recordHands',
		recuse: { command: 'markRecusal', as: 'staff' },
		rollCall: 'recordRollCall',
		secretPaper: 'recordPaperBallots',
		closeMotion: 'closeMotion',
		closeMeeting: 'closeMeeting'
	},
	'/[village]/meetings/[id]/minutes': {
		saveText: 'setMinutesText',
		confirm: 'confirmMinutes',
		attest: 'attestSignedSheet',
		correct: 'appendCorrection'
	},
	'/[village]/meetings/[id]/outcome': {
		record: 'recordCoordinationOutcome',
		done: 'recordCoordinationDone'
	},
	'/[village]/notices/[seq]': {
		object: 'fileObjection',
		answer: 'answerObjection',
		escalate: 'escalateObjection'
	},
	'/[village]/notices/desk': {
		post: 'postStaffNotice',
		correct: 'postStaffNotice',
		answer: 'answerObjection',
		record: 'recordPaperObjection'
	},
	'/[village]/households': { assign: 'assignHouseholds', end: 'endHouseholdContact' },
	// The hall's booking desk, a booking's page, and the venue list with its 红白理事会 rules.
	'/[village]/hall': { book: 'bookEvent' },
	'/[village]/hall/[id]': { change: 'changeEvent', cancel: 'cancelEvent' },
	'/[village]/venues': {
		add: 'addVenue',
		change: 'changeVenue',
		retire: 'retireVenue',
		rules: 'updateHallRules'
	},

	// A hall event's attendance: the desk's count and its door code; the villager's own sign-in.
	'/[village]/hall/[id]/attendance': { record: 'recordAttendance', openCheckin: 'issueCheckinKey' },
	'/[village]/hall/[id]/checkin': { checkIn: 'checkInToEvent' },
	// The household's contact member, and the staff for the notes; anyone else finds no household.
	'/[village]/households/[household]': {
		visit: 'logHouseholdVisit',
		followUp: 'followUpVisit',
		notes: 'updateHouseholdNotes'
	},
	'/[village]/resolutions/[id]': {
		correct: 'correctResolution',
		publish: 'publishResolutionById'
	},
	// The revision's page: staff draft and record the review; members comment, for themselves or
	// (narrowed in the domain) written down for a villager they may file for.
	'/[village]/rules/revisions/[id]': {
		draft: 'draftChange',
		removeChange: 'removeDraftChange',
		openComments: 'openComments',
		comment: 'commentOnChange',
		commentFor: 'commentOnChange',
		answer: 'answerComment',
		send: 'sendForReview',
		review: 'recordReview',
		withdraw: 'withdrawRevision'
	},
	'/[village]/roster/activation-sheet': { issue: 'issueGridActivationCodes' },
	'/[village]/roster/collective': { add: 'addCollectiveMember', end: 'endCollectiveMembership' },
	'/[village]/roster/households/[household]': { update: 'updateHousehold' },
	'/[village]/roster/import': { preview: 'stageImport', confirm: 'applyStagedImport' },
	'/[village]/roster/people/[person]': {
		update: 'updatePerson',
		move: 'movePerson',
		status: 'setPersonStatus',
		assignRole: 'assignRole',
		addRelation: 'recordRelation',
		removeRelation: 'removeRelation',
		endRole: 'endRole',
		fullMember: 'recordFullMembership',
		// The clerk sets it for the person on the page.
		notify: { command: 'setNotifyPreference', as: 'staff' },
		channel: { command: 'setPreferredChannel', as: 'staff' }
	},
	// A grid head ticks a call of her grid done; staff any (narrowed in the domain).
	'/[village]/outbox/[id]/calls': { done: 'markDelivered' },
	'/[village]/roster/volunteers': { add: 'addVolunteer', end: 'endVolunteer' },
	'/[village]/roster/structure': { addGroups: 'addStructureNames', addGrids: 'addStructureNames' },
	'/[village]/services/new': { file: 'fileServiceRequest' },
	'/[village]/rules/record': { default: 'recordExistingText' },
	'/[village]/rules/revisions/[id]/enact': { default: 'enactRevision' },
	'/[village]/rules/filings': { file: 'fileRulesVersion', acknowledge: 'acknowledgeFiling' },
	'/[village]/settings': {
		cadence: 'updateVisitCadence',
		save: 'updateVillageSettings',
		rules: 'updateRuleOptions',
		objectionRoute: 'updateObjectionRoute',
		categories: 'updateServiceCategories'
	},
	// The committee member gives the opinion in their own workspace, as on the implementation page.
	'/[village]/supervision': { disclose: 'discloseResult' },
	'/[village]/services/[number]': {
		dispatch: 'dispatchCase',
		accept: 'acceptCase',
		decline: 'declineCase',
		progress: 'recordProgress',
		complete: 'completeCase',
		rate: 'rateCase',
		followUp: 'recordFollowUp',
		refer: 'referCase',
		withdraw: 'withdrawCase',
		toTopic: 'caseToTopic'
	},
	'/[village]/topics/new': { submit: 'createTopic', draft: 'createTopic' },
	'/[village]/topics/[number]': {
		cosign: 'cosign',
		uncosign: 'withdrawCosign',
		confirm: 'confirmTopic',
		readBack: 'recordReadBack',
		withdraw: 'withdrawTopic',
		saveDraft: 'updateDraft',
		submitDraft: 'submitDraft',
		opinion: 'addOpinion',
		hideOpinion: 'hideOpinion',
		triage: 'triageToService',
		complete: 'completeDirect',
		openRevision: 'openRulesRevision'
	},
	'/[village]/topics/[number]/consultation': {
		party: 'addParty',
		materials: 'recordMaterialsSent',
		meeting: 'linkMeeting',
		outcome: 'recordOutcome',
		route: 'chooseRoute',
		feedback: 'recordFeedback'
	},
	'/[village]/topics/[number]/implementation': {
		start: 'startImplementation',
		progress: 'recordProgress',
		complete: 'completeImplementation',
		disclose: 'discloseResult',
		archive: 'archiveMatter'
	},
	'/[village]/topics/[number]/procedure': {
		step: 'recordStep',
		failed: 'recordFailedVote',
		publish: 'publishResolution'
	},
	// The invited township official signs in to a village's meeting from the township's desk.
	'/township/meetings': { signIn: 'signInAsTownshipAttendee' }
};

/** The gate a form action stands behind: its command's rule, or what the action narrows it to. */
export function gateOfAction(ref: ActionCommand): Gate {
	if (typeof ref !== 'string') return ref.as;
	const rule: Rule = COMMANDS[ref];
	if (rule === 'internal') throw new Error(`${ref} is internal: no form action may call it`);
	return GATE_OF_RULE[rule];
}
