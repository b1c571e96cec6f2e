// The outbox's forms: one schema each, so a route parses with them and hands the domain typed values.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id } from '../forms';
import { CHANNELS } from './outbox';

export const markDoneForm = z.object({ delivery: id() });

export const preferredChannelForm = z.object({
	channel: choice(CHANNELS, () => m.obx_bad_channel())
});
