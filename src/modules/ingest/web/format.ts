import i18n from 'i18next';

/** A file size in B, KB, MB or GB, with the user's decimal separator. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A share (0..1) as a percentage with one decimal; nothing to divide by becomes a dash. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** `part / whole`, or null when there is no whole to measure against. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Seconds as "3.2 s", "4 min 05 s" or "1 h 02 min". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 0.1) return '< 0.1 s';
  if (seconds < 60) {
    return `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: seconds < 10 ? 1 : 0 }).format(seconds)} s`;
  }
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s < 3600
    ? `${Math.floor(s / 60)} min ${pad(s % 60)} s`
    : `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}
