// The rules' staff forms (recording the existing text, enacting a revision, filing and its
// acknowledgement), one schema each, parsed by parseForm.
import { z } from 'zod';
import { choice, id, optionalId, text } from '../forms';
import { ARTICLE_MAX, ARTICLES_MAX } from './parse';
import { SOURCE_MAX, TITLE_MAX } from './recording';
import { ACK_NAME_MAX, FILING_NOTE_MAX } from './filing';
import { RULES_KINDS } from './records';

// An ISO date is ten characters; anything longer is not one (the domain names what is wrong).
const DATE = 10;

export const recordForm = z.object({
	kind: choice(RULES_KINDS),
	title: text(TITLE_MAX, { required: true }),
	source: text(SOURCE_MAX, { required: true }),
	adoptedOn: text(DATE, { required: true }),
	effectiveOn: text(DATE, { required: true }),
	text: text(ARTICLES_MAX * (ARTICLE_MAX + 10), { required: true })
});

export const enactForm = z.object({
	resolution: optionalId(),
	effectiveOn: text(DATE, { required: true })
});

export const fileForm = z.object({
	version: id(),
	filedOn: text(DATE, { required: true }),
	note: text(FILING_NOTE_MAX)
});

export const acknowledgeForm = z.object({
	version: id(),
	acknowledgedOn: text(DATE, { required: true }),
	byName: text(ACK_NAME_MAX, { required: true })
});
