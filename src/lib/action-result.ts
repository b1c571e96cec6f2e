// Pages with several forms return `{ action, message }` on a refusal and `{ action, saved }` on
// success (see the consultation and implementation actions), so each form shows only its own.

type ActionForm = { action?: string; message?: string; saved?: string } | null | undefined;

/** The refusal message of this form's last post, if it was this form's. */
export const refusalOf = (form: ActionForm, action: string): string | undefined =>
	form?.action === action ? form.message : undefined;

/** The confirmation of this form's last post, if it was this form's. */
export const savedOf = (form: ActionForm, action: string): string | undefined =>
	form?.action === action ? form.saved : undefined;
