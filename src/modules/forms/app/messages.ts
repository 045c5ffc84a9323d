/** The strings of the forms module's app pages (namespace `forms`). */
export const formsAppMessages = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
