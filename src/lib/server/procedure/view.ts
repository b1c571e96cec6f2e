// What the procedure page reads: the six steps with how each was done, the motions on the topic
// that the clerk may record, and the resolution and its notice once the decision is made.
import type { Db } from '../db';
import type { MeetingType } from '../votes/rules';
import type { Notice } from '../notices/notices';
import { matterOf, type Matter } from './matters';
import { motionOfStep, noticeOfResolution, publicationBlock } from './publication';
import { citedAuthorization } from './citation';
import { meetingView } from '../meetings/view';
import {
	getResolution,
	resolutionCorrections,
	resolutionOfMotion,
	type Resolution
} from './resolutions';
import { STEPS, type Step } from './rules';

export interface StepView {
	step: Step;
	state: 'done' | 'current' | 'todo';
	motion: {
		id: number;
		text: string;
		meetingId: number;
		meetingTitle: string;
		meetingType: MeetingType;
		date: string;
	} | null;
}

export interface TopicMotion {
	id: number;
	text: string;
	result: 'passed' | 'failed' | 'no_quorum';
	meetingId: number;
	meetingTitle: string;
	meetingType: MeetingType;
	date: string;
	/** Steps this motion already counts for in the matter's record. */
	recordedAs: Step[];
}

export interface ProcedureView {
	matter: Matter;
	steps: StepView[];
	/** Motions on this topic in closed meetings of the village, newest first. */
	motions: TopicMotion[];
	resolution: Resolution | null;
	notice: Notice | null;
}

export function procedureView(db: Db, villageId: number, topicId: number): ProcedureView | null {
	const matter = matterOf(db, villageId, topicId);
	if (!matter) return null;
	const rows = db
		.prepare(
			`select mo.id, mo.text, mo.result, m.id as meeting_id, m.title, m.type, m.meeting_date
			 from motions mo join agenda_items a on a.id = mo.agenda_item_id join meetings m on m.id = mo.meeting_id
			 where a.topic_id = ? and m.village_id = ? and m.state = 'closed' and mo.result is not null
			 order by m.meeting_date desc, mo.id desc`
		)
		.all(topicId, villageId) as {
		id: number;
		text: string;
		result: TopicMotion['result'];
		meeting_id: number;
		title: string;
		type: MeetingType;
		meeting_date: string;
	}[];
	const motions: TopicMotion[] = rows.map((r) => ({
		id: r.id,
		text: r.text,
		result: r.result,
		meetingId: r.meeting_id,
		meetingTitle: r.title,
		meetingType: r.type,
		date: r.meeting_date,
		recordedAs: matter.events
			.filter((e) => e.motionId === r.id && e.event.kind === 'steps')
			.flatMap((e) => (e.event.kind === 'steps' ? e.event.steps : []))
	}));
	const p = matter.position;
	const steps = STEPS.map((step): StepView => {
		const done = p.done.includes(step);
		const motionId = done && step <= 4 ? motionOfStep(matter.events, step) : null;
		const mo = motionId === null ? undefined : motions.find((x) => x.id === motionId);
		return {
			step,
			state: done ? 'done' : p.kind === 'at' && p.step === step ? 'current' : 'todo',
			motion: mo
				? {
						id: mo.id,
						text: mo.text,
						meetingId: mo.meetingId,
						meetingTitle: mo.meetingTitle,
						meetingType: mo.meetingType,
						date: mo.date
					}
				: null
		};
	});
	const step4 = motionOfStep(matter.events, 4);
	const resolution = step4 === null ? null : resolutionOfMotion(db, villageId, step4);
	return {
		matter,
		steps,
		motions,
		resolution,
		notice: resolution ? noticeOfResolution(db, villageId, resolution.id) : null
	};
}

/** A resolution as its public page shows it: the vote and its arithmetic, never a voter's phone. */
export function resolutionView(db: Db, villageId: number, resolutionId: number) {
	const resolution = getResolution(db, villageId, resolutionId);
	if (!resolution) return null;
	const view = meetingView(db, villageId, resolution.meetingId)!;
	const motion = view.agenda.flatMap((a) => a.motions).find((mo) => mo.id === resolution.motionId)!;
	const topic =
		resolution.topicId === null
			? null
			: (db
					.prepare('select id, number, title from topics where id = ?')
					.get(resolution.topicId) as { id: number; number: string; title: string });
	const notice = noticeOfResolution(db, villageId, resolution.id);
	return {
		resolution,
		meeting: {
			id: view.meeting.id,
			title: view.meeting.title,
			type: view.meeting.type,
			date: view.meeting.meetingDate
		},
		topic,
		vote: {
			method: motion.method,
			result: motion.result,
			tally: motion.tally,
			quorum: motion.quorumAtClose?.formula ?? null,
			quorumMet: motion.quorumAtClose?.met ?? null,
			passRule: motion.passRule,
			passCheck: motion.passEvaluation?.formula ?? null,
			passed: motion.passEvaluation?.passed ?? null,
			pass: motion.pass,
			expected: view.attendance.expectedVoting,
			present: view.attendance.present
		},
		corrections: resolutionCorrections(db, resolution.id),
		authorization: citedAuthorization(db, villageId, resolution),
		publicationBlock: notice ? null : publicationBlock(db, villageId, resolution),
		notice: notice && {
			seq: notice.seq,
			postedOn: notice.postedOn,
			postedUntil: notice.postedUntil
		}
	};
}
