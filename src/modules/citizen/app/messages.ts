import { accountMessages } from './account-messages.ts';
import { directoryMessages } from './directory-messages.ts';
import { reportMessages } from './report-messages.ts';
import { walletMessages } from './wallet-messages.ts';

const areas = [accountMessages, reportMessages, walletMessages, directoryMessages];

/** The strings of the citizen module's app pages (namespace `citizen`); each area's file is spread in. */
export const citizenAppMessages = {
  zh: Object.assign({}, ...areas.map((a) => a.zh)) as Record<string, string>,
  en: Object.assign({}, ...areas.map((a) => a.en)) as Record<string, string>,
};
