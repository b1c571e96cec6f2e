// The board as an Atom 1.0 feed (RFC 4287), for readers that follow the village. An entry is
// published on the day it went up on the board (China time), the order the board lists it in.
import type { BoardItem } from './notice-view';

const escapeXml = (s: string) =>
	s
		.replace(
			/[<>&"']/g,
			(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!
		)
		// Characters XML 1.0 forbids even escaped.
		// eslint-disable-next-line no-control-regex -- these control characters are the point
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export function atomFeed(input: {
	title: string;
	boardUrl: string;
	feedUrl: string;
	updated: string;
	kindLabel: (kind: string) => string;
	numberLabel: (item: BoardItem) => string;
	items: (BoardItem & { url: string })[];
}): string {
	const entries = input.items
		.map(
			(i) => `<entry>
<id>${escapeXml(i.url)}</id>
<title>${escapeXml(i.title)}</title>
<link rel="alternate" type="text/html" href="${escapeXml(i.url)}"/>
<published>${escapeXml(i.postedOn)}T00:00:00+08:00</published>
<updated>${escapeXml(i.createdAt)}</updated>
<category term="${escapeXml(i.kind)}" label="${escapeXml(input.kindLabel(i.kind))}"/>
<summary>${escapeXml(`${input.numberLabel(i)} · ${i.summary}`)}</summary>
</entry>`
		)
		.join('\n');
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${escapeXml(input.feedUrl)}</id>
<title>${escapeXml(input.title)}</title>
<link rel="self" type="application/atom+xml" href="${escapeXml(input.feedUrl)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(input.boardUrl)}"/>
<updated>${escapeXml(input.updated)}</updated>
<author><name>${escapeXml(input.title)}</name></author>
${entries}
</feed>
`;
}
