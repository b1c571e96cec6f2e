// Numbered migrations, applied in order, each once, each in one transaction. Never edit a
// released migration: add the next number.
import foundation from './001-foundation.js';
import roster from './002-roster.js';
import topics from './003-topics.js';
import meetings from './004-meetings.js';
import meetingRecords from './005-meeting-records.js';
import procedure from './006-procedure.js';
import notices from './007-notices.js';
import implementation from './008-implementation.js';
import readIndexes from './009-read-indexes.js';
import trustedDevices from './010-trusted-devices.js';
import relationsAndCollective from './011-relations-and-collective.js';
import meetingNotices from './012-meeting-notices.js';
import presenceAndRecusal from './013-presence-and-recusal.js';
import entrustments from './014-entrustments.js';
import topicEnds from './015-topic-ends.js';
import minutesAfterClose from './016-minutes-after-close.js';
import speakersQueue from './017-speakers-queue.js';
import proxies from './018-proxies.js';
import paperObjections from './019-paper-objections.js';
import serviceWindow from './020-service-window.js';
import caseStepRating from './021-case-step-rating.js';
import caseListIndex from './022-case-list-index.js';
import gridPointResolutions from './024-grid-point-resolutions.js';
import figureIndexes from './025-figure-indexes.js';
import hallUses from './026-hall-uses.js';
import closedMeetingVenue from './030-closed-meeting-venue.js';
import township from './031-township.js';
import dataPageIndexes from './032-data-page-indexes.js';
import signedInReads from './033-signed-in-reads.js';
import meetingChanges from './034-meeting-changes.js';

export const migrations = [
	{ version: 1, name: 'foundation', sql: foundation },
	{ version: 2, name: 'roster', sql: roster },
	{ version: 3, name: 'topics', sql: topics },
	{ version: 4, name: 'meetings', sql: meetings },
	{ version: 5, name: 'meeting-records', sql: meetingRecords },
	{ version: 6, name: 'procedure', sql: procedure },
	{ version: 7, name: 'notices', sql: notices },
	{ version: 8, name: 'implementation', sql: implementation },
	{ version: 9, name: 'read-indexes', sql: readIndexes },
	{ version: 10, name: 'trusted-devices', sql: trustedDevices },
	{ version: 11, name: 'relations-and-collective', sql: relationsAndCollective },
	{ version: 12, name: 'meeting-notices', sql: meetingNotices },
	{ version: 13, name: 'presence-and-recusal', sql: presenceAndRecusal },
	{ version: 14, name: 'entrustments', sql: entrustments },
	{ version: 15, name: 'topic-ends', sql: topicEnds },
	{ version: 16, name: 'minutes-after-close', sql: minutesAfterClose },
	{ version: 17, name: 'speakers-queue', sql: speakersQueue },
	{ version: 18, name: 'proxies', sql: proxies },
	{ version: 19, name: 'paper-objections', sql: paperObjections },
	{ version: 20, name: 'service-window', sql: serviceWindow },
	{ version: 21, name: 'case-step-rating', sql: caseStepRating },
	{ version: 22, name: 'case-list-index', sql: caseListIndex },
	{ version: 24, name: 'grid-point-resolutions', sql: gridPointResolutions },
	{ version: 25, name: 'figure-indexes', sql: figureIndexes },
	{ version: 26, name: 'hall-uses', sql: hallUses },
	{ version: 30, name: 'closed-meeting-venue', sql: closedMeetingVenue },
	// Rebuilds users, which most tables reference: SQLite's table rebuild needs foreign keys off.
	{ version: 31, name: 'township', sql: township, foreignKeysOff: true },
	{ version: 32, name: 'data-page-indexes', sql: dataPageIndexes },
	{ version: 33, name: 'signed-in-reads', sql: signedInReads },
	{ version: 34, name: 'meeting-changes', sql: meetingChanges }
];
