import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a Chinese name, lower case (王丽 → wl), for search with a Latin keyboard. */
export function nameInitials(name: string): string {
	return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
		.join('')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}
