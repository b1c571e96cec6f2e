// Why a village is late, in words: the same text on the township's pages and in its CSV.
import { m } from '$lib/paraglide/messages';
import type { LateReason, OverviewRow } from '$lib/server/township/overview';

const WORDS: Record<LateReason, (r: OverviewRow) => string> = {
	general_disclosure: () => m.tov_reason_general_disclosure(),
	finance_disclosure: () => m.tov_reason_finance_disclosure(),
	consultation_follow_up: () => m.tov_reason_consultation_follow_up(),
	overdue_topics: (r) => m.tov_reason_overdue_topics({ count: r.overdue.topics }),
	overdue_objections: (r) => m.tov_reason_overdue_objections({ count: r.overdue.objections }),
	overdue_cases: (r) => m.tov_reason_overdue_cases({ count: r.overdue.cases })
};

export const lateReasonText = (reason: LateReason, row: OverviewRow): string => WORDS[reason](row);
