/** A mainland mobile number as 11 digits, or null. Accepts spaces, dashes and a +86 prefix. */
export function normalizePhone(input: string): string | null {
	const compact = input.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086)/, '');
	return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}

/** 138****0001: enough for the owner to recognise, nothing for a passer-by. */
export function maskPhone(phone: string): string {
	return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
