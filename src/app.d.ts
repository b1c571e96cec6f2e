import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			// Whether cookies we set must carry the Secure flag (the public origin is https).
			secureCookies: boolean;
			// Elderly mode (大字模式), from its cookie.
			largeText: boolean;
			// The request's language, from its cookie (src/lib/server/http/locale.ts).
			locale: Locale;
		}
		interface PageData {
			// A page that is the whole screen (the hall's projector): the root layout draws no shell.
			bare?: boolean;
		}
	}
}

export {};
