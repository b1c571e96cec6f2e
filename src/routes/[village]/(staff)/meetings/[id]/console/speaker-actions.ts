// The console's speakers' queue actions (issue 15 item 9), listed by name in +page.server.ts: each
// asks who is there, parses its form, makes one domain call and returns to the queue's section.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import {
	askForFloor,
	endSpeech,
	setSpeakerLimit,
	startDiscussion,
	startSpeech,
	withdrawFloorRequest,
	type SpeakerRefusal
} from '$lib/server/meetings/speakers';
import * as forms from '$lib/server/meetings/speaker-forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { consoleContext, type ConsoleContext } from './console-context';

type Ctx = ConsoleContext;

/** The queue's one place for a message on the console. */
const ACTION = 'speakers';

const invalid = (message: string) => fail(400, { action: ACTION, message });
const refused = (reason: SpeakerRefusal) =>
	fail(refusalStatus(reason), { action: ACTION, message: forms.speakerRefusalMessage(reason) });

function back(ctx: Ctx): never {
	redirect(303, `${ctx.base}#speakers`);
}

/** One queue action: parse, call the verb with the console's context, and go back or refuse. */
function action<T>(
	parse: (form: FormData) => { ok: true; input: T } | { ok: false; message: string },
	call: (ctx: Ctx, input: T) => { ok: true } | { ok: false; reason: SpeakerRefusal }
) {
	return async (event: RequestEvent) => {
		const ctx = consoleContext(event);
		const p = parse(await readForm(event.request));
		if (!p.ok) return invalid(p.message);
		const r = call(ctx, p.input);
		if (!r.ok) return refused(r.reason);
		back(ctx);
	};
}

export const speakerActions = {
	discuss: action(forms.parseDiscuss, (c, i) =>
		startDiscussion(getDb(), c.actor, c.village.id, c.meeting.id, i.agendaItemId)
	),
	limit: action(forms.parseSpeakerLimit, (c, i) =>
		setSpeakerLimit(getDb(), c.actor, c.village.id, c.meeting.id, i.limitSeconds)
	),
	add: action(forms.parseAddSpeaker, (c, i) =>
		askForFloor(getDb(), c.actor, c.village.id, c.meeting.id, i.personId)
	),
	start: action(forms.parseSpeakerRequest, (c, i) =>
		startSpeech(getDb(), c.actor, c.village.id, i.requestId)
	),
	end: action(forms.parseEndSpeech, (c, i) =>
		endSpeech(getDb(), c.actor, c.village.id, i.requestId, i.summary)
	),
	remove: action(forms.parseSpeakerRequest, (c, i) =>
		withdrawFloorRequest(getDb(), c.actor, c.village.id, i.requestId)
	)
};
