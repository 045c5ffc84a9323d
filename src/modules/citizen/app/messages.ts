import { accountMessages } from './account-messages.ts';
import { reportMessages } from './report-messages.ts';

/** The strings of the citizen module's app pages (namespace `citizen`); each area's file is spread in. */
export const citizenAppMessages = {
  zh: { ...accountMessages.zh, ...reportMessages.zh } as Record<string, string>,
  en: { ...accountMessages.en, ...reportMessages.en } as Record<string, string>,
};
