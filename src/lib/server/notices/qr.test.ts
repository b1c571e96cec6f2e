import { describe, expect, it } from 'vitest';
import { noticeUrl } from './qr';

describe('noticeUrl', () => {
	it('gives the public address and the same QR code for it every time', async () => {
		const first = await noticeUrl('https://hall.example.cn', 'xinyang', 7);
		expect(first.url).toBe('https://hall.example.cn/xinyang/notices/7');
		expect(first.qr).toMatch(/^<svg [^>]*viewBox/);
		const again = await noticeUrl('https://hall.example.cn', 'xinyang', 7);
		expect(again.qr).toBe(first.qr);
		const other = await noticeUrl('https://hall.example.cn', 'xinyang', 8);
		expect(other.qr).not.toBe(first.qr);
	});

	it('still draws every notice after more than it keeps', async () => {
		const seen = new Set<string>();
		for (let seq = 1; seq <= 520; seq++)
			seen.add((await noticeUrl('https://hall.example.cn', 'dongshan', seq)).qr);
		expect(seen.size).toBe(520);
		expect((await noticeUrl('https://hall.example.cn', 'dongshan', 1)).qr).toMatch(/^<svg /);
	});
});
