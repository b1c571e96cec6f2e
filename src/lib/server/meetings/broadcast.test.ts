import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { insertMessage } from '../outbox/test-helpers';
import { messageBroadcast } from './broadcast';
import { createMeeting } from './calling';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => ({ id: demoVillageId(db), name: '新阳村' });
function meeting() {
	const created = createMeeting(db, demoActor(db, '13800000001'), village().id, {
		type: 'reps_meeting',
		title: '村民代表会议',
		meetingDate: '2026-12-20',
		startsAt: '14:00',
		place: '村委会会议室'
	});
	if (!created.ok) throw new Error(created.reason);
	return created.meeting.id;
}

describe('messageBroadcast', () => {
	it('says a meeting notice with the meeting’s own time and place', () => {
		const id = insertMessage(db, village().id, { subjectId: meeting(), title: '通知' });
		const b = messageBroadcast(db, village(), id);
		expect(b?.script[1]).toBe(
			'新阳村定于二〇二六年十二月二十日，星期日，下午两点，在村委会会议室召开村民代表会议，请准时参加。'
		);
		expect(b?.script[3]).toBe(b?.script[1]);
	});

	it('says a message about something else as it is written', () => {
		const id = insertMessage(db, village().id, {
			kind: 'case_overdue',
			subjectType: 'service_case',
			title: '办件超期提醒',
			body: '请尽快办理。'
		});
		expect(messageBroadcast(db, village(), id)?.script[1]).toBe('办件超期提醒。请尽快办理。');
	});

	it('finds no message of another village', () => {
		const id = insertMessage(db, village().id);
		expect(messageBroadcast(db, { id: village().id + 1, name: '别村' }, id)).toBeNull();
	});
});
