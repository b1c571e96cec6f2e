// The vote page while its meeting runs (src/routes/[village]/(public)/meetings/[id]). A plain
// file rather than SvelteKit's client, so a cheap phone downloads a few KB instead of the
// framework; CSP allows it as one of our own scripts. Two jobs, both optional (without JavaScript
// a reload shows the same, and the server asks back before a ballot counts):
// - every 3 s, while the page is visible, ask `live` whether the village has changed; when it has,
//   fetch the page and bring the changed nodes into this one in place, so focus, typed text, an
//   open <details> and the aria-live quorum panel survive. Never while a voter is confirming.
// - a ballot's first press shows that choice's confirmation at once, from its <template>.
(() => {
	const root = document.querySelector('[data-live-root]');
	if (!root || window.__meetingLive) return;
	window.__meetingLive = true;

	const pending = () => root.querySelector('[data-ballot-pending]');
	const motionIds = () =>
		new Set([...root.querySelectorAll('[data-motion]')].map((el) => el.dataset.motion));

	/** What pairs an old node with its new self: its id, its heading, its motion or its name. */
	const keyOf = (n) =>
		n.nodeType === Node.ELEMENT_NODE
			? n.id ||
				n.getAttribute('aria-labelledby') ||
				n.getAttribute('data-motion') ||
				n.getAttribute('data-ballot-confirm') ||
				n.getAttribute('name') ||
				''
			: '';

	/**
	 * Makes `from` look like `to`, changing only what differs: an old child is kept (and morphed)
	 * when a new one has its key, or for keyless ones, its kind in order; the rest are replaced.
	 * Kept nodes never move, so focus, typed text and a screen reader's place survive. A changed
	 * <template> is replaced whole: a confirmation must never keep an old motion's hidden fields.
	 * @param {Element} from @param {Element} to
	 */
	function morph(from, to) {
		if (from.hasAttribute('data-read-aloud') && from.dataset.text === to.dataset.text) return;
		for (const { name } of [...from.attributes])
			if (!to.hasAttribute(name) && !(name === 'open' && from.tagName === 'DETAILS'))
				from.removeAttribute(name);
		for (const { name, value } of [...to.attributes])
			if (from.getAttribute(name) !== value) from.setAttribute(name, value);
		const old = [...from.childNodes];
		const used = new Set();
		let cursor = 0;
		const result = [...to.childNodes].map((y) => {
			const key = keyOf(y);
			let x;
			if (key) x = old.find((o) => !used.has(o) && o.nodeName === y.nodeName && keyOf(o) === key);
			else
				for (let i = cursor; i < old.length && !x; i++)
					if (!used.has(old[i]) && !keyOf(old[i]) && old[i].nodeName === y.nodeName) {
						x = old[i];
						cursor = i + 1;
					}
			if (!x || (x.nodeName === 'TEMPLATE' && x.innerHTML !== y.innerHTML)) return y;
			used.add(x);
			if (x.nodeType === Node.ELEMENT_NODE) morph(x, y);
			else if (x.nodeValue !== y.nodeValue) x.nodeValue = y.nodeValue;
			return x;
		});
		for (const x of old) if (!used.has(x)) x.remove();
		let ref = from.firstChild;
		for (const n of result) {
			if (n === ref) ref = ref.nextSibling;
			else from.insertBefore(n, ref);
		}
	}

	let busy = false;
	async function tick() {
		if (busy || document.visibilityState !== 'visible') return;
		if (!root.hasAttribute('data-live-stamp') || pending()) return;
		busy = true;
		try {
			const r = await fetch(root.dataset.liveSrc, { cache: 'no-store' });
			if (!r.ok) return;
			const { stamp } = await r.json();
			if (String(stamp) === root.dataset.liveStamp) return;
			const page = await fetch(location.href, { cache: 'no-store' });
			if (!page.ok) return;
			const doc = new DOMParser().parseFromString(await page.text(), 'text/html');
			const fresh = doc.querySelector('[data-live-root]');
			// A sign-out or a closed session shows another page: leave this one as it is.
			if (!fresh || pending()) return;
			const before = motionIds();
			morph(root, fresh);
			// The stamp asked for, not the page's: a page fetched after it shows at least that much, and
			// a copy of the page served from a cache must not make every later tick fetch it again.
			if (root.hasAttribute('data-live-stamp')) root.dataset.liveStamp = String(stamp);
			if ([...motionIds()].some((id) => !before.has(id)))
				root.querySelector('[data-live-announce]').textContent = root.dataset.labelNewVote;
			// A motion's 朗读 button came with it; its script is loaded only by a page drawn with one.
			if (!window.__readAloud && root.querySelector('[data-read-aloud]')) {
				const s = document.createElement('script');
				s.src = '/read-aloud.js';
				document.head.append(s);
			}
		} catch {
			// Offline for a moment: the next tick tries again.
		} finally {
			busy = false;
		}
	}
	setInterval(tick, 3000);
	document.addEventListener('visibilitychange', tick);

	root.addEventListener('submit', (e) => {
		const form = /** @type {HTMLFormElement} */ (e.target);
		if (form.matches('[data-ballot-pending]')) {
			// A second tap while the first is on its way would show "already voted" instead.
			if (form.dataset.sent) e.preventDefault();
			form.dataset.sent = 'yes';
			return;
		}
		const choice = form.matches('[data-ballot]') && e.submitter?.value;
		if (!choice) return;
		let t = form.nextElementSibling;
		while (t && t.getAttribute('data-ballot-confirm') !== choice) t = t.nextElementSibling;
		if (!t) return;
		e.preventDefault();
		const step = /** @type {HTMLElement} */ (t.content.firstElementChild.cloneNode(true));
		step.setAttribute('data-ballot-pending', choice);
		form.hidden = true;
		form.before(step);
		step.querySelector('[tabindex="-1"]').focus();
	});

	root.addEventListener('click', (e) => {
		const back = e.target.closest?.('[data-ballot-pending] [data-ballot-back]');
		if (!back) return;
		e.preventDefault();
		const step = back.closest('[data-ballot-pending]');
		const form = step.nextElementSibling;
		const choice = step.getAttribute('data-ballot-pending');
		step.remove();
		form.hidden = false;
		form.querySelector(`button[value="${choice}"]`)?.focus();
	});
})();
