import { z } from 'zod';

// The companies a resident acts for (as their legal representative): requests and answers.

/** Full-width letters and digits typed on a Chinese keyboard are the same characters; lower case is upper. */
const creditCode = z.string().normalize('NFKC').trim().toUpperCase().min(1).max(18);

export const companyLinkBody = z.object({ creditCode }).strict();
export const creditCodeParam = z.object({ creditCode });

/** A company linked to the resident, as the legal-person registry has it now. */
export const linkedCompany = z.object({
  creditCode: z.string(),
  name: z.string(),
  /** 登记状态 in the registry (存续, 在业, 吊销, 注销, 迁出), if it says. */
  status: z.string().nullable(),
  /** True while the registry still names the resident as its legal representative (else they cannot act for it). */
  represented: z.boolean(),
  linkedAt: z.string(),
});
export type LinkedCompany = z.infer<typeof linkedCompany>;

export const linkedCompanies = z.array(linkedCompany);
