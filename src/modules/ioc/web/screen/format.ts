// How the screen writes its figures: large counts shortened as a Chinese reader expects (万, 亿), shares as
// percentages, times in China's time zone whatever the display's own.

const ZONE = 'Asia/Shanghai';

/** A count for a big figure: 812345 → "81.2万" in Chinese, "812,345" in English (or "98.8M" past ten million). */
export function bigNumber(value: number, language: string): { value: string; unit: string } {
  const zh = language !== 'en';
  if (zh && Math.abs(value) >= 1e8) return { value: trim(value / 1e8), unit: '亿' };
  if (zh && Math.abs(value) >= 1e5) return { value: trim(value / 1e4), unit: '万' };
  if (!zh && Math.abs(value) >= 1e7) return { value: trim(value / 1e6), unit: 'M' };
  return { value: new Intl.NumberFormat(zh ? 'zh-CN' : 'en').format(value), unit: '' };
}

/** A count as one string ("81.23万"), for bars and lists. */
export function shortNumber(value: number, language: string): string {
  const { value: shown, unit } = bigNumber(value, language);
  return shown + unit;
}

/** One or two decimals, as few as needed (81.23 → "81.2", 1.0 → "1"). */
function trim(value: number): string {
  const digits = Math.abs(value) >= 100 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** A share 0..1 as a percentage with one decimal; a dash when there is nothing to rate. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** The header's clock: date, weekday and time in Asia/Shanghai. */
export function clockText(at: number, language: string): { date: string; time: string } {
  const locale = language === 'en' ? 'en-GB' : 'zh-CN';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    year: 'numeric',
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(at);
  return { date, time: timeText(at) };
}

/** HH:mm:ss in Asia/Shanghai. */
export function timeText(at: number | string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}
