// Filing a service request (点单): by the villager, or for them by a grid head, their contact party
// member or the clerk at the window, with the same on-behalf consent as a topic. The category's
// time limit is fixed at filing, counted in working days on the village's calendar.
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { todayInChina } from '../calendar/dates';
import { workingDaysAfter } from '../calendar/working-days';
import { getVillageSettings } from '../villages/settings';
import { isResident } from '../topics/records';
import { villageCode } from '../topics/filing';
import { findCategory } from './categories';
import { stepDueFrom } from './deadlines';
import {
	CASE_TEXT_MAX,
	CASE_TITLE_MAX,
	caseNumber,
	findCase,
	recordStep,
	type CaseChannel,
	type ServiceCase
} from './records';

export interface ServiceRequestInput {
	category: string;
	title: string;
	description: string;
	urgent: boolean;
}

/** Someone filing for a villager: who, through which channel, and the villager's consent. */
export interface CaseOnBehalf {
	personId: number;
	channel: Exclude<CaseChannel, 'online'>;
	consentKind: 'signed_note' | 'read_back';
	// When the request was read back to the villager and they agreed (ISO time).
	consentAt: string;
}

export type FileRequestResult =
	| { ok: true; serviceCase: ServiceCase }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_a_villager'
				| 'not_your_villager'
				| 'bad_category'
				| 'title_required'
				| 'title_too_long'
				| 'description_too_long'
				| 'consent_in_future';
	  };

const chars = (s: string) => [...s].length;

/** Files a service request. `topicId` links a case opened from a topic (直接办理). */
export function fileServiceRequest(
	db: Db,
	actor: Actor,
	villageId: number,
	input: ServiceRequestInput,
	options: { onBehalf?: CaseOnBehalf; topicId?: number; now?: Date } = {}
): FileRequestResult {
	const title = input.title.trim();
	const description = input.description.trim();
	if (title === '') return { ok: false, reason: 'title_required' };
	if (chars(title) > CASE_TITLE_MAX) return { ok: false, reason: 'title_too_long' };
	if (chars(description) > CASE_TEXT_MAX) return { ok: false, reason: 'description_too_long' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		run: (_, ctx): FileRequestResult => {
			const category = findCategory(db, villageId, input.category);
			if (!category?.active) return { ok: false, reason: 'bad_category' };
			let personId: number;
			let channel: CaseChannel = 'online';
			const onBehalf = options.onBehalf;
			if (onBehalf) {
				if (!mayFileFor(db, villageId, actor, onBehalf.personId, todayInChina(ctx.now)))
					return { ok: false, reason: 'not_your_villager' };
				if (new Date(onBehalf.consentAt).getTime() > ctx.now.getTime())
					return { ok: false, reason: 'consent_in_future' };
				personId = onBehalf.personId;
				channel = onBehalf.channel;
			} else {
				if (actor.personId === null || !isResident(db, villageId, actor.personId))
					return { ok: false, reason: 'not_a_villager' };
				personId = actor.personId;
			}
			const serviceCase = insertCase(ctx, villageId, {
				category: category.key,
				limitDays: category.limitDays,
				title,
				description,
				urgent: input.urgent,
				personId,
				channel,
				consentKind: onBehalf?.consentKind ?? null,
				consentAt: onBehalf?.consentAt ?? null,
				topicId: options.topicId ?? null,
				audit: { onBehalf: onBehalf ?? null }
			});
			return { ok: true, serviceCase };
		}
	}) as FileRequestResult;
}

/** What a new case row holds, however it was opened (a filing, or a topic handled directly). */
export interface NewCase {
	category: string;
	limitDays: number;
	title: string;
	description: string;
	urgent: boolean;
	personId: number;
	channel: CaseChannel;
	consentKind: ServiceCase['consentKind'];
	consentAt: string | null;
	topicId: number | null;
	/** Extra facts for the audit entry of the filing. */
	audit: Record<string, unknown>;
}

/**
 * Inserts a case and its first step inside the caller's command. The number is taken in the same
 * transaction as the insert, so two filings never share or skip one.
 */
export function insertCase(ctx: CommandContext, villageId: number, c: NewCase): ServiceCase {
	const db = ctx.db;
	const today = todayInChina(ctx.now);
	const year = Number(today.slice(0, 4));
	const seq =
		(
			db
				.prepare(
					'select coalesce(max(seq), 0) as s from service_cases where village_id = ? and year = ?'
				)
				.get(villageId, year) as { s: number }
		).s + 1;
	const iso = ctx.now.toISOString();
	const holidays = getVillageSettings(db, villageId).holidays;
	const { lastInsertRowid } = db
		.prepare(
			`insert into service_cases (village_id, number, year, seq, category, title, description,
			   person_id, filed_by_user_id, channel, consent_kind, consent_at, urgent, state,
			   limit_days, filed_on, due_on, step_due_on, topic_id, created_at, updated_at)
			 values (@village, @number, @year, @seq, @category, @title, @description,
			   @person, @filer, @channel, @consentKind, @consentAt, @urgent, 'submitted',
			   @limit, @today, @due, @stepDue, @topic, @now, @now)`
		)
		.run({
			village: villageId,
			number: caseNumber(villageCode(db, villageId), year, seq),
			year,
			seq,
			category: c.category,
			title: c.title,
			description: c.description,
			person: c.personId,
			filer: ctx.actor!.userId,
			channel: c.channel,
			consentKind: c.consentKind,
			consentAt: c.consentAt,
			urgent: c.urgent ? 1 : 0,
			limit: c.limitDays,
			today,
			due: workingDaysAfter(today, c.limitDays, holidays),
			stepDue: stepDueFrom(today, 'dispatch', c.urgent, holidays),
			topic: c.topicId,
			now: iso
		});
	const serviceCase = findCase(db, villageId, Number(lastInsertRowid))!;
	recordStep(ctx, serviceCase, 'filed', 'service_case.filed', {
		personId: c.personId,
		after: { ...serviceCase, ...c.audit }
	});
	return serviceCase;
}
