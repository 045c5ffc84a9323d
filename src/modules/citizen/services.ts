import type { ReportService } from './reports/service.ts';
import type { SubjectService } from './subjects/service.ts';

/** The citizen module's services, as its routes take them. */
export type CitizenServices = {
  subjects: SubjectService;
  reports: ReportService;
};
