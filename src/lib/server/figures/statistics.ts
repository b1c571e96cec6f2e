// Everything the staff statistics page shows, for one period and grid, in one call.
import type { Db } from '../db';
import { topicFigures, type TopicFigures } from './topics';
import { attendanceByType, participation, type Attendance, type Participation } from './meetings';
import { serviceFigures, type ServiceFigures } from './services';
import { visitCoverage, type VisitCoverage } from './visits';
import { fundsBySource, type FundsBySource } from './funds';
import { mattersByStage, type Stage } from './stages';
import { cultureFigures, type CultureFigures } from './culture';
import type { FigureFilter } from './period';
import type { MeetingType } from '../votes/rules';

export interface VillageStatistics {
	topics: TopicFigures;
	matters: Record<Stage, number>;
	attendance: Record<MeetingType, Attendance>;
	participation: Participation;
	services: ServiceFigures;
	visits: VisitCoverage;
	funds: FundsBySource;
	culture: CultureFigures;
}

export function villageStatistics(db: Db, f: FigureFilter): VillageStatistics {
	return {
		topics: topicFigures(db, f),
		matters: mattersByStage(db, f),
		attendance: attendanceByType(db, f),
		participation: participation(db, f),
		services: serviceFigures(db, f),
		visits: visitCoverage(db, f),
		funds: fundsBySource(db, f),
		culture: cultureFigures(db, f)
	};
}
