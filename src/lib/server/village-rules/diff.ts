// Two versions of a document compared article by article (by article_key, so a renumbered article
// is the same article), with the words of a changed article marked inserted or deleted.

export type ArticleStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface ComparedArticle {
	articleKey: number;
	position: number;
	chapter: string;
	body: string;
}

export interface Segment {
	op: 'same' | 'ins' | 'del';
	text: string;
}

export interface ArticleDiff {
	articleKey: number;
	status: ArticleStatus;
	/** 第N条 in the older version; null when added. */
	oldNumber: number | null;
	/** 第N条 in the newer version; null when removed. */
	newNumber: number | null;
	oldChapter: string | null;
	newChapter: string | null;
	oldBody: string | null;
	newBody: string | null;
	/** For a changed article, its text as one run of kept, inserted and deleted pieces. */
	segments: Segment[];
}

// A Chinese character is a word of its own; Latin words and numbers stay whole, so "10" → "15"
// reads as one change, not a kept "1".
const TOKEN = /[\p{Script=Han}]|[\p{L}\p{N}]+|\s+|./gsu;
export const tokens = (text: string): string[] => text.match(TOKEN) ?? [];

/** The shortest edit from `a` to `b` (a longest common subsequence), merged into runs. */
export function inlineDiff(a: string, b: string): Segment[] {
	const x = tokens(a);
	const y = tokens(b);
	const n = x.length;
	const m = y.length;
	// lcs[i][j]: the common length of x[i..] and y[j..], one flat array.
	const lcs = new Uint16Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i * (m + 1) + j] =
				x[i] === y[j]
					? lcs[(i + 1) * (m + 1) + j + 1] + 1
					: Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
	const out: Segment[] = [];
	const push = (op: Segment['op'], text: string) => {
		const last = out[out.length - 1];
		if (last?.op === op) last.text += text;
		else out.push({ op, text });
	};
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (x[i] === y[j]) {
			push('same', x[i]);
			i++;
			j++;
		} else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) push('del', x[i++]);
		else push('ins', y[j++]);
	}
	while (i < n) push('del', x[i++]);
	while (j < m) push('ins', y[j++]);
	return out;
}

/** The articles of `b` in order, each compared with `a`; removed ones sit where they stood. */
export function diffVersions(a: ComparedArticle[], b: ComparedArticle[]): ArticleDiff[] {
	const older = [...a].sort((p, q) => p.position - q.position);
	const newer = [...b].sort((p, q) => p.position - q.position);
	const before = new Map(older.map((x) => [x.articleKey, x]));
	const after = new Map(newer.map((x) => [x.articleKey, x]));
	const out: ArticleDiff[] = newer.map((n) => {
		const o = before.get(n.articleKey);
		if (!o)
			return entry(n.articleKey, 'added', null, n, [{ op: 'ins', text: n.body }] as Segment[]);
		if (o.body !== n.body || o.chapter !== n.chapter)
			return entry(n.articleKey, 'changed', o, n, inlineDiff(o.body, n.body));
		return entry(n.articleKey, o.position === n.position ? 'unchanged' : 'moved', o, n, []);
	});
	older.forEach((o, i) => {
		if (after.has(o.articleKey)) return;
		// After the nearest earlier article still present (and removed ones already placed there).
		let at = 0;
		for (let k = i - 1; k >= 0; k--) {
			const idx = out.findIndex((d) => d.articleKey === older[k].articleKey);
			if (idx >= 0) {
				at = idx + 1;
				break;
			}
		}
		out.splice(at, 0, entry(o.articleKey, 'removed', o, null, [{ op: 'del', text: o.body }]));
	});
	return out;
}

function entry(
	articleKey: number,
	status: ArticleStatus,
	o: ComparedArticle | null,
	n: ComparedArticle | null,
	segments: Segment[]
): ArticleDiff {
	return {
		articleKey,
		status,
		oldNumber: o?.position ?? null,
		newNumber: n?.position ?? null,
		oldChapter: o?.chapter ?? null,
		newChapter: n?.chapter ?? null,
		oldBody: o?.body ?? null,
		newBody: n?.body ?? null,
		segments
	};
}
