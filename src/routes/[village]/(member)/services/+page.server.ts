import type { PageServerLoad } from './$types';
import { loadCaseList } from '$lib/server/services/list-page';

export const load: PageServerLoad = (event) => loadCaseList(event);
