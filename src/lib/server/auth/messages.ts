import { m } from '$lib/paraglide/messages';
import type { PasswordProblem } from './password';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export function passwordProblemMessage(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return m.password_too_short({ min: PASSWORD_MIN_LENGTH });
		case 'too_long':
			return m.password_too_long({ max: PASSWORD_MAX_LENGTH });
		case 'too_common':
			return m.password_too_common();
		case 'same_as_phone':
			return m.password_same_as_phone();
	}
}
