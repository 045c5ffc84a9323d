import { directoryMessages } from './directory-messages.ts';
import { walletMessages } from './wallet-messages.ts';

/** The strings of the citizen module's app pages (namespace `citizen`); each area's file is spread in. */
export const citizenAppMessages = {
  zh: { ...walletMessages.zh, ...directoryMessages.zh } as Record<string, string>,
  en: { ...walletMessages.en, ...directoryMessages.en } as Record<string, string>,
};
