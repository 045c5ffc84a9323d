import type { CompanyService } from './companies/service.ts';
import type { DirectoryServiceApi } from './directory/service.ts';
import type { ProfileService } from './profile/service.ts';
import type { ReportService } from './reports/service.ts';
import type { SignupService } from './signup/service.ts';
import type { SubjectService } from './subjects/service.ts';
import type { WalletService } from './wallet/service.ts';

/** The citizen module's services, as its routes take them. */
export type CitizenServices = {
  subjects: SubjectService;
  signup: SignupService;
  companies: CompanyService;
  profile: ProfileService;
  reports: ReportService;
  wallet: WalletService;
  directory: DirectoryServiceApi;
};
