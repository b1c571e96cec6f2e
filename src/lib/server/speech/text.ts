// The text a page's 朗读 reads: its title and main text as the page shows them, made speakable.
// One builder per page kind, fed the same fields the page renders, so the browser's voice, the
// server's audio file and the page say the same thing (tests/read-aloud.test.ts compares them).

const DIGITS = '〇一二三四五六七八九';

/** Years are read digit by digit in Chinese (二〇二六年), never as a quantity (两千零二十六). */
const digitByDigit = (s: string) => [...s].map((d) => DIGITS[Number(d)]).join('');

const unpad = (s: string) => String(Number(s));

/**
 * Rewrites what a voice reads badly or should not read at all. Hashes and addresses mean nothing
 * spoken aloud; ISO dates and clock times become the words a notice would use; espeak-ng reads
 * other Arabic numbers as Chinese quantities (25 → 二十五) by itself.
 */
export function speakable(text: string): string {
	return text
		.replace(/\bhttps?:\/\/\S+/gi, '')
		.replace(/\b[0-9a-f]{16,}\b/gi, '')
		.replace(
			/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
			(_, y, mo, d) => `${y}年${unpad(mo)}月${unpad(d)}日`
		)
		.replace(/(\d{4})年/g, (_, y) => `${digitByDigit(y)}年`)
		.replace(/\b(\d{1,2}):(\d{2})\b/g, (_, h, mi) =>
			mi === '00' ? `${unpad(h)}点` : `${unpad(h)}点${unpad(mi)}分`
		)
		.replace(/[ \t]+/g, ' ')
		.replace(/ *\n[\s]*/g, '\n')
		.trim();
}

/** Joins a page's parts in reading order, each ending as a sentence so the voice pauses. */
export function readingText(parts: readonly (string | null | undefined)[]): string {
	return parts
		.map((p) => speakable(p ?? ''))
		.filter((p) => p.length > 0)
		.map((p) => (/[。！？.!?]$/.test(p) ? p : `${p}。`))
		.join('\n');
}

export const noticeReading = (n: { title: string; body: string }) => readingText([n.title, n.body]);

export const topicReading = (t: { title: string; description: string }) =>
	readingText([t.title, t.description]);

export const motionReading = (mo: { text: string }) => readingText([mo.text]);
