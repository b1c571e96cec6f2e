// 朗读 with JavaScript (src/lib/components/ReadAloud.svelte). A plain file rather than part of the
// app bundle, because the notice pages ship no framework (csr = false) and CSP allows only our own
// scripts. The browser's Chinese voice reads the page's text; without one, the server's recording
// plays. One listener on the document serves every button, also those a client navigation adds.
(() => {
	if (window.__readAloud) return;
	window.__readAloud = true;
	document.documentElement.dataset.readAloud = 'js';

	const synth = window.speechSynthesis;
	/** @type {HTMLElement | null} the block whose text is being read */
	let current = null;

	const chineseVoice = () =>
		(synth?.getVoices() ?? []).find((v) => /^(zh|cmn)/i.test(v.lang)) ?? null;

	/** Voices arrive asynchronously in Chromium: wait for them briefly at the first press. */
	const voiceSoon = () =>
		new Promise((resolve) => {
			const now = chineseVoice();
			if (now || !synth) return resolve(now);
			const done = () => resolve(chineseVoice());
			synth.addEventListener?.('voiceschanged', done, { once: true });
			setTimeout(done, 1000);
		});

	/** @param {HTMLElement} block @param {'idle' | 'speaking' | 'paused'} state */
	function show(block, state) {
		const toggle = block.querySelector('[data-read-aloud-toggle]');
		const stop = block.querySelector('[data-read-aloud-stop]');
		toggle.textContent =
			state === 'speaking'
				? block.dataset.labelPause
				: state === 'paused'
					? block.dataset.labelResume
					: block.dataset.labelRead;
		toggle.setAttribute('aria-pressed', String(state === 'speaking'));
		stop.hidden = state === 'idle';
		block.dataset.state = state;
	}

	function stopAll() {
		synth?.cancel();
		for (const a of document.querySelectorAll('[data-read-aloud] audio')) a.pause();
		if (current) show(current, 'idle');
		current = null;
	}

	/** @param {HTMLElement} block */
	async function start(block) {
		stopAll();
		current = block;
		const voice = await voiceSoon();
		if (current !== block) return;
		if (voice) {
			// One utterance per paragraph, queued: Chromium cuts very long single utterances short.
			const parts = block.dataset.text.split('\n');
			parts.forEach((part, i) => {
				const u = new SpeechSynthesisUtterance(part);
				u.voice = voice;
				u.lang = voice.lang;
				if (i === parts.length - 1) u.onend = () => current === block && stopAll();
				synth.speak(u);
			});
			show(block, 'speaking');
			return;
		}
		const audio = block.querySelector('audio');
		const none = block.querySelector('[data-read-aloud-none]');
		if (!audio) {
			if (none) none.hidden = false;
			current = null;
			return;
		}
		audio.onended = () => current === block && stopAll();
		show(block, 'speaking');
		audio.play().catch(() => {
			if (none) none.hidden = false;
			stopAll();
		});
	}

	/** @param {HTMLElement} block */
	function toggle(block) {
		if (current !== block) return start(block);
		const audio = block.querySelector('audio');
		const paused = block.dataset.state === 'paused';
		if (synth?.speaking) {
			if (paused) synth.resume();
			else synth.pause();
		} else if (audio) {
			if (paused) audio.play();
			else audio.pause();
		}
		show(block, paused ? 'speaking' : 'paused');
	}

	document.addEventListener('click', (event) => {
		const button = event.target instanceof Element ? event.target.closest('button') : null;
		const block = button?.closest('[data-read-aloud]');
		if (!button || !(block instanceof HTMLElement)) return;
		if (button.hasAttribute('data-read-aloud-toggle')) toggle(block);
		else if (button.hasAttribute('data-read-aloud-stop')) stopAll();
	});
	// Leaving the page, or a client navigation that removes the block (the component asks), stops.
	window.addEventListener('pagehide', stopAll);
	window.__readAloudStop = stopAll;
})();
