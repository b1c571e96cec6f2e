import QRCode from 'qrcode';

/**
 * The notice's public address and its QR code (SVG), for shares and the printed sheet. `origin`
 * is the request's, which adapter-node takes from ORIGIN: never a loopback address in production.
 */
export async function noticeUrl(origin: string, slug: string, seq: number) {
	const url = new URL(`/${slug}/notices/${seq}`, origin).href;
	const qr = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { url, qr };
}
