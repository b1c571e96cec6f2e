// What a township official reads before answering a referral (the matter as the village recorded
// it: the objection with the village's answer, or the service case with every step) and the answer
// form. The objector or complainant is named here, as the township must know whose matter it
// answers; their phone or contact is not: the village keeps it and puts the township in touch when
// it must hear them. The public answer names no one.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { text } from '../forms';
import { getObjection, type ObjectionChannel } from '../notices/objections';
import { findCase, stepsOf, type CaseStep } from '../services/records';
import { findCategory } from '../services/categories';
import { categoryName } from '../services/messages';
import {
	findTownshipReferral,
	REFERRAL_ANSWER_MAX,
	type ReferralItem,
	type ReferralRefusal
} from './referrals';

export interface ReferredObjection {
	channel: ObjectionChannel;
	objectorName: string | null;
	text: string;
	filedAt: string;
	receivedOn: string | null;
	villageAnswer: string | null;
	villageAnsweredAt: string | null;
	escalatedAt: string | null;
}

export interface ReferredCase {
	categoryName: string;
	title: string;
	description: string;
	villagerName: string;
	filedOn: string;
	steps: (CaseStep & { byName: string | null })[];
}

export interface ReferralPage {
	referral: ReferralItem;
	objection: ReferredObjection | null;
	serviceCase: ReferredCase | null;
}

const personName = (db: Db, id: number | null) =>
	id === null
		? null
		: ((db.prepare('select name from people where id = ?').pluck().get(id) as string | undefined) ??
			null);

/** A referral of this township with its history; null for another township's or none. */
export function referralPage(
	db: Db,
	townshipId: number,
	id: number,
	today: string
): ReferralPage | null {
	const referral = findTownshipReferral(db, townshipId, id, today);
	if (!referral) return null;
	const o =
		referral.objectionId === null
			? null
			: getObjection(db, referral.villageId, referral.objectionId);
	const c =
		referral.serviceCaseId === null
			? null
			: findCase(db, referral.villageId, referral.serviceCaseId);
	const userName = db.prepare('select name from users where id = ?').pluck();
	return {
		referral,
		objection: o && {
			channel: o.channel,
			objectorName: personName(db, o.personId) ?? o.objectorName,
			text: o.text,
			filedAt: o.filedAt,
			receivedOn: o.receivedOn,
			villageAnswer: o.answer,
			villageAnsweredAt: o.answeredAt,
			escalatedAt: o.escalatedAt
		},
		serviceCase: c
			? {
					categoryName: categoryName(
						findCategory(db, referral.villageId, c.category) ?? { key: c.category, name: null }
					),
					title: c.title,
					description: c.description,
					villagerName: personName(db, c.personId) ?? '',
					filedOn: c.filedOn,
					steps: stepsOf(db, c.id).map((s) => ({
						...s,
						byName: s.byUserId === null ? null : (userName.get(s.byUserId) as string)
					}))
				}
			: null
	};
}

export const answerReferralForm = z.object({
	answer: text(REFERRAL_ANSWER_MAX, { required: () => m.tref_refused_bad_text() })
});

/** Why answering was refused, in words the official can act on. */
export function referralRefusalMessage(reason: ReferralRefusal): string {
	const messages: Record<ReferralRefusal, () => string> = {
		forbidden: m.tref_refused_forbidden,
		not_found: m.error_not_found,
		already_answered: m.tref_refused_already_answered,
		bad_text: m.tref_refused_bad_text
	};
	return messages[reason]();
}
