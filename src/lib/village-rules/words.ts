// The words the rules pages share: a document's kind and where its filing stands.
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';

export const rulesKindLabel = (kind: string): string =>
	kind === 'charter' ? m.rtx_kind_charter() : m.rtx_kind_village_rules();

export interface FilingWords {
	state: 'acknowledged' | 'filed' | 'due' | 'overdue';
	dueOn: string;
	filedOn: string | null;
	acknowledgedOn: string | null;
	acknowledgedByName: string | null;
}

export function filingSentence(f: FilingWords): string {
	if (f.state === 'acknowledged')
		return m.rtx_filing_acknowledged({
			date: formatDate(f.acknowledgedOn!),
			filed: formatDate(f.filedOn!),
			name: f.acknowledgedByName ?? ''
		});
	if (f.state === 'filed') return m.rtx_filing_filed({ date: formatDate(f.filedOn!) });
	if (f.state === 'overdue') return m.rtx_filing_overdue({ date: formatDate(f.dueOn) });
	return m.rtx_filing_due({ date: formatDate(f.dueOn) });
}
