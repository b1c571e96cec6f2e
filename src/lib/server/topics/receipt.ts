// The receipt (回执) of a topic filed for a villager (issue 16): what the filer prints and hands
// over, so a villager without a phone keeps the tracking number and knows how to follow the topic.
import QRCode from 'qrcode';
import type { Topic } from './records';
import { maySeeConsent } from './records';

export interface Receipt {
	number: string;
	title: string;
	filedAt: string;
	triageDue: string | null;
	filerName: string;
	proposerName: string;
	onBehalf: boolean;
	channel: Topic['channel'];
	/** The topic's address, written out for whoever types it in, and as a QR code (SVG). */
	url: string;
	qr: string;
}

/** The receipt names the villager: only the filer, the village's staff and the villager see it. */
export const maySeeReceipt = maySeeConsent;

/**
 * The receipt of a filed topic; null for a draft, which has no number anyone can follow yet.
 * `origin` is the request's, which adapter-node takes from ORIGIN: the public address.
 */
export async function receiptOf(origin: string, slug: string, t: Topic): Promise<Receipt | null> {
	if (t.state === 'draft' || !t.submittedAt) return null;
	const url = new URL(`/${slug}/topics/${t.number}`, origin).href;
	return {
		number: t.number,
		title: t.title,
		filedAt: t.submittedAt,
		triageDue: t.triageDue,
		filerName: t.filedByName,
		proposerName: t.proposerName ?? t.filedByName,
		onBehalf: t.onBehalf,
		channel: t.channel,
		url,
		qr: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	};
}
