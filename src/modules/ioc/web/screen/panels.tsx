import { useTranslation } from 'react-i18next';
import type { PanelName, ScreenSummary } from '../../contract.ts';
import { Bars, Figure, Panel, Ring } from './figures.tsx';
import { shortNumber } from './format.ts';
import { palette } from './styles.ts';

const severities = ['critical', 'major', 'minor', 'warning'] as const;

/** Each panel's share of its column's height (what it needs to show all its figures). */
const grows: Record<PanelName, number> = {
  registries: 0.85,
  data: 1,
  sharing: 1.3,
  devices: 1,
  alarms: 0.9,
  cases: 1.3,
};

/** The panels of the summary, each drawn from its part of ScreenSummary. */
export function SummaryPanel({ name, summary }: { name: PanelName; summary: ScreenSummary }) {
  const { t, i18n } = useTranslation('ioc');
  const f = (key: string) => t(`screen.figures.${key}`);
  const title = t(`screen.panels.${name}`);
  const id = (key: string) => `figure-${name}-${key}`;
  /** A figure of this panel: its test id, the summary field it shows (`data-figure`) and its label. */
  const fig = (key: string) => ({ testId: id(key), figure: `${name}.${key}`, label: f(key) });
  switch (name) {
    case 'registries': {
      const r = summary.registries;
      return (
        <Panel title={title} testId="panel-registries" grow={grows.registries}>
          <div className="ioc-grid">
            <Figure {...fig('people')} value={r.people} />
            <Figure {...fig('legalPersons')} value={r.legalPersons} />
            <Figure {...fig('licenses')} value={r.licenses} />
            <Figure {...fig('components')} value={r.components} />
          </div>
        </Panel>
      );
    }
    case 'data': {
      const d = summary.data;
      return (
        <Panel title={title} testId="panel-data" grow={grows.data}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <div className="ioc-grid" style={{ flex: 1 }}>
              <Figure {...fig('recordsTotal')} value={d.recordsTotal} />
              <Figure {...fig('recordsToday')} value={d.recordsToday} />
              <Figure {...fig('batchesToday')} value={d.batchesToday} small />
              <Figure
                {...fig('failedBatches')}
                value={d.failedBatches}
                tone={d.failedBatches > 0 ? 'bad' : 'good'}
                small
              />
            </div>
            <Ring {...fig('quality')} share={d.quality} color={palette.good} />
          </div>
        </Panel>
      );
    }
    case 'sharing': {
      const s = summary.sharing;
      const rows = s.byDepartment
        .toSorted((a, b) => b.calls - a.calls)
        .slice(0, 6)
        .map((d) => ({ key: String(d.departmentId), name: d.name, value: d.calls }));
      const format = (n: number) => shortNumber(n, i18n.language);
      return (
        <Panel title={title} testId="panel-sharing" grow={grows.sharing}>
          <Figure {...fig('callsToday')} value={s.callsToday} />
          <div className="ioc-figure-label">{f('byDepartment')}</div>
          {rows.length ? (
            <Bars testId="sharing-departments" rows={rows} format={format} />
          ) : (
            <div className="ioc-empty">{t('screen.none')}</div>
          )}
        </Panel>
      );
    }
    case 'devices': {
      const d = summary.devices;
      return (
        <Panel title={title} testId="panel-devices" grow={grows.devices}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <div className="ioc-grid" style={{ flex: 1 }}>
              <Figure {...fig('total')} value={d.total} />
              <Figure {...fig('online')} value={d.online} tone="good" />
              <Figure {...fig('offline')} value={d.offline} small />
              <Figure {...fig('fault')} value={d.fault} tone={d.fault ? 'warn' : undefined} small />
            </div>
            <Ring
              testId={id('onlineRate')}
              label={f('onlineRate')}
              share={d.total ? d.online / d.total : null}
              color={palette.online}
              size={92}
            />
          </div>
        </Panel>
      );
    }
    case 'alarms': {
      const a = summary.alarms;
      const rows = severities.map((s) => ({
        key: s,
        name: t(`screen.severity.${s}`),
        value: a.bySeverity[s],
        color: palette[s],
      }));
      return (
        <Panel title={title} testId="panel-alarms" grow={grows.alarms}>
          <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
            <Figure {...fig('active')} value={a.active} tone={a.active ? 'bad' : 'good'} />
            <div style={{ flex: 1 }}>
              <Bars testId="alarm-severities" rows={rows} />
            </div>
          </div>
        </Panel>
      );
    }
    case 'cases': {
      const c = summary.cases;
      return (
        <Panel title={title} testId="panel-cases" grow={grows.cases}>
          <div className="ioc-grid three">
            <Figure {...fig('today')} value={c.today} />
            <Figure {...fig('open')} value={c.open} />
            <Figure {...fig('overdue')} value={c.overdue} tone={c.overdue ? 'bad' : 'good'} />
          </div>
          <div className="ioc-rings">
            <Ring {...fig('onTimeRate')} share={c.onTimeRate} size={84} />
            <Ring {...fig('satisfactionRate')} share={c.satisfactionRate} color={palette.good} size={84} />
          </div>
        </Panel>
      );
    }
  }
}

/** The headline figures above the map (`kpi-<key>`), each one of a panel's figures. */
const kpiFigures: Record<string, [PanelName, string]> = {
  people: ['registries', 'people'],
  recordsToday: ['data', 'recordsToday'],
  callsToday: ['sharing', 'callsToday'],
  active: ['alarms', 'active'],
  today: ['cases', 'today'],
};

/** The headline figures above the map, one per panel, shown in every view. */
export function Kpis({ summary }: { summary: ScreenSummary }) {
  const { t } = useTranslation('ioc');
  const d = summary.devices;
  const headline = (key: string) => {
    const [panel, field] = kpiFigures[key]!;
    const value = (summary[panel] as Record<string, number | null>)[field] ?? null;
    return { key, value, share: false, figure: `${panel}.${field}` };
  };
  const online = {
    key: 'onlineRate',
    value: d.total ? d.online / d.total : null,
    share: true,
    figure: undefined,
  };
  const items = [
    headline('people'),
    headline('recordsToday'),
    headline('callsToday'),
    online,
    headline('active'),
    headline('today'),
  ];
  return (
    <div className="ioc-kpis" data-testid="screen-kpis">
      {items.map((k) => (
        <div className="ioc-kpi" key={k.key}>
          <Figure
            testId={`kpi-${k.key}`}
            label={t(`screen.figures.${k.key}`)}
            figure={k.figure}
            value={k.value}
            share={k.share}
          />
        </div>
      ))}
    </div>
  );
}
