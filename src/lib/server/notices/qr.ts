import QRCode from 'qrcode';

// A notice's address never changes, and drawing its QR code costs more than the rest of the page:
// the codes of the notices read most recently are kept.
const KEPT = 500;
const codes = new Map<string, Promise<string>>();

function qrOf(url: string): Promise<string> {
	let code = codes.get(url);
	if (code) {
		codes.delete(url);
	} else {
		code = QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
		code.catch(() => codes.delete(url));
		if (codes.size >= KEPT) codes.delete(codes.keys().next().value!);
	}
	codes.set(url, code);
	return code;
}

/**
 * The notice's public address and its QR code (SVG), for shares and the printed sheet. `origin`
 * is the request's, which adapter-node takes from ORIGIN: never a loopback address in production.
 */
export async function noticeUrl(origin: string, slug: string, seq: number) {
	const url = new URL(`/${slug}/notices/${seq}`, origin).href;
	return { url, qr: await qrOf(url) };
}
