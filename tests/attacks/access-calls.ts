// A plausible call of every form action and POST endpoint in 新阳村: the fields its real form
// sends, with the world's real ids. The access attacks send them as the wrong people; the fuzzer
// starts from them and breaks them.
import { PHOTO, form, multipart, type World } from './access-world.ts';
import { ROUTES, type Gate } from './routes.ts';

export type Fields = Record<string, string | string[]>;

export interface Call {
	route: string;
	/** The action's name, or POST for an endpoint. */
	action: string;
	gate: Gate;
	path: string;
	fields: Fields;
	/** Fields that carry a file, sent as multipart. */
	files?: Record<string, { name: string; type: string; data: Uint8Array }>;
}

const day = (offset = 0) =>
	new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

const jpeg = (name: string) => ({ name, type: 'image/jpeg', data: new Uint8Array(PHOTO) });
const csvFile = {
	name: 'roster.csv',
	type: 'text/csv',
	data: new TextEncoder().encode(
		'\uFEFF序号,姓名,性别,出生日期,身份证号,与户主关系,户号,家庭住址,联系电话,村民小组,网格\r\n'
	)
};

/** The fields of each action, keyed route → action. */
function fieldsOf(
	w: World
): Record<string, Record<string, Omit<Call, 'route' | 'action' | 'gate'>>> {
	const { xy } = w;
	const mt = `/xinyang/meetings/${xy.notifiedMeeting}`;
	const draft = `/xinyang/meetings/${xy.draftMeeting}/console`;
	const topic = `/xinyang/topics/${xy.topic}`;
	const decided = `/xinyang/topics/${xy.fourPlusTwo}`;
	const person = `/xinyang/roster/people/${xy.spare}`;
	const revision = `/xinyang/rules/revisions/${xy.revision}`;
	const text = { title: '测试标题', summary: '摘要', body: '正文内容' };
	return {
		'/account': {
			changePassword: {
				path: '/account',
				fields: { current: 'wrong-password-1', password: 'a-new-password-2026' }
			}
		},
		'/activate': {
			default: {
				path: '/activate',
				fields: { phone: '13800000009', code: '12345678', password: 'a-new-password-2026' }
			}
		},
		'/admin': {
			createVillage: {
				path: '/admin',
				fields: {
					name: '西河村',
					slug: 'xihe',
					province: '河北省',
					clerkName: '周平',
					clerkPhone: '13700000009'
				}
			},
			addStaff: {
				path: '/admin',
				fields: {
					villageId: '1',
					role: 'secretary',
					staffName: '钱书记',
					staffPhone: '13700000008'
				}
			},
			addTownshipAccount: {
				path: '/admin',
				fields: {
					townshipId: '1',
					townshipRole: 'township_reviewer',
					officialName: '冯审核',
					officialPhone: '13700000007',
					position: '长青乡司法所'
				}
			}
		},
		'/display': { POST: { path: '/display', fields: { mode: 'large', to: '/xinyang' } } },
		'/language': { POST: { path: '/language', fields: { locale: 'en', to: '/xinyang' } } },
		'/login': {
			default: { path: '/login', fields: { phone: '13800000009', password: 'not-the-password' } }
		},
		'/logout': { POST: { path: '/logout', fields: {} } },
		'/township/filings': {
			acknowledge: {
				path: '/township/filings',
				fields: { village: 'xinyang', filing: String(xy.filing) }
			},
			return: {
				path: '/township/filings',
				fields: { village: 'xinyang', filing: String(xy.filing), reason: '表决人数记载不清' }
			}
		},
		'/[village]': {
			notify: { path: '/xinyang', fields: { via: 'person', viaPerson: String(xy.gridHeadPerson) } },
			channel: { path: '/xinyang', fields: { channel: 'call' } }
		},
		'/[village]/outbox/[id]/calls': {
			done: {
				path: `/xinyang/outbox/${xy.message}/calls`,
				fields: { delivery: String(xy.delivery) }
			}
		},
		'/[village]/accounts': {
			create: {
				path: '/xinyang/accounts',
				fields: { name: '孙大勇', phone: '13811112222', role: 'villager' }
			},
			issueCode: { path: '/xinyang/accounts', fields: { accountId: String(xy.villagerAccount) } },
			disable: { path: '/xinyang/accounts', fields: { accountId: String(xy.villagerAccount) } },
			enable: { path: '/xinyang/accounts', fields: { accountId: String(xy.villagerAccount) } }
		},
		'/[village]/authorizations': {
			default: {
				path: '/xinyang/authorizations',
				fields: {
					motion: String(xy.motion),
					categories: 'livelihood',
					validFrom: day(),
					validTo: day(300)
				}
			}
		},
		'/[village]/dashboard': {
			publish: { path: '/xinyang/dashboard', fields: { resolution: String(xy.resolution) } }
		},
		'/[village]/meetings/new': {
			create: {
				path: '/xinyang/meetings/new',
				fields: { type: 'reps_meeting', title: '村民代表会议：测试', meetingDate: day(20) }
			}
		},
		'/[village]/meetings/[id]': {
			vote: { path: mt, fields: { motionId: String(xy.motion), choice: 'yes', confirmed: 'yes' } },
			recuse: {
				path: mt,
				fields: { motion: String(xy.motion), reason: '本人承包的鱼塘在规划范围内' }
			},
			opinion: {
				path: mt,
				fields: { agendaItemId: String(xy.agendaItem), text: '我同意这个方案。' }
			},
			askFloor: { path: mt, fields: {} },
			withdrawFloor: { path: mt, fields: { request: '1' } }
		},
		'/[village]/meetings/[id]/checkin': {
			checkIn: { path: `${mt}/checkin`, fields: { code: '1234 5678' } }
		},
		'/[village]/meetings/[id]/console': {
			addAgenda: {
				path: draft,
				fields: { title: '议程：测试', topic: String(xy.topicId), materials: '材料' }
			},
			edit: {
				path: draft,
				fields: { title: '支委会：改名', meetingDate: day(31), startsAt: '09:00', place: '议事厅' }
			},
			notify: { path: draft, fields: {} },
			reNotice: {
				path: `${mt}/console`,
				fields: { meetingDate: day(40), startsAt: '09:00', reason: '' }
			},
			open: { path: `${mt}/console`, fields: {} },
			addGuest: { path: `${mt}/console`, fields: { kind: 'observer', name: '王五', position: '' } },
			inviteTownship: {
				path: `${mt}/console`,
				fields: { official: String(xy.townshipOfficial) }
			},
			entrust: {
				path: `${mt}/console`,
				fields: {
					principal: String(xy.person),
					proxy: String(xy.spare),
					entrustedOn: day(),
					note: '原件存村委会'
				}
			},
			signIn: { path: `${mt}/console`, fields: { person: String(xy.person) } },
			markLeft: { path: `${mt}/console`, fields: { person: String(xy.person) } },
			markPresent: { path: `${mt}/console`, fields: { person: [String(xy.person)] } },
			addSpeech: {
				path: `${mt}/console`,
				fields: { item: String(xy.agendaItem), speakerName: '王五', summary: '同意' }
			},
			discuss: { path: `${mt}/console`, fields: { item: String(xy.agendaItem) } },
			speakerLimit: { path: `${mt}/console`, fields: { minutes: '2' } },
			addSpeaker: { path: `${mt}/console`, fields: { person: String(xy.person) } },
			startSpeech: { path: `${mt}/console`, fields: { request: '1' } },
			endSpeech: { path: `${mt}/console`, fields: { request: '1', summary: '同意' } },
			removeSpeaker: { path: `${mt}/console`, fields: { request: '1' } },
			createMotion: {
				path: `${mt}/console`,
				fields: { item: String(xy.agendaItem), method: 'hands', text: '同意' }
			},
			openMotion: { path: `${mt}/console`, fields: { motion: String(xy.motion) } },
			hands: {
				path: `${mt}/console`,
				fields: { motion: String(xy.motion), yes: '10', no: '0', abstain: '0' }
			},
			rollCall: {
				path: `${mt}/console`,
				fields: { motion: String(xy.motion), [`choice-${xy.person}`]: 'yes' }
			},
			secretPaper: {
				path: `${mt}/console`,
				fields: {
					motion: String(xy.motion),
					voter: String(xy.person),
					yes: '1',
					no: '0',
					abstain: '0',
					counter: '甲',
					scrutineer: '乙'
				}
			},
			recuse: {
				path: `${mt}/console`,
				fields: { motion: String(xy.motion), person: String(xy.person), reason: '配偶承包鱼塘' }
			},
			closeMotion: { path: `${mt}/console`, fields: { motion: String(xy.motion), confirm: '1' } },
			closeMeeting: { path: `${mt}/console`, fields: { closeOpenMotions: '1', confirm: '1' } }
		},
		'/[village]/meetings/[id]/minutes': {
			saveText: {
				path: `/xinyang/meetings/${xy.closedMeeting}/minutes`,
				fields: { text: '会议记录' }
			},
			confirm: { path: `/xinyang/meetings/${xy.closedMeeting}/minutes`, fields: {} },
			attest: {
				path: `/xinyang/meetings/${xy.closedMeeting}/minutes`,
				fields: {},
				files: { sheet: jpeg('签字页.jpg') }
			},
			correct: {
				path: `/xinyang/meetings/${xy.closedMeeting}/minutes`,
				fields: { correction: '更正', reason: '笔误' }
			}
		},
		'/[village]/meetings/[id]/outcome': {
			record: {
				path: `/xinyang/meetings/${xy.urgentMeeting}/outcome`,
				fields: { agreed: '明天恢复供水', person0: String(xy.person), task0: '联系水厂' }
			},
			done: {
				path: `/xinyang/meetings/${xy.urgentMeeting}/outcome`,
				fields: { doneOn: '2026-01-01', note: '已恢复供水' }
			}
		},
		'/[village]/notices/[seq]': {
			object: { path: `/xinyang/notices/${xy.objectionNotice}`, fields: { text: '我有异议。' } },
			answer: {
				path: `/xinyang/notices/${xy.objectionNotice}`,
				fields: { objection: String(xy.objection), answer: '答复' }
			},
			escalate: {
				path: `/xinyang/notices/${xy.objectionNotice}`,
				fields: { objection: String(xy.objection) }
			}
		},
		'/township/referrals/[id]': {
			answer: { path: `/township/referrals/${xy.referral}`, fields: { answer: '乡镇的答复' } }
		},
		'/[village]/notices/desk': {
			post: { path: '/xinyang/notices/desk', fields: { kind: 'general', ...text } },
			correct: {
				path: '/xinyang/notices/desk',
				fields: { kind: 'general', ...text, corrects: String(xy.notice) }
			},
			answer: {
				path: '/xinyang/notices/desk',
				fields: { objection: String(xy.objection), answer: '答复' }
			},
			record: {
				path: '/xinyang/notices/desk',
				fields: {
					notice: String(xy.objectionNotice),
					channel: 'letter',
					name: '王秀英',
					receivedOn: day(),
					text: '书面异议'
				}
			}
		},
		'/[village]/resolutions/[id]': {
			correct: {
				path: `/xinyang/resolutions/${xy.resolution}`,
				fields: { text: '更正后的决议', reason: '笔误' }
			},
			publish: { path: `/xinyang/resolutions/${xy.resolution}`, fields: {} }
		},
		'/[village]/roster/activation-sheet': {
			issue: { path: '/xinyang/roster/activation-sheet', fields: { gridId: String(xy.grid) } }
		},
		'/[village]/roster/collective': {
			add: {
				path: '/xinyang/roster/collective',
				fields: { personId: String(xy.spare), since: day() }
			},
			end: {
				path: '/xinyang/roster/collective',
				fields: { personId: String(xy.person), until: day() }
			}
		},
		'/[village]/hall': {
			book: {
				path: '/xinyang/hall',
				fields: {
					kind: 'training',
					title: '电商培训',
					venueId: String(xy.venue),
					date: day(50),
					startTime: '06:00',
					endTime: '07:00'
				}
			}
		},
		'/[village]/hall/[id]': {
			change: {
				path: `/xinyang/hall/${xy.hallEvent}`,
				fields: {
					title: '读书会',
					venueId: String(xy.venue),
					date: day(45),
					startTime: '06:00',
					endTime: '06:45'
				}
			},
			cancel: { path: `/xinyang/hall/${xy.hallEvent}`, fields: { reason: '场地维修' } }
		},
		'/[village]/outbox/sms': { send: { path: '/xinyang/outbox/sms', fields: {} } },
		'/[village]/venues': {
			add: { path: '/xinyang/venues', fields: { name: '老年活动中心', capacity: '40' } },
			change: {
				path: '/xinyang/venues',
				fields: { venueId: String(xy.venue), name: '湖边议事厅', capacity: '120', position: '1' }
			},
			retire: { path: '/xinyang/venues', fields: { venueId: String(xy.venue), from: day(400) } },
			rules: {
				path: '/xinyang/venues',
				fields: { privateUses: '1', maxTables: '20', maxHours: '3', text: '婚事新办，丧事简办' }
			}
		},
		'/[village]/hall/[id]/attendance': {
			record: { path: `/xinyang/hall/${xy.todayHallEvent}/attendance`, fields: { count: '12' } },
			openCheckin: { path: `/xinyang/hall/${xy.todayHallEvent}/attendance`, fields: {} }
		},
		'/[village]/hall/[id]/checkin': {
			checkIn: {
				path: `/xinyang/hall/${xy.todayHallEvent}/checkin`,
				fields: { key: 'not-the-key' }
			}
		},
		'/[village]/households': {
			assign: {
				path: '/xinyang/households',
				fields: { personId: String(xy.gridHeadPerson), householdIds: [String(xy.household)] }
			},
			end: { path: '/xinyang/households', fields: { contactId: '1' } }
		},
		'/[village]/households/[household]': {
			visit: {
				path: `/xinyang/households/${xy.household}`,
				fields: { visitedOn: day(), means: 'in_person', heard: '家里都好。' }
			},
			followUp: {
				path: `/xinyang/households/${xy.household}`,
				fields: {
					visitId: '1',
					kind: 'service',
					personId: String(xy.person),
					title: '代缴医保',
					category: 'social_insurance'
				}
			},
			notes: {
				path: `/xinyang/households/${xy.household}`,
				fields: {
					situation: '老两口在家。',
					needs: '',
					opinions: '',
					canHelp: '',
					canReach: '',
					health: ''
				}
			}
		},
		'/[village]/roster/households/[household]': {
			update: {
				path: `/xinyang/roster/households/${xy.household}`,
				fields: { address: '新阳村一组1号', gridId: String(xy.grid), groupId: '' }
			}
		},
		'/[village]/roster/import': {
			preview: { path: '/xinyang/roster/import', fields: {}, files: { file: csvFile } },
			confirm: { path: '/xinyang/roster/import', fields: { importId: '1' } }
		},
		'/[village]/roster/people/[person]': {
			update: {
				path: person,
				fields: { name: '改名', gender: 'f', birthDate: '1970-01-01', phone: '', relation: '' }
			},
			move: { path: person, fields: { householdKey: '001' } },
			status: { path: person, fields: { status: 'moved_out', date: day() } },
			assignRole: { path: person, fields: { role: 'household_rep', startDate: day() } },
			addRelation: { path: person, fields: { relativeId: String(xy.person), kind: 'sibling' } },
			removeRelation: { path: person, fields: { relativeId: String(xy.person) } },
			endRole: { path: person, fields: { roleId: String(xy.role), endDate: day() } },
			fullMember: { path: person, fields: { roleId: String(xy.role), fullSince: day() } },
			notify: { path: person, fields: { via: 'person', viaPerson: String(xy.gridHeadPerson) } },
			channel: { path: person, fields: { channel: 'sms' } }
		},
		'/[village]/roster/structure': {
			addGroups: { path: '/xinyang/roster/structure', fields: { names: '第九村民小组' } },
			addGrids: { path: '/xinyang/roster/structure', fields: { names: '第九网格' } }
		},
		'/[village]/honours/new': {
			open: {
				path: '/xinyang/honours/new',
				fields: {
					title: '测试评选',
					categoryName: ['道德模范', ''],
					categorySubject: ['person', 'person'],
					categorySeats: ['2', '1'],
					nominationsFrom: day(),
					nominationsUntil: day(7),
					voteMode: 'online',
					votingFrom: day(10),
					votingUntil: day(14)
				}
			}
		},
		'/[village]/honours/[id]': {
			nominate: {
				path: `/xinyang/honours/${xy.honourRound}`,
				fields: { category: '1', nominee: `p${xy.spare}`, reason: '热心助人' }
			},
			vote: {
				path: `/xinyang/honours/${xy.honourRound}`,
				fields: { category: '1', choice: String(xy.honouree) }
			},
			review: {
				path: `/xinyang/honours/${xy.honourRound}`,
				fields: { nomination: String(xy.honouree), decision: 'accepted', note: '' }
			},
			closeNominations: { path: `/xinyang/honours/${xy.honourRound}`, fields: {} },
			openVoting: { path: `/xinyang/honours/${xy.honourRound}`, fields: {} },
			meetingCount: {
				path: `/xinyang/honours/${xy.honourRound}`,
				fields: { meeting: String(xy.closedMeeting), nomination: String(xy.honouree), votes: '3' }
			},
			count: { path: `/xinyang/honours/${xy.honourRound}`, fields: {} },
			publish: { path: `/xinyang/honours/${xy.honourRound}`, fields: {} },
			cancel: { path: `/xinyang/honours/${xy.honourRound}`, fields: {} }
		},
		'/[village]/services/new': {
			file: {
				path: '/xinyang/services/new',
				fields: { category: 'certificate', title: '开具居住证明', description: '' }
			}
		},
		'/[village]/rules/record': {
			default: {
				path: '/xinyang/rules/record',
				fields: {
					kind: 'charter',
					title: '新阳村村民自治章程',
					source: '2019年村民会议通过',
					adoptedOn: '2019-05-01',
					effectiveOn: '2019-05-01',
					text: '第一条 甲。'
				}
			}
		},
		'/[village]/rules/revisions/[id]/enact': {
			default: {
				path: '/xinyang/rules/revisions/1/enact',
				fields: { resolution: '', effectiveOn: day(1) }
			}
		},
		'/[village]/rules/filings': {
			file: {
				path: '/xinyang/rules/filings',
				fields: { version: '1', filedOn: day(), note: '报送镇民政办' }
			},
			acknowledge: {
				path: '/xinyang/rules/filings',
				fields: { version: '1', acknowledgedOn: day(), byName: '王主任' }
			}
		},
		'/[village]/settings': {
			save: {
				path: '/xinyang/settings',
				fields: { triageDays: '7', noticeDays: '15', holidays: '' }
			},
			rules: { path: '/xinyang/settings', fields: { repsNoticeDays: '5' } },
			cadence: { path: '/xinyang/settings', fields: { visitCadenceDays: '7' } },
			objectionRoute: {
				path: '/xinyang/settings',
				fields: { office: '村委会办公室', hours: '工作日', supervision: '监委会' }
			},
			categories: {
				path: '/xinyang/settings',
				fields: { key_0: 'certificate', limit_0: '3', active_0: 'on' }
			}
		},
		'/[village]/supervision': {
			disclose: {
				path: '/xinyang/supervision',
				fields: { topicId: String(xy.fourPlusTwoId), opinion: '同意' }
			}
		},
		'/[village]/grid-point': {
			record: {
				path: '/xinyang/grid-point',
				fields: {
					grid: String(xy.gridPointGrid),
					raisedOn: day(),
					person: String(xy.spare),
					text: '村口路灯坏了'
				}
			},
			toCase: {
				path: '/xinyang/grid-point',
				fields: { item: String(xy.gridPointItem), category: 'repair' }
			},
			toTopic: {
				path: '/xinyang/grid-point',
				fields: { item: String(xy.gridPointItem), category: 'livelihood' }
			},
			toNote: {
				path: '/xinyang/grid-point',
				fields: { item: String(xy.gridPointItem), note: '当场答复' }
			}
		},
		'/[village]/roster/volunteers': {
			add: {
				path: '/xinyang/roster/volunteers',
				fields: { personId: String(xy.spare), skills: '陪同就医', startDate: day() }
			},
			end: {
				path: '/xinyang/roster/volunteers',
				fields: { volunteerId: String(xy.volunteer), endDate: day() }
			}
		},
		'/[village]/services/[number]': {
			dispatch: {
				path: `/xinyang/services/${xy.serviceCase}`,
				fields: { assignee: String(xy.gridHeadPerson), note: '请尽快办理' }
			},
			accept: { path: `/xinyang/services/${xy.serviceCase}`, fields: {} },
			decline: { path: `/xinyang/services/${xy.serviceCase}`, fields: { reason: '这几天在外地' } },
			progress: { path: `/xinyang/services/${xy.serviceCase}`, fields: { note: '已联系派出所' } },
			complete: { path: `/xinyang/services/${xy.serviceCase}`, fields: { result: '已办妥' } },
			rate: {
				path: `/xinyang/services/${xy.serviceCase}`,
				fields: { rating: 'satisfied', comment: '' }
			},
			followUp: {
				path: `/xinyang/services/${xy.serviceCase}`,
				fields: { note: '回访了', next: 'close' }
			},
			refer: { path: `/xinyang/services/${xy.serviceCase}`, fields: { reason: '需要乡镇协调' } },
			withdraw: { path: `/xinyang/services/${xy.repCase}`, fields: {} },
			toTopic: { path: `/xinyang/services/${xy.serviceCase}`, fields: {} }
		},
		'/[village]/topics/new': {
			submit: {
				path: '/xinyang/topics/new',
				fields: { title: '测试议题', description: '内容', category: 'other' }
			},
			draft: {
				path: '/xinyang/topics/new',
				fields: { title: '测试草稿', description: '内容', category: 'other' }
			}
		},
		'/[village]/topics/[number]': {
			cosign: { path: topic, fields: {} },
			uncosign: { path: topic, fields: {} },
			confirm: { path: topic, fields: {} },
			readBack: {
				path: `/xinyang/topics/${xy.behalfTopic}`,
				fields: { outcome: 'confirmed', readBackAt: `${day()}T08:00` }
			},
			withdraw: { path: topic, fields: {} },
			saveDraft: { path: topic, fields: { title: '改', description: '改', category: 'other' } },
			submitDraft: { path: topic, fields: {} },
			opinion: { path: topic, fields: { body: '我支持。' } },
			hideOpinion: {
				path: `/xinyang/topics/XY-2026-0001`,
				fields: { opinionId: String(xy.opinion), reason: '人身攻击' }
			},
			triage: {
				path: topic,
				fields: { art24Answer: 'no', route: 'consultation', reason: '需要协商' }
			},
			complete: { path: topic, fields: { outcome: '已办结' } },
			openRevision: { path: topic, fields: { kind: 'village_rules' } }
		},
		'/[village]/rules/revisions/[id]': {
			draft: {
				path: revision,
				fields: { change: 'add', afterKey: '0', body: '新条款。', reason: '理由。' }
			},
			removeChange: { path: revision, fields: { change: String(xy.revisionChange) } },
			openComments: { path: revision, fields: { from: day(1), until: day(10) } },
			comment: { path: revision, fields: { change: String(xy.revisionChange), body: '同意。' } },
			commentFor: {
				path: revision,
				fields: {
					change: String(xy.revisionChange),
					body: '同意。',
					forPerson: String(xy.spare),
					consentKind: 'read_back',
					consentAt: `${day()}T08:00`
				}
			},
			answer: {
				path: revision,
				fields: { comment: String(xy.revisionComment || 1), answer: '已采纳。' }
			},
			send: { path: revision, fields: {} },
			review: {
				path: revision,
				fields: {
					reviewerName: '周明',
					reviewerOffice: '青山镇司法所',
					result: 'approved',
					reviewedOn: day()
				}
			},
			withdraw: { path: revision, fields: {} }
		},
		'/[village]/topics/[number]/consultation': {
			party: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { person: String(xy.person), name: '', interest: '相邻农户' }
			},
			materials: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { date: day() }
			},
			meeting: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { meeting: String(xy.closedMeeting) }
			},
			outcome: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { outcome: '协商意见' }
			},
			route: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { route: 'implement', reason: '直接实施' }
			},
			feedback: {
				path: `/xinyang/topics/${xy.consultationTopic}/consultation`,
				fields: { feedback: '反馈' }
			}
		},
		'/[village]/topics/[number]/implementation': {
			start: {
				path: `${decided}/implementation`,
				fields: {
					responsible: String(xy.person),
					plan: '计划',
					source0: '上级补助',
					amount0: '1000'
				}
			},
			progress: {
				path: `${decided}/implementation`,
				fields: { spent: '100', percent: '50', date: day(), note: '进展' },
				files: { photos: jpeg('进度.jpg') }
			},
			complete: { path: `${decided}/implementation`, fields: { date: day(), summary: '完工' } },
			disclose: { path: `${decided}/implementation`, fields: { opinion: '同意' } },
			archive: { path: `${decided}/implementation`, fields: {} }
		},
		'/[village]/topics/[number]/procedure': {
			step: { path: `${decided}/procedure`, fields: { motion: String(xy.motion) } },
			failed: {
				path: `${decided}/procedure`,
				fields: { motion: String(xy.motion), choice: 'send_back', reason: '再议' }
			},
			publish: { path: `${decided}/procedure`, fields: {} }
		},
		'/township/meetings': {
			signIn: { path: '/township/meetings', fields: { meetingId: String(xy.notifiedMeeting) } }
		}
	};
}

/** Every action and POST endpoint of the inventory, with its call; throws on one not described. */
export function calls(w: World): Call[] {
	const table = fieldsOf(w);
	const out: Call[] = [];
	for (const [route, spec] of Object.entries(ROUTES)) {
		const named: [string, Gate][] = Object.entries(spec.actions ?? {});
		if (spec.post) named.push(['POST', spec.post]);
		for (const [action, gate] of named) {
			const call = table[route]?.[action];
			if (!call) throw new Error(`no call described for ${route} ${action}`);
			out.push({ route, action, gate, ...call });
		}
	}
	return out;
}

/** The URL a call posts to. */
export const target = (c: Pick<Call, 'action' | 'path'>) =>
	c.action === 'POST' || c.action === 'default' ? c.path : `${c.path}?/${c.action}`;

/** The call's body as its form sends it. */
export const bodyOf = (c: Pick<Call, 'fields' | 'files'>) =>
	c.files ? multipart(flat(c.fields), c.files) : form(c.fields);

const flat = (fields: Fields): Record<string, string> =>
	Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
