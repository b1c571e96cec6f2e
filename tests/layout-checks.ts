// Layout checks for small screens: 200 % browser zoom on a 360 px phone, and elderly mode
// (大字模式). Any story may use them after it has opened a page.
import type { Page } from '@playwright/test';
import { expect, type App } from './fixtures.ts';

export const PHONE_WIDTH = 360;

/**
 * 200 % browser zoom on a 360 px wide phone: the browser lays the page out in 180 CSS px across,
 * exactly as it would in a 180 px viewport (zoom only doubles each CSS px). So a 180 px viewport
 * emulates it, with rem sizes and media queries behaving as they do when zoomed.
 */
export async function zoom200(page: Page): Promise<void> {
	await page.setViewportSize({ width: PHONE_WIDTH / 2, height: 370 });
}

/** A 360 px phone whose owner has switched on elderly mode (its cookie, as the header switch sets). */
export async function useElderlyMode(page: Page, app: Pick<App, 'url'>): Promise<void> {
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	await page.context().addCookies([{ name: 'display', value: 'large', url: app.url }]);
}

/** Whether the page is painted in elderly mode (the class the server puts on <html>). */
export async function inElderlyMode(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.classList.contains('large-text'));
}

/**
 * Nothing scrolls sideways: the document is no wider than the viewport, and no element sticks out
 * of it, except inside a container that scrolls or clips on its own (a wide table in its
 * scroll box). The failure names the elements that stick out whose parent does not.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const found = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const scrollWidth = document.scrollingElement!.scrollWidth;
		const clipsSideways = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
		const sticksOut = (el: Element): boolean => {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) return false;
			return r.right > width + 0.5 || r.left < -0.5;
		};
		// Kept off screen on purpose until focused (the skip link), or hidden to the eye.
		const offScreenOnPurpose = (el: Element) =>
			el.closest('.skip-link, .visually-hidden') !== null &&
			(el as HTMLElement).matches(':not(:focus-within)');
		const insideScroller = (el: Element) => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
				if (clipsSideways(p)) return true;
			return false;
		};
		const name = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const cls = [...el.classList].map((c) => `.${c}`).join('');
			const r = el.getBoundingClientRect();
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			return `<${el.tagName.toLowerCase()}${id}${cls}> ${Math.round(r.left)}..${Math.round(r.right)} px "${text}"`;
		};
		const offenders = [...document.body.querySelectorAll('*')].filter(
			(el) =>
				sticksOut(el) &&
				!offScreenOnPurpose(el) &&
				!insideScroller(el) &&
				!(el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement))
		);
		return { width, scrollWidth, offenders: offenders.slice(0, 12).map(name) };
	});
	expect(
		{ scrollWidth: found.scrollWidth, offenders: found.offenders },
		`${page.url()} at ${found.width} px: the page is ${found.scrollWidth} px wide; sticking out:\n  ${found.offenders.join('\n  ')}`
	).toEqual({ scrollWidth: found.width, offenders: [] });
}
