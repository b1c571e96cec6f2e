import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '../db';
import { findVillageBySlug, type Village } from './villages';

/** The village named in the URL, or a 404 page. */
export function villageFromSlug(slug: string): Village {
	const village = findVillageBySlug(getDb(), slug);
	if (!village) error(404, m.error_not_found());
	return village;
}
