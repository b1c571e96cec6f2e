import { describe, expect, it } from 'vitest';
import { namesImpossibleAction } from './action-name';

const at = (query: string) => new URL(`http://x/xinyang/accounts${query}`);

describe('namesImpossibleAction', () => {
	it.each([
		'?/default',
		'?/__proto__',
		'?/constructor',
		'?/toString',
		'?/hasOwnProperty',
		'?/valueOf',
		'?/isPrototypeOf',
		'?/__defineGetter__',
		'?/propertyIsEnumerable',
		'?/toLocaleString',
		'?/remote=__proto__',
		'?/remote=',
		'?x=1&/default',
		'?/default&/create',
		'?/%64efault'
	])('refuses %j', (query) => expect(namesImpossibleAction(at(query))).toBe(true));

	it.each([
		'',
		'?',
		'?/create',
		'?/issueCode&x=1',
		'?/',
		'?/Default',
		'?/no-such',
		'?default',
		'?/create&/default'
	])('leaves %j to the page', (query) => expect(namesImpossibleAction(at(query))).toBe(false));
});
