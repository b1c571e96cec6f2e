// Filing a service request (点单): by the villager, or for them by a grid head, their contact party
// member or the clerk at the window, with the same on-behalf consent as a topic. The category's
// time limit is fixed at filing, counted in working days on the village's calendar.
import { command } from '../command';
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

/**
 * Files a service request. The number is taken in the same transaction as the insert, so two
 * filings never share or skip one. `topicId` links a case opened from a topic (直接办理).
 */
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
			const today = todayInChina(ctx.now);
			let personId: number;
			let channel: CaseChannel = 'online';
			const onBehalf = options.onBehalf;
			if (onBehalf) {
				if (!mayFileFor(db, villageId, actor, onBehalf.personId, today))
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
					category: category.key,
					title,
					description,
					person: personId,
					filer: actor.userId,
					channel,
					consentKind: onBehalf?.consentKind ?? null,
					consentAt: onBehalf?.consentAt ?? null,
					urgent: input.urgent ? 1 : 0,
					limit: category.limitDays,
					today,
					due: workingDaysAfter(today, category.limitDays, holidays),
					stepDue: stepDueFrom(today, 'dispatch', input.urgent, holidays),
					topic: options.topicId ?? null,
					now: iso
				});
			const serviceCase = findCase(db, villageId, Number(lastInsertRowid))!;
			recordStep(ctx, serviceCase, 'filed', 'service_case.filed', {
				personId,
				after: { ...serviceCase, onBehalf: onBehalf ?? null }
			});
			return { ok: true, serviceCase };
		}
	}) as FileRequestResult;
}
