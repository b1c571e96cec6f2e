// For the migration tests of 033 and 034: a database with data, taken back to its schema at 032
// (their tables, columns, indexes and triggers removed), so that migrating again runs their
// backfills on what an older release wrote.
import type { Db } from '../index';

export function rewindTo032(db: Db): void {
	const triggers = db
		.prepare(
			"select name from sqlite_master where type = 'trigger' and name like 'meeting_changes_%'"
		)
		.pluck()
		.all() as string[];
	db.exec(`${triggers.map((t) => `drop trigger ${t};`).join('\n')}
		drop table meeting_changes;
		drop table ballot_times;
		drop index household_visits_household_member;
		drop index topics_village_state;
		create index topics_village_state on topics(village_id, state, id);
		alter table motions drop column few_ballots_confirmed_by;
		delete from schema_migrations where version >= 33;`);
}
