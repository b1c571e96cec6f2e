// The register (台账, docs/domain.md §4.7) of a 4+2 matter: one sheet per step, filled from the
// records — the motion and meeting that satisfied the step, attendance, the names signed in, the
// township attendee for steps 3–4, and the notices that published steps 5 and 6. Names only, never
// phones.
import type { Db } from '../db';
import { minutesOf } from '../meetings/minutes-view';
import type { MeetingType } from '../votes/rules';
import type { GuestView, MotionView } from '../meetings/view';
import type { Notice } from '../notices/notices';
import { getNoticeById } from '../notices/notices';
import { implementationOf } from './implementation';
import { matterOf } from '../procedure/matters';
import { motionOfStep, noticeOfResolution } from '../procedure/publication';
import { resolutionOfMotion } from '../procedure/resolutions';
import { STEPS, type Position, type Step } from '../procedure/rules';

export interface MeetingSheet {
	meetingId: number;
	meetingTitle: string;
	meetingType: MeetingType;
	date: string;
	place: string;
	motionText: string;
	method: MotionView['method'];
	result: MotionView['result'];
	tally: MotionView['tally'];
	expected: number;
	present: number;
	ratioPermille: number;
	/** The agenda item's title and materials: what was put to the meeting. */
	content: string;
	signatures: string[];
	township: Pick<GuestView, 'name' | 'position' | 'byAccount'>[];
}

export type NoticeRef = Pick<Notice, 'seq' | 'title' | 'postedOn' | 'postedUntil'>;

export interface RegisterSheet {
	step: Step;
	done: boolean;
	meeting: MeetingSheet | null;
	disclosure: NoticeRef | null;
	/** The supervision committee's opinion on the result (step 6), once recorded. */
	supervision: Supervision | null;
}

export interface Supervision {
	opinion: string;
	/** The committee member who gave it: a name only. */
	name: string;
	/** When it was recorded (ISO instant). */
	at: string;
	noticeSeq: number;
}

export interface Register {
	topic: { id: number; number: string; title: string };
	position: Position;
	sheets: RegisterSheet[];
}

const noticeRef = (n: Notice | null): NoticeRef | null =>
	n && { seq: n.seq, title: n.title, postedOn: n.postedOn, postedUntil: n.postedUntil };

function meetingSheet(db: Db, villageId: number, motionId: number): MeetingSheet | null {
	const row = db.prepare('select m.meeting_id from motions m where m.id = ?').get(motionId) as
		{ meeting_id: number } | undefined;
	if (!row) return null;
	const minutes = minutesOf(db, villageId, row.meeting_id);
	if (!minutes) return null;
	const item = minutes.agenda.find((a) => a.motions.some((mo) => mo.id === motionId))!;
	const motion = item.motions.find((mo) => mo.id === motionId)!;
	return {
		meetingId: minutes.meeting.id,
		meetingTitle: minutes.meeting.title,
		meetingType: minutes.meeting.type,
		date: minutes.meeting.meetingDate,
		place: minutes.meeting.place,
		motionText: motion.text,
		method: motion.method,
		result: motion.result,
		tally: motion.tally,
		expected: minutes.attendance.expectedVoting,
		present: minutes.attendance.present,
		ratioPermille: minutes.attendance.ratioPermille,
		content: [item.title, item.materials].filter(Boolean).join('\n'),
		signatures: minutes.attendees.map((a) => a.name),
		township: minutes.guests
			.filter((g) => g.kind === 'township')
			.map((g) => ({ name: g.name, position: g.position, byAccount: g.byAccount }))
	};
}

/** The implementation-result notice of the topic (step 6), when one has been posted. */
function resultNotice(db: Db, villageId: number, topicId: number): Notice | null {
	const id = db
		.prepare(
			"select id from notices where village_id = ? and topic_id = ? and kind = 'implementation_result' and corrects_id is null order by id limit 1"
		)
		.pluck()
		.get(villageId, topicId) as number | undefined;
	return id === undefined ? null : getNoticeById(db, villageId, id);
}

export function registerOf(db: Db, villageId: number, topicId: number): Register | null {
	const matter = matterOf(db, villageId, topicId);
	if (!matter) return null;
	const done = matter.position.done;
	const step4 = motionOfStep(matter.events, 4);
	const resolution = step4 === null ? null : resolutionOfMotion(db, villageId, step4);
	const disclosed = implementationOf(db, villageId, topicId)?.disclosure ?? null;
	const supervision: Supervision | null = disclosed && {
		opinion: disclosed.opinion,
		name: disclosed.supervisorName,
		at: disclosed.createdAt,
		noticeSeq: disclosed.noticeSeq
	};
	const sheets = STEPS.map((step): RegisterSheet => {
		const isDone = done.includes(step);
		const motionId = step <= 4 && isDone ? motionOfStep(matter.events, step) : null;
		return {
			step,
			done: isDone,
			meeting: motionId === null ? null : meetingSheet(db, villageId, motionId),
			disclosure:
				step === 5 && resolution
					? noticeRef(noticeOfResolution(db, villageId, resolution.id))
					: step === 6
						? noticeRef(resultNotice(db, villageId, topicId))
						: null,
			supervision: step === 6 ? supervision : null
		};
	});
	return {
		topic: { id: matter.topic.id, number: matter.topic.number, title: matter.topic.title },
		position: matter.position,
		sheets
	};
}
