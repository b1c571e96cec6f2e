// Each rule of the permission table as the predicate that decides it, inside a transaction, of the
// live account and the roster. The table test asks every one of them for every role.
import type { Db } from '../db';
import type { Actor } from './actor';
import { mayManageAccountNow } from './accounts';
import type { Rule } from './table';
import {
	isMemberNow,
	isSignedInNow,
	isStaffOf,
	isSupervisorOn,
	isSystemAdminNow,
	isTownshipOfficialFor,
	isTownshipStaffFor,
	mayReportProgress
} from './village';

/** What a rule is asked about: the village, the day, and for some rules the thing acted on. */
export interface RuleContext {
	villageId: number;
	today: string;
	/** The person responsible for the implementation at hand (staffOrResponsible). */
	responsiblePersonId: number | null;
}

type Check = (db: Db, actor: Actor | null, ctx: RuleContext) => boolean;

const signed =
	(check: (db: Db, actor: Actor, ctx: RuleContext) => boolean): Check =>
	(db, actor, ctx) =>
		actor !== null && check(db, actor, ctx);

export const RULE_CHECKS: Record<Rule, Check> = {
	public: () => true,
	signedIn: signed((db, a) => isSignedInNow(db, a)),
	admin: signed((db, a) => isSystemAdminNow(db, a)),
	member: signed((db, a, c) => isMemberNow(db, a, c.villageId)),
	staff: signed((db, a, c) => isStaffOf(db, a, c.villageId)),
	supervisor: signed((db, a, c) => isSupervisorOn(db, c.villageId, a.personId, c.today)),
	staffOrResponsible: signed((db, a, c) =>
		mayReportProgress(db, a, c.villageId, { responsiblePersonId: c.responsiblePersonId })
	),
	// For themselves: a member with a place on the roster.
	selfOrStaff: signed(
		(db, a, c) =>
			isStaffOf(db, a, c.villageId) || (isMemberNow(db, a, c.villageId) && a.personId !== null)
	),
	// Of a villager's login of the village: the narrowest thing every manager may do.
	accountManager: signed((db, a, c) =>
		mayManageAccountNow(db, a.userId, { role: 'villager', villageId: c.villageId })
	),
	township: signed((db, a, c) => isTownshipStaffFor(db, a, c.villageId)),
	townshipOfficial: signed((db, a, c) => isTownshipOfficialFor(db, a, c.villageId)),
	internal: () => false
};
