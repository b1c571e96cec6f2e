import type { PageServerLoad } from './$types';
import { loadTopicList } from '$lib/server/topics/list-page';

export const load: PageServerLoad = (event) => loadTopicList(event, true);
