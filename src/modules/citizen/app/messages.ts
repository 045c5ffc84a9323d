/** The strings of the citizen module's app pages (namespace `citizen`). */
export const citizenAppMessages = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
