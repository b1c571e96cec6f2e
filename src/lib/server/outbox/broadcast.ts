// The village loudspeaker's script (村村响 / 大喇叭): a message said the way an announcer says it,
// in Mandarin whatever language the page is in (the speakers and the voice are Chinese), dates and
// times in words, the whole said twice because a listener in a field catches only part of once.
import { m } from '$lib/paraglide/messages';
import { speakable } from '../speech/text';

const ZH = { locale: 'zh-CN' } as const;
const DIGITS = '〇一二三四五六七八九';
const SMALL = '零一二三四五六七八九';
const WEEKDAYS = '日一二三四五六';

/** 0–99 as said aloud: 十, 十二, 二十, 二十五. */
export function spokenNumber(n: number): string {
	if (n < 10) return SMALL[n];
	const tens = Math.floor(n / 10);
	const ones = n % 10;
	return `${tens === 1 ? '' : SMALL[tens]}十${ones === 0 ? '' : SMALL[ones]}`;
}

/** The part of the day a villager names an hour by, and the hour on that part's clock. */
function dayPart(hour: number): { part: string; hour: number } {
	if (hour < 6) return { part: '凌晨', hour: hour === 0 ? 12 : hour };
	if (hour < 12) return { part: '上午', hour };
	if (hour < 13) return { part: '中午', hour };
	if (hour < 19) return { part: '下午', hour: hour - 12 };
	return { part: '晚上', hour: hour - 12 };
}

/** 'HH:MM' as said aloud: 上午九点, 下午两点半, 晚上七点零五分. */
export function spokenClock(time: string): string {
	const [h, min] = time.split(':').map(Number);
	const { part, hour } = dayPart(h);
	// Two o'clock is 两点, never 二点.
	const hourWord = hour === 2 ? '两' : spokenNumber(hour);
	const minutes =
		min === 0 ? '' : min === 30 ? '半' : `${min < 10 ? '零' : ''}${spokenNumber(min)}分`;
	return `${part}${hourWord}点${minutes}`;
}

/** 'YYYY-MM-DD' (and 'HH:MM' or '') as said aloud: 二〇二六年十二月二十日，星期日，上午九点. */
export function spokenDateTime(date: string, time: string): string {
	const [y, mo, d] = date.split('-');
	const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
	const day = m.sms_spoken_date(
		{
			year: [...y].map((c) => DIGITS[Number(c)]).join(''),
			month: spokenNumber(Number(mo)),
			day: spokenNumber(Number(d)),
			weekday
		},
		ZH
	);
	return time ? `${day}${m.sms_spoken_comma({}, ZH)}${spokenClock(time)}` : day;
}

export type BroadcastSubject =
	| {
			kind: 'meeting';
			/** Called, or moved to a new time (改期). */
			moved: boolean;
			title: string;
			date: string;
			time: string;
			place: string;
	  }
	| { kind: 'message'; title: string; body: string };

export interface BroadcastInput {
	villageName: string;
	urgent: boolean;
	subject: BroadcastSubject;
}

/** Free text as the read-aloud engine takes it: no links, clock times and ISO dates in words. */
const speakableText = (s: string) => speakable(s).replace(/\s+/g, ' ');

function announcement({ villageName, subject }: BroadcastInput): string {
	if (subject.kind === 'message')
		return m.sms_broadcast_message(
			{ title: speakableText(subject.title), body: speakableText(subject.body) },
			ZH
		);
	const params = {
		village: villageName,
		title: speakableText(subject.title),
		when: spokenDateTime(subject.date, subject.time),
		place: speakableText(subject.place)
	};
	if (subject.moved)
		return subject.place
			? m.sms_broadcast_meeting_moved(params, ZH)
			: m.sms_broadcast_meeting_moved_no_place(params, ZH);
	return subject.place
		? m.sms_broadcast_meeting(params, ZH)
		: m.sms_broadcast_meeting_no_place(params, ZH);
}

/** The script, paragraph by paragraph: the call to listen, the announcement, and again. */
export function broadcastScript(input: BroadcastInput): string[] {
	const said = announcement(input);
	return [
		input.urgent ? m.sms_broadcast_opening_urgent({}, ZH) : m.sms_broadcast_opening({}, ZH),
		said,
		m.sms_broadcast_again({}, ZH),
		said,
		m.sms_broadcast_closing({}, ZH)
	];
}
