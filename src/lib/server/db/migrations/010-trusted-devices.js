// Browsers that once signed in to an account (OWASP's "device cookies"): a villager's own phone may
// still sign in to that account while an attacker behind the same carrier address has spent the
// address's budget of failures.
export default /* sql */ `
create table trusted_devices (
	-- SHA-256 of the random token in the browser's cookie, hex; the token itself is never stored.
	token_hash text not null,
	user_id integer not null references users(id) on delete cascade,
	expires_at integer not null,
	created_at integer not null,
	primary key (token_hash, user_id)
) strict, without rowid;
create index trusted_devices_user on trusted_devices(user_id, expires_at);
`;
