// Where a clash refusal links to: the clashing booking's page, or the clashing meeting's.
import type { Clash } from './clash';

export const clashLink = (slug: string, clash: Clash): string =>
	clash.kind === 'event' ? `/${slug}/hall/${clash.id}` : `/${slug}/meetings/${clash.id}/console`;
