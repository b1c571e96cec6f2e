// The clerk's triage form on the topic page (src/routes/[village]/(member)/topics/[number]/
// TriagePanel.svelte), which ships no framework: loaded only where that form is drawn, i.e. for
// staff. It applies the panel's rule as the form is filled: answering yes and ticking any matter of
// the checklist leaves only the 4+2 route (or merging into a topic already on it). The server
// refuses the other routes itself, so without this script the form still cannot go wrong.
(() => {
	for (const form of document.querySelectorAll('form[data-triage]')) {
		const update = () => {
			const major =
				form.querySelector('input[name="art24Answer"]:checked')?.value === 'yes' &&
				form.querySelector('input[name="art24"]:checked') !== null;
			form.querySelector('[data-triage-major]').hidden = !major;
			for (const route of form.querySelectorAll('input[name="route"]'))
				route.disabled = major && route.value !== 'four_plus_two' && route.value !== 'merge';
		};
		form.addEventListener('change', update);
		update();
	}
})();
