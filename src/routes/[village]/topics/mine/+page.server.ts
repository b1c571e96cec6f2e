import type { PageServerLoad } from './$types';
import { loadTopicList } from '../list.server';

export const load: PageServerLoad = (event) => loadTopicList(event, true);
