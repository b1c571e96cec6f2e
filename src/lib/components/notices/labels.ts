import { m } from '$lib/paraglide/messages';

const KIND_LABELS: Record<string, () => string> = {
	meeting: m.notice_kind_meeting,
	resolution: m.notice_kind_resolution,
	consultation_outcome: m.notice_kind_consultation_outcome,
	consultation_feedback: m.notice_kind_consultation_feedback,
	implementation_result: m.notice_kind_implementation_result,
	general: m.notice_kind_general,
	finance: m.notice_kind_finance
};

export const noticeKindLabel = (kind: string): string =>
	(KIND_LABELS[kind] ?? m.notice_kind_general)();
