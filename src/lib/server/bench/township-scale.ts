// The township benchmark's sizes (the full township, a tiny one for tests and the smoke run, an
// almost empty one) and the logins and words the generated rows are made of.

export const TOWNSHIP = {
	villages: 30,
	people: 90_000,
	topics: 50_000,
	meetings: 5_000,
	ballots: 1_000_000,
	// The pages measured are the first village's: its topic list, a topic with many opinions, its
	// notice board.
	firstVillageTopics: 10_000,
	opinionsOnOneTopic: 500,
	firstVillageNotices: 1_000,
	// The staff case list measured is the first village's window; the others keep a few hundred.
	firstVillageCases: 5_000,
	casesPerVillage: 300,
	stormVoters: 100,
	stormMotions: 60,
	// The open-loop run: this many voters each cast one ballot on one open motion.
	openLoopVoters: 300
};

export type Scale = typeof TOWNSHIP;

export const TINY: Scale = {
	villages: 2,
	people: 600,
	topics: 200,
	meetings: 10,
	ballots: 1_000,
	firstVillageTopics: 100,
	opinionsOnOneTopic: 20,
	firstVillageNotices: 20,
	firstVillageCases: 50,
	casesPerVillage: 10,
	stormVoters: 20,
	stormMotions: 10,
	openLoopVoters: 30
};

/** Next to nothing: one village with one of each thing the pages show. */
export const EMPTY: Scale = {
	villages: 1,
	people: 300,
	topics: 1,
	meetings: 1,
	ballots: 100,
	firstVillageTopics: 1,
	opinionsOnOneTopic: 0,
	firstVillageNotices: 1,
	firstVillageCases: 1,
	casesPerVillage: 1,
	stormVoters: 100,
	stormMotions: 60,
	openLoopVoters: 0
};

/** A township (the unit one instance serves, docs/operations.md) holds this many villages. */
export const VILLAGES_PER_TOWNSHIP = 30;

/**
 * The full township's sizes for `villages` villages: the first village stays as it is (its pages
 * are the ones measured), everything else grows with the number of villages.
 */
export function scaleFor(villages: number): Scale {
	const per = (total: number) => Math.round((total * villages) / TOWNSHIP.villages);
	return {
		...TOWNSHIP,
		villages,
		people: per(TOWNSHIP.people),
		topics: TOWNSHIP.firstVillageTopics + per(TOWNSHIP.topics - TOWNSHIP.firstVillageTopics),
		meetings: per(TOWNSHIP.meetings),
		ballots: per(TOWNSHIP.ballots)
	};
}

export const STORM_PASSWORD = 'bench-voter-2026';
/** The clerk of village i (0-based) signs in with this number and STORM_PASSWORD. */
export const clerkPhone = (i: number) => `1370000${String(i).padStart(4, '0')}`;
export const stormPhone = (i: number) => `1390000${String(i).padStart(4, '0')}`;
export const openLoopPhone = (i: number) => `1380000${String(i).padStart(4, '0')}`;
/** The official of township t (0-based), with STORM_PASSWORD. */
export const townshipPhone = (t: number) => `1360000${String(t).padStart(4, '0')}`;

export const SURNAMES =
	'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许'.split('');
export const GIVEN = '秀英桂兰志强建国淑珍海燕玉林春梅德明金龙晓燕长林振华永胜美玲树森翠花'.match(
	/../g
) as string[];
export const TITLES = [
	'修缮村道',
	'安装路灯',
	'清理河道',
	'建设文化广场',
	'改造自来水管',
	'增设垃圾分类点',
	'修建停车场',
	'维修桥梁'
];
export const CATEGORIES = ['development', 'ecology', 'livelihood', 'culture', 'dispute', 'other'];
export const STATES = [
	'submitted',
	'consultation',
	'four_plus_two',
	'direct',
	'completed',
	'not_accepted'
];
