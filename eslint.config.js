import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

// The typed rules on .svelte files made lint cost 343 of its 394 CPU seconds: TypeScript's project
// had read each component from disk as if it were TypeScript, so opening its virtual TypeScript
// changed the program's imports and every component rebuilt the whole program. This opt-in hook
// of svelte-eslint-parser serves that virtual TypeScript to the project from the start: 81 CPU s,
// same findings. Set here, not in package.json, so `npx eslint` and editors see the same types.
// The parser reads the flag when it is first imported, hence the import below and not above.
process.env.SVELTE_ESLINT_PARSER_EXPERIMENTAL_TS_SYS_HOOK ??= '1';
const { default: svelte } = await import('eslint-plugin-svelte');

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		// TypeScript checks undefined names itself; no-undef only misfires on types.
		rules: {
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser
			}
		}
	}
);
