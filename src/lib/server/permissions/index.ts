// Who may do what, in one place: the actor and how a session makes one (actor.ts), the checks a
// page makes of the session (session.ts), the checks a domain command makes inside its transaction
// of the live account and the roster (village.ts, accounts.ts), and the table of every command's
// rule (table.ts).
export * from './actor';
export * from './accounts';
export * from './filing';
export * from './session';
export * from './village';
export * from './rules';
export * from './table';
