import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bigNumber, percent } from './format.ts';
import { palette } from './styles.ts';

/** A framed panel with its title; `testId` names it for the tests and the soak bench. */
export function Panel({
  title,
  testId,
  children,
  grow = 1,
  height,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  /** Its share of the column's height, or a fixed `height`. */
  grow?: number;
  height?: number;
}) {
  return (
    <section
      className="ioc-panel"
      data-testid={testId}
      style={height ? { flex: 'none', height } : { flexGrow: grow }}
    >
      <div className="ioc-panel-title">{title}</div>
      <div className="ioc-panel-body">{children}</div>
    </section>
  );
}

export type Tone = 'bad' | 'good' | 'warn' | undefined;

/**
 * One figure: its label and value (large counts shortened, e.g. 81.2万). `data-value` carries the exact number and
 * `data-figure` the summary's field it shows ("alarms.active"), so tests and the soak bench compare it with the API's.
 */
export function Figure({
  testId,
  figure,
  label,
  value,
  share = false,
  tone,
  small = false,
}: {
  testId: string;
  figure?: string;
  label: string;
  value: number | null;
  /** A share 0..1 shown as a percentage. */
  share?: boolean;
  tone?: Tone;
  small?: boolean;
}) {
  const { i18n } = useTranslation();
  const shown =
    value === null
      ? { value: '—', unit: '' }
      : share
        ? { value: percent(value), unit: '' }
        : bigNumber(value, i18n.language);
  return (
    <div
      className={small ? 'ioc-figure small' : 'ioc-figure'}
      data-testid={testId}
      data-figure={figure}
      data-value={value ?? ''}
      data-tone={tone}
    >
      <div className="ioc-figure-label">{label}</div>
      <div className="ioc-figure-value">
        {shown.value}
        {shown.unit && <small>{shown.unit}</small>}
      </div>
    </div>
  );
}

/** A share 0..1 as a ring with its percentage inside (drawn in SVG: sharp at any scale, no chart instance). */
export function Ring({
  testId,
  figure,
  label,
  share,
  color = palette.accent,
  size = 104,
}: {
  testId: string;
  /** The summary's field it shows, as Figure's. */
  figure?: string;
  label: string;
  share: number | null;
  color?: string;
  size?: number;
}) {
  const r = size / 2 - 8;
  const length = 2 * Math.PI * r;
  const filled = Math.max(0, Math.min(1, share ?? 0)) * length;
  return (
    <div className="ioc-ring" data-testid={testId} data-figure={figure} data-value={share ?? ''}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          fill="none"
          stroke="rgba(63,140,255,0.18)"
          strokeWidth={9}
        />
        {/* Nothing to fill: a round cap would still draw a dot. */}
        {filled > 0 && (
          <circle
            cx={size / 2}
            cy={size / 2}
            r={r}
            fill="none"
            stroke={color}
            strokeWidth={9}
            strokeLinecap="round"
            strokeDasharray={`${filled} ${length}`}
            transform={`rotate(-90 ${size / 2} ${size / 2})`}
            style={{ filter: `drop-shadow(0 0 4px ${color})` }}
          />
        )}
        <text
          x="50%"
          y="50%"
          dominantBaseline="central"
          textAnchor="middle"
          fill="#fff"
          fontSize={size / 5}
          fontWeight={700}
        >
          {percent(share)}
        </text>
      </svg>
      {label}
    </div>
  );
}

/** Horizontal bars of named counts, scaled to the largest (or to `max`). */
export function Bars({
  testId,
  rows,
  color = palette.accent,
  max,
  format = (n: number) => String(n),
}: {
  testId: string;
  rows: { key: string; name: string; value: number; color?: string }[];
  color?: string;
  max?: number;
  format?: (value: number) => string;
}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="ioc-bars" data-testid={testId}>
      {rows.map((row) => (
        <div className="ioc-bar" key={row.key} data-testid={`${testId}-row`} data-value={row.value}>
          <span className="ioc-bar-name" title={row.name}>
            {row.name}
          </span>
          <span className="ioc-bar-track">
            <span
              className="ioc-bar-fill"
              style={{
                display: 'block',
                width: `${Math.min(100, (row.value / top) * 100)}%`,
                background: `linear-gradient(90deg, rgba(22,104,220,0.6), ${row.color ?? color})`,
              }}
            />
          </span>
          <span className="ioc-bar-value">{format(row.value)}</span>
        </div>
      ))}
    </div>
  );
}
