import type { SubmitFunction } from '@sveltejs/kit';

/**
 * The console's actions redirect back to the console, and SvelteKit resets a form only after a
 * 'success' result: without this, a form that did its job would keep its counts or text and invite
 * a second, duplicate submit. A refused form keeps what was typed, to be corrected.
 */
export const resetAfterRedirect: SubmitFunction =
	() =>
	async ({ result, update, formElement }) => {
		await update();
		if (result.type === 'redirect') formElement.reset();
	};
