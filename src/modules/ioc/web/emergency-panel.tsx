import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import type { IncidentView } from '../contract.ts';

// The screen's dark palette: deep blue ground, light text, red for the emergency, amber for alarms.
const colours = {
  ground: 'rgba(6, 18, 38, 0.92)',
  edge: '#1d3a66',
  text: '#e6f0ff',
  dim: '#8fa8cc',
  heading: '#6fb3ff',
  emergency: '#ff4d4f',
  alarm: '#faad14',
  case: '#40a9ff',
  ok: '#52c41a',
};

const severityColour: Record<string, string> = {
  critical: colours.emergency,
  major: '#ff7a45',
  minor: colours.alarm,
  warning: '#fadb14',
};

const lineColour: Record<IncidentView['timeline'][number]['kind'], string> = {
  incident_started: colours.emergency,
  incident_ended: colours.ok,
  case_step: colours.case,
  alarm_started: colours.alarm,
  alarm_acknowledged: colours.alarm,
  alarm_cleared: colours.ok,
};

const row: CSSProperties = {
  display: 'flex',
  alignItems: 'baseline',
  gap: 12,
  padding: '6px 0',
  borderBottom: `1px solid ${colours.edge}`,
};
const grow: CSSProperties = {
  flex: 1,
  minWidth: 0,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};
const dim: CSSProperties = { color: colours.dim, fontSize: 14, whiteSpace: 'nowrap' };
const distance: CSSProperties = {
  color: colours.heading,
  fontVariantNumeric: 'tabular-nums',
  whiteSpace: 'nowrap',
};

/** A box of the panel with its heading and a count, its list scrolling inside. */
function Section(props: {
  title: string;
  count?: number;
  testId: string;
  children: ReactNode;
  tall?: boolean;
}) {
  return (
    <section
      data-testid={props.testId}
      style={{
        border: `1px solid ${colours.edge}`,
        borderRadius: 6,
        padding: '10px 14px',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        maxHeight: props.tall ? 420 : 300,
      }}
    >
      <h3 style={{ margin: '0 0 6px', color: colours.heading, fontSize: 18, fontWeight: 600 }}>
        {props.title}
        {props.count !== undefined && <span style={{ ...dim, marginLeft: 8 }}>{props.count}</span>}
      </h3>
      <div style={{ overflowY: 'auto', minHeight: 0 }}>{props.children}</div>
    </section>
  );
}

/** A list's line for "nothing here". */
function Empty({ text }: { text: string }) {
  return <div style={{ ...dim, padding: '6px 0' }}>{text}</div>;
}

/** The time of a timeline line: day and minute in the viewer's language. */
function shortTime(iso: string, language: string) {
  return new Intl.DateTimeFormat(language, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The timeline newest first, each line with a key of its own (two lines may share a moment, kind and case). */
function keyedLines(timeline: IncidentView['timeline']) {
  const seen = new Map<string, number>();
  return timeline.toReversed().map((line) => {
    const base = `${line.at}|${line.kind}|${line.ref}|${line.action ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, line };
  });
}

/**
 * The screen's emergency-mode panel (dark, for a 1920×1080 wall and up): the incident, what is near it with
 * distances, the linked cases and alarms, their timeline, and the departments to call. Fills its container; its
 * boxes flow into as many columns as fit.
 */
export function EmergencyPanel({ view }: { view: IncidentView }) {
  const { t, i18n } = useTranslation('ioc', { keyPrefix: 'emergency' });
  const { incident, near, linked, timeline, departments } = view;
  const metres = (m: number) =>
    m < 1000
      ? t('metres', { value: formatNumber(m) })
      : t('kilometres', { value: formatNumber(Math.round(m / 100) / 10) });
  const place = [incident.subdistrictName, `${incident.lng.toFixed(5)}, ${incident.lat.toFixed(5)}`]
    .filter(Boolean)
    .join(' · ');

  // A case's states and steps are worded as the case pages word them (their strings load with the console).
  const caseStatus = (status: string) =>
    i18n.t(`events:caseLabels.status.${status}`, { defaultValue: status });
  const caseAction = (action: string) =>
    i18n.t(`events:caseLabels.action.${action}`, { defaultValue: action });

  /** A timeline line in the viewer's language. */
  const lineText = (line: IncidentView['timeline'][number]) => {
    switch (line.kind) {
      case 'incident_started':
        return `${t('timeline.incident_started')}：${incident.title}`;
      case 'case_step':
        return t('timeline.case_step', {
          ref: line.ref,
          action: caseAction(line.action ?? ''),
        });
      default:
        return t(`timeline.${line.kind}`, { ref: line.ref });
    }
  };

  return (
    <div
      data-testid="emergency-panel"
      style={{
        color: colours.text,
        background: colours.ground,
        fontSize: 16,
        lineHeight: 1.5,
        padding: 16,
        height: '100%',
        overflowY: 'auto',
        boxSizing: 'border-box',
      }}
    >
      <header
        style={{
          borderLeft: `6px solid ${colours.emergency}`,
          background: 'linear-gradient(90deg, rgba(255, 77, 79, 0.28), rgba(255, 77, 79, 0))',
          padding: '10px 16px',
          marginBottom: 14,
        }}
      >
        <div style={{ color: colours.emergency, fontWeight: 700, letterSpacing: 2 }}>{t('banner')}</div>
        <h2 data-testid="emergency-title" style={{ margin: '2px 0 6px', fontSize: 28, color: '#fff' }}>
          {incident.title}
        </h2>
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 28, rowGap: 4 }}>
          <span>
            <span style={dim}>{t('place')} </span>
            {place}
          </span>
          <span>
            <span style={dim}>{t('startedAt')} </span>
            {formatDateTime(incident.startedAt)}
          </span>
          <span>
            <span style={dim}>{t('startedBy')} </span>
            {incident.startedByName}
          </span>
          <span>
            <span style={dim}>{t('radius')} </span>
            {metres(incident.radiusM)}
          </span>
        </div>
        {incident.description && (
          <p style={{ margin: '6px 0 0', color: colours.dim }}>{incident.description}</p>
        )}
      </header>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))',
          gap: 14,
          alignItems: 'start',
        }}
      >
        <Section
          title={t('near.facilities')}
          count={near.facilities.length}
          testId="emergency-near-facilities"
        >
          {near.facilities.length ? (
            near.facilities.map((f) => (
              <div key={f.id} style={row}>
                <span style={{ ...dim, color: colours.heading }}>{t(`facilityKinds.${f.kind}`)}</span>
                <span style={grow} title={f.name}>
                  {f.name}
                </span>
                {f.capacity !== null && (
                  <span style={dim}>{t(`capacity.${f.kind}`, { value: formatNumber(f.capacity) })}</span>
                )}
                <span style={distance}>{metres(f.distanceM)}</span>
              </div>
            ))
          ) : (
            <Empty text={t('near.none')} />
          )}
        </Section>

        <Section title={t('near.cases')} count={near.cases.length} testId="emergency-near-cases">
          {near.cases.length ? (
            near.cases.map((c) => (
              <div key={c.number} style={row}>
                <span style={{ ...dim, fontVariantNumeric: 'tabular-nums' }}>{c.number}</span>
                <span style={grow} title={c.title}>
                  {c.title}
                </span>
                <span style={dim}>{caseStatus(c.status)}</span>
                <span style={distance}>{metres(c.distanceM)}</span>
              </div>
            ))
          ) : (
            <Empty text={t('near.none')} />
          )}
        </Section>

        <Section title={t('near.devices')} count={near.devices.length} testId="emergency-near-devices">
          {near.devices.length ? (
            near.devices.map((d) => (
              <div key={d.code} style={row}>
                <span
                  style={{
                    width: 10,
                    height: 10,
                    borderRadius: 5,
                    flex: 'none',
                    alignSelf: 'center',
                    background:
                      d.status === 'online'
                        ? colours.ok
                        : d.status === 'fault'
                          ? colours.emergency
                          : colours.dim,
                  }}
                  title={t(`deviceStatus.${d.status}`, { defaultValue: d.status })}
                />
                <span style={grow} title={`${d.name}（${d.code}）`}>
                  {d.name}
                  <span style={{ ...dim, marginLeft: 8 }}>{d.code}</span>
                </span>
                <span style={dim}>{t(`deviceStatus.${d.status}`, { defaultValue: d.status })}</span>
                <span style={distance}>{metres(d.distanceM)}</span>
              </div>
            ))
          ) : (
            <Empty text={t('near.none')} />
          )}
        </Section>

        <Section
          title={`${t('linked.cases')} · ${t('linked.alarms')}`}
          count={linked.cases.length + linked.alarms.length}
          testId="emergency-linked"
        >
          {linked.cases.map((c) => (
            <div key={c.number} style={row}>
              <span style={{ ...dim, color: colours.case, fontVariantNumeric: 'tabular-nums' }}>
                {c.number}
              </span>
              <span style={grow} title={c.title}>
                {c.title}
              </span>
              {c.departmentName && <span style={dim}>{c.departmentName}</span>}
              <span style={dim}>{caseStatus(c.status)}</span>
            </div>
          ))}
          {linked.alarms.map((a) => (
            <div key={a.id} style={row}>
              <span style={{ ...dim, color: severityColour[a.severity] ?? colours.alarm }}>
                {t(`severity.${a.severity}`, { defaultValue: a.severity })}
              </span>
              <span style={grow} title={`${a.deviceName}（${a.deviceCode}）`}>
                #{a.id} {a.deviceName}
                <span style={{ ...dim, marginLeft: 8 }}>{a.deviceCode}</span>
              </span>
              <span style={dim}>{t(`alarmStatus.${a.status}`, { defaultValue: a.status })}</span>
            </div>
          ))}
          {!linked.cases.length && !linked.alarms.length && <Empty text={t('linked.none')} />}
        </Section>

        <Section title={t('timeline.title')} count={timeline.length} testId="emergency-timeline" tall>
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {keyedLines(timeline).map(({ key, line }) => (
              <li
                key={key}
                style={{
                  display: 'flex',
                  gap: 10,
                  padding: '5px 0',
                  borderBottom: `1px solid ${colours.edge}`,
                }}
              >
                <span
                  style={{
                    width: 8,
                    flex: 'none',
                    borderRadius: 4,
                    background: lineColour[line.kind],
                  }}
                />
                <span style={{ ...dim, fontVariantNumeric: 'tabular-nums' }}>
                  {shortTime(line.at, i18n.language)}
                </span>
                <span style={{ flex: 1, minWidth: 0 }}>
                  {lineText(line)}
                  {line.note && line.kind !== 'incident_started' && (
                    <span style={{ color: colours.dim }}>：{line.note}</span>
                  )}
                  {line.by && <span style={{ ...dim, marginLeft: 8 }}>{line.by}</span>}
                </span>
              </li>
            ))}
          </ol>
        </Section>

        <Section title={t('departments.title')} count={departments.length} testId="emergency-departments">
          {departments.map((d) => (
            <div key={d.id} style={row}>
              <span style={grow}>{d.name}</span>
              <span style={{ ...distance, color: d.phone ? colours.text : colours.dim }}>
                {d.phone ?? t('departments.noPhone')}
              </span>
            </div>
          ))}
          {!departments.length && <Empty text={t('linked.none')} />}
        </Section>
      </div>
    </div>
  );
}
