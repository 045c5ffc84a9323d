import { reportMessages } from './report-messages.ts';

/** The strings of the citizen module's app pages (namespace `citizen`). */
export const citizenAppMessages = {
  zh: { ...reportMessages.zh } as Record<string, string>,
  en: { ...reportMessages.en } as Record<string, string>,
};
