// Outbox rows written straight into the tables of migration 031, for the unit tests of the SMS and
// loudspeaker channels: they need a message and its deliveries, not the verbs that queue them.
import type { Db } from '../db';
import type { SmsKind } from './sms-provider';

let events = 0;

export function insertMessage(
	db: Db,
	villageId: number,
	m: {
		kind?: SmsKind;
		subjectType?: string;
		subjectId?: number;
		title?: string;
		body?: string;
	} = {}
): number {
	return Number(
		db
			.prepare(
				`insert into messages (village_id, kind, subject_type, subject_id, event_key, title, body, created_at)
				 values (?, ?, ?, ?, ?, ?, ?, '2026-12-01T00:00:00.000Z')`
			)
			.run(
				villageId,
				m.kind ?? 'meeting_called',
				m.subjectType ?? 'meeting',
				m.subjectId ?? 1,
				`e${++events}`,
				m.title ?? '村民会议通知',
				m.body ?? '请准时参加。'
			).lastInsertRowid
	);
}

export function insertDelivery(
	db: Db,
	messageId: number,
	personId: number,
	channel: 'online' | 'call' | 'sms' | 'wechat' | 'loudspeaker' = 'sms'
): number {
	return Number(
		db
			.prepare('insert into message_deliveries (message_id, person_id, channel) values (?, ?, ?)')
			.run(messageId, personId, channel).lastInsertRowid
	);
}
