import { useTranslation } from 'react-i18next';
import type { ScreenMap } from '../../contract.ts';
import { Bars, Panel } from './figures.tsx';
import { shortNumber, timeText } from './format.ts';
import { palette, pm10Color, severityColor } from './styles.ts';

const ROWS = 10;

export type LayerPanelName =
  | 'alarmList'
  | 'waterStations'
  | 'shelters'
  | 'sites'
  | 'subdistrictCases'
  | 'subdistrictPeople';

const severityRank: Record<string, number> = { critical: 0, major: 1, minor: 2, warning: 3 };

/** The views' lists drawn from the map's layers: the active alarms, water levels, shelters, sites, subdistricts. */
export function LayerPanel({ name, map }: { name: LayerPanelName; map: ScreenMap }) {
  const { t, i18n } = useTranslation('ioc');
  const empty = <div className="ioc-empty">{t('screen.none')}</div>;
  switch (name) {
    case 'alarmList': {
      const alarms = map.alarms
        .toSorted(
          (a, b) =>
            (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9) ||
            b.startedAt.localeCompare(a.startedAt),
        )
        .slice(0, ROWS);
      return (
        <Panel title={t('screen.panels.alarmList')} testId="panel-alarmList">
          <div className="ioc-rows">
            {alarms.length
              ? alarms.map((a) => (
                  <div
                    className="ioc-row"
                    key={a.id}
                    style={{ borderLeft: `3px solid ${severityColor(a.severity)}` }}
                  >
                    <span>
                      {t(`screen.severity.${a.severity}`, { defaultValue: a.severity })} · {a.deviceCode}{' '}
                      {a.deviceName}
                    </span>
                    <span>{timeText(a.startedAt)}</span>
                  </div>
                ))
              : empty}
          </div>
        </Panel>
      );
    }
    case 'waterStations': {
      // Nearest to its warning level first: what the duty officer watches in a storm.
      const ratio = (s: ScreenMap['waterStations'][number]) =>
        s.level !== null && s.warningLevel ? s.level / s.warningLevel : -1;
      const rows = map.waterStations
        .toSorted((a, b) => ratio(b) - ratio(a))
        .slice(0, ROWS)
        .map((s) => ({
          key: s.code,
          name: s.name,
          value: s.level ?? 0,
          color: ratio(s) >= 1 ? palette.bad : ratio(s) >= 0.8 ? palette.warn : palette.accent,
        }));
      const top = Math.max(1, ...map.waterStations.map((s) => Math.max(s.level ?? 0, s.warningLevel ?? 0)));
      return (
        <Panel title={t('screen.panels.waterStations')} testId="panel-waterStations">
          {rows.length ? (
            <Bars testId="water-levels" rows={rows} max={top} format={(n) => `${n.toFixed(2)} m`} />
          ) : (
            empty
          )}
        </Panel>
      );
    }
    case 'shelters': {
      const facilities = map.facilities
        .filter((f) => f.kind === 'shelter' || f.kind === 'school')
        .toSorted((a, b) => (b.capacity ?? 0) - (a.capacity ?? 0))
        .slice(0, ROWS);
      return (
        <Panel title={t('screen.panels.shelters')} testId="panel-shelters">
          <div className="ioc-rows">
            {facilities.length
              ? facilities.map((f) => (
                  <div className="ioc-row" key={f.id}>
                    <span>
                      {t(`screen.facility.${f.kind}`)} · {f.name}
                    </span>
                    <span>{f.capacity === null ? '—' : `${t('screen.figures.capacity')} ${f.capacity}`}</span>
                  </div>
                ))
              : empty}
          </div>
        </Panel>
      );
    }
    case 'sites': {
      const rows = map.constructionSites
        .toSorted((a, b) => (b.pm10 ?? -1) - (a.pm10 ?? -1))
        .slice(0, 14)
        .map((s) => ({ key: s.code, name: s.name, value: s.pm10 ?? 0, color: pm10Color(s.pm10) }));
      return (
        <Panel title={t('screen.panels.sites')} testId="panel-sites">
          {rows.length ? (
            <Bars testId="site-dust" rows={rows} format={(n) => `${Math.round(n)} μg/m³`} />
          ) : (
            empty
          )}
        </Panel>
      );
    }
    case 'subdistrictCases':
    case 'subdistrictPeople': {
      const key = name === 'subdistrictCases' ? 'openCases' : 'people';
      const rows = map.subdistricts
        .toSorted((a, b) => b[key] - a[key])
        .slice(0, ROWS)
        .map((s) => ({ key: s.code, name: s.name, value: s[key] }));
      const format = (n: number) => shortNumber(n, i18n.language);
      return (
        <Panel
          title={`${t('screen.panels.subdistricts')} · ${t(`screen.map.${key}`)}`}
          testId={`panel-${name}`}
        >
          {rows.length ? <Bars testId={`${name}-bars`} rows={rows} format={format} /> : empty}
        </Panel>
      );
    }
  }
}
