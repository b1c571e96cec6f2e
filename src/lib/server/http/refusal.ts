/**
 * The HTTP status of a refused domain command. Only two reasons get their own status: the
 * asker may not do this (403) and the thing named does not exist or is not this village's
 * (404). Every other reason is a request that cannot be carried out as sent, including state
 * conflicts such as a second ballot: 400, so forms read one status for "try something else".
 */
export function refusalStatus(reason: string): 403 | 404 | 400 {
	if (reason === 'forbidden') return 403;
	if (reason === 'not_found') return 404;
	return 400;
}
