import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { cosignThresholds } from '$lib/server/topics/rules';
import { cosignSentence } from './cosign-words';

const baseGetLocale = getLocale;
afterEach(() => overwriteGetLocale(baseGetLocale));

// signers, representative signers, adults, representatives → the three sentences in order:
// a tenth of adults, a third of the representatives, a fifth of the representatives.
describe('co-signing in plain words', () => {
	it.each<[number, number, number, number, 'zh-CN' | 'en', string[]]>([
		[
			12,
			0,
			330,
			20,
			'zh-CN',
			[
				'已有 12 人附议，还需 21 人即须召开村民会议',
				'已有 0 名村民代表附议，还需 7 名代表即须召开村民会议',
				'已有 0 名村民代表附议，还需 4 名代表即须召开村民代表会议'
			]
		],
		// 以上 includes the number: 33 of 330 is a tenth, 4 of 20 a fifth, 7 of 20 (21 ≥ 20) a third.
		[
			33,
			4,
			330,
			20,
			'zh-CN',
			[
				'已有 33 人附议，达到成年村民的十分之一，须召开村民会议',
				'已有 4 名村民代表附议，还需 3 名代表即须召开村民会议',
				'已有 4 名村民代表附议，达到代表总数的五分之一，须召开村民代表会议'
			]
		],
		[
			32,
			7,
			331,
			20,
			'zh-CN',
			[
				'已有 32 人附议，还需 2 人即须召开村民会议',
				'已有 7 名村民代表附议，达到代表总数的三分之一，须召开村民会议',
				'已有 7 名村民代表附议，达到代表总数的五分之一，须召开村民代表会议'
			]
		],
		[
			12,
			0,
			330,
			20,
			'en',
			[
				"12 have co-signed; 21 more and a villagers' meeting must be called",
				"0 village representatives have co-signed; 7 more and a villagers' meeting must be called",
				"0 village representatives have co-signed; 4 more and a representatives' meeting must be called"
			]
		]
	])('%i signers (%i reps) of %i adults, %i reps, in %s', (s, r, adults, reps, locale, words) => {
		overwriteGetLocale(() => locale);
		expect(cosignThresholds(s, r, adults, reps).map(cosignSentence)).toEqual(words);
	});
});
