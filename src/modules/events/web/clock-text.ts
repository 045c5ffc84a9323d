/** What spanText needs of i18next's t: a key and its values in, a sentence out. */
type Translate = (key: string, values: Record<string, number>) => string;

/**
 * A span of time to the minute in its two largest units ("2 天 4 小时", "3 小时 20 分", "5 分钟"), for the time left
 * before a case is due or by how much it is late; the sign is ignored and anything under a minute counts as one.
 */
export function spanText(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return t('cases.clock.daysHours', { days, hours });
  if (hours) return t('cases.clock.hoursMinutes', { hours, minutes: mins });
  return t('cases.clock.minutes', { minutes: mins });
}
