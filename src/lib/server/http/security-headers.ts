// The headers every answer carries, whether SvelteKit renders it or a public page is answered from
// memory before SvelteKit (page-cache/node.ts): one list, so the two paths cannot drift.

const ALWAYS: readonly (readonly [string, string])[] = [
	['x-content-type-options', 'nosniff'],
	['referrer-policy', 'strict-origin-when-cross-origin'],
	['x-frame-options', 'DENY'],
	['permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()'],
	['cross-origin-opener-policy', 'same-origin']
];

const OVER_HTTPS = [
	...ALWAYS,
	['strict-transport-security', 'max-age=31536000; includeSubDomains']
] as const;

/** The security headers of an answer, HSTS only when the request came over https. */
export function securityHeaderList(https: boolean): readonly (readonly [string, string])[] {
	return https ? OVER_HTTPS : ALWAYS;
}
