// Numbered migrations, applied in order, each once, each in one transaction. Never edit a
// released migration: add the next number.
import foundation from './001-foundation.js';

export const migrations = [{ version: 1, name: 'foundation', sql: foundation }];
