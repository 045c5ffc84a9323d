import { accountMessages } from './account-messages.ts';

/** The strings of the citizen module's app pages (namespace `citizen`); each area's file is spread in. */
export const citizenAppMessages = {
  zh: { ...accountMessages.zh } as Record<string, string>,
  en: { ...accountMessages.en } as Record<string, string>,
};
