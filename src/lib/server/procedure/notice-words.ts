// A resolution notice's words, built from the closed motion's record in one language: Chinese for
// the stored notice (the legal record, posted once), the reader's own for the page, where the vote
// reads as a plain sentence with its arithmetic kept apart for 计算方法.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import type { PassWords } from '../meetings/hall';
import { meetingView } from '../meetings/view';
import { art24Label, categoryLabel, methodLabel } from '$lib/labels';
import { citedAuthorization } from './citation';
import type { Resolution } from './resolutions';

export interface ResolutionNoticeWords {
	title: string;
	summary: string;
	/** The resolution text as adopted: the village's own words, in whatever language it wrote. */
	text: string;
	/** Meeting, method, tally and attendance, one line each. */
	facts: string[];
	/** The pass test in numbers of votes, for the page's sentence (hall-words passSentence). */
	pass: PassWords | null;
	/** The quorum and pass checks with their numbers. */
	arithmetic: string[];
	/** The authorisation the decision rests on, and the adoption line. */
	closing: string[];
}

/** `date` writes a day: ISO in the stored notice, as it always was; the reader's way on the page. */
export function resolutionNoticeWords(
	db: Db,
	resolution: Resolution,
	locale: Locale,
	date: (iso: string) => string = (iso) => iso
): ResolutionNoticeWords {
	const o = { locale };
	const view = meetingView(db, resolution.villageId, resolution.meetingId)!;
	const motion = view.agenda.flatMap((a) => a.motions).find((mo) => mo.id === resolution.motionId)!;
	const facts = [
		m.proc_notice_meeting({ title: view.meeting.title, date: date(view.meeting.meetingDate) }, o),
		m.proc_notice_method({ method: methodLabel.in(locale)(motion.method) }, o)
	];
	if (motion.tally) facts.push(m.proc_notice_tally(motion.tally, o));
	facts.push(
		m.proc_notice_attendance(
			{ present: view.attendance.present, expected: view.attendance.expectedVoting },
			o
		)
	);
	const arithmetic: string[] = [];
	// An either-or quorum reads with the word for "or", not the logician's ∨.
	const or = ` ${m.mtg_new_or({}, o)} `;
	if (motion.quorumAtClose)
		arithmetic.push(
			m.proc_notice_quorum({ formula: motion.quorumAtClose.formula.split(' ∨ ').join(or) }, o)
		);
	if (motion.passEvaluation)
		arithmetic.push(m.proc_notice_pass({ formula: motion.passEvaluation.formula }, o));
	const closing: string[] = [];
	const authorization = citedAuthorization(db, resolution.villageId, resolution);
	if (authorization)
		closing.push(
			m.proc_notice_authorization(
				{
					meeting: authorization.meetingTitle,
					date: date(authorization.meetingDate),
					scope: [
						...authorization.categories.map(categoryLabel.in(locale)),
						...authorization.art24Items.map(art24Label.in(locale))
					].join(m.list_separator({}, o)),
					from: date(authorization.validFrom),
					until: date(authorization.validTo)
				},
				o
			)
		);
	closing.push(
		m.proc_notice_adopted({ date: date(resolution.adoptedOn), number: resolution.number }, o)
	);
	const topicTitle =
		resolution.topicId === null
			? null
			: ((db.prepare('select title from topics where id = ?').pluck().get(resolution.topicId) as
					string | undefined) ?? null);
	return {
		title: `${resolution.number} ${topicTitle ?? view.meeting.title}`.slice(0, 200),
		summary: m
			.proc_notice_summary({ date: date(resolution.adoptedOn), meeting: view.meeting.title }, o)
			.slice(0, 500),
		text: resolution.text,
		facts,
		pass: motion.pass,
		arithmetic,
		closing
	};
}

/** The stored notice's body, in the order posted since step 5 was built: text, vote, arithmetic. */
export function resolutionNoticeBody(w: ResolutionNoticeWords): string {
	return [w.text, '', ...w.facts, ...w.arithmetic, ...w.closing].join('\n');
}
