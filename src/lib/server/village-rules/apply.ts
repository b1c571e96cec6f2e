// A revision's changes applied to the version it amends: the text the villagers' meeting adopted.
// Article keys stay with their articles; positions are counted again from 1.
import type { RulesArticle } from './records';

export interface RevisionChange {
	change: 'add' | 'change' | 'remove';
	articleKey: number;
	/** For an added article: the key of the article it follows, 0 at the start. */
	afterKey: number | null;
	chapter: string;
	body: string;
}

export type NewArticle = { articleKey: number; chapter: string; body: string };

export type ApplyResult =
	| { ok: true; articles: NewArticle[] }
	| { ok: false; reason: 'unknown_article' | 'key_in_use' | 'unknown_after' | 'empty_text' };

/**
 * Changes and removals name an article of the base; additions go after `afterKey` (an article of
 * the base or another addition, 0 for the start), in the order given when several follow the same
 * one. An added article without a chapter takes the chapter of the one it follows.
 */
export function applyChanges(base: RulesArticle[], changes: RevisionChange[]): ApplyResult {
	const keys = new Set(base.map((a) => a.articleKey));
	const out: NewArticle[] = [...base]
		.sort((a, b) => a.position - b.position)
		.map((a) => ({ articleKey: a.articleKey, chapter: a.chapter, body: a.body }));
	for (const c of changes.filter((c) => c.change !== 'add')) {
		const i = out.findIndex((a) => a.articleKey === c.articleKey);
		if (i < 0) return { ok: false, reason: 'unknown_article' };
		if (c.change === 'remove') out.splice(i, 1);
		else out[i] = { ...out[i], body: c.body, chapter: c.chapter || out[i].chapter };
	}
	let pending = changes
		.filter((c) => c.change === 'add')
		.map((c) => ({ ...c, afterKey: c.afterKey ?? 0 }));
	const added = new Set(pending.map((c) => c.articleKey));
	if (added.size < pending.length || pending.some((c) => keys.has(c.articleKey)))
		return { ok: false, reason: 'key_in_use' };
	const placedAfter = new Map<number, number>();
	// An addition may follow another addition: place them as their anchors appear.
	while (pending.length > 0) {
		const placeable = pending.filter(
			(c) => c.afterKey === 0 || out.some((a) => a.articleKey === c.afterKey)
		);
		if (placeable.length === 0) return { ok: false, reason: 'unknown_after' };
		for (const c of placeable) {
			const anchor = c.afterKey === 0 ? -1 : out.findIndex((a) => a.articleKey === c.afterKey);
			// After the anchor and any addition already placed after it, so they keep their order.
			let at = anchor + 1;
			while (at < out.length && placedAfter.get(out[at].articleKey) === c.afterKey) at++;
			const chapter = c.chapter || (anchor >= 0 ? out[anchor].chapter : (out[0]?.chapter ?? ''));
			out.splice(at, 0, { articleKey: c.articleKey, chapter, body: c.body });
			placedAfter.set(c.articleKey, c.afterKey);
		}
		pending = pending.filter((c) => !placeable.includes(c));
	}
	if (out.length === 0) return { ok: false, reason: 'empty_text' };
	return { ok: true, articles: out };
}
