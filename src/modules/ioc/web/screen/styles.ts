// The screen's look, in one style sheet (the page fills the window outside the console's layout and theme). Sizes
// are the 1920×1080 stage's pixels; the stage is scaled as a whole.

/** The colours the panels, the map and the charts share. */
export const palette = {
  text: '#d6e4ff',
  muted: '#7f9cc7',
  accent: '#3fd0ff',
  line: 'rgba(63, 140, 255, 0.35)',
  good: '#36cfc9',
  warn: '#faad14',
  bad: '#ff4d4f',
  critical: '#ff4d4f',
  major: '#ff7a45',
  minor: '#faad14',
  warning: '#40a9ff',
  online: '#52c41a',
  offline: '#8c8c8c',
  fault: '#fa8c16',
};

/** A severity's colour (unknown ones are muted). */
export function severityColor(severity: string | null): string {
  return (palette as Record<string, string>)[severity ?? ''] ?? palette.muted;
}

/** A construction site's dust colour: over 150 μg/m³ bad, over 75 a warning (China's PM10 grades). */
export function pm10Color(pm10: number | null): string {
  return pm10 === null ? palette.muted : pm10 > 150 ? palette.bad : pm10 > 75 ? palette.warn : palette.good;
}

export const screenCss = `
.ioc-root { position: fixed; inset: 0; background: #000; overflow: hidden; color: ${palette.text};
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.ioc-stage { position: absolute; left: 0; top: 0; transform-origin: 0 0; overflow: hidden;
  background: radial-gradient(ellipse at 50% 40%, #0b2147 0%, #061231 55%, #030a1c 100%); }
.ioc-header { position: absolute; left: 0; top: 0; width: 1920px; height: 96px; display: flex; align-items: center;
  padding: 0 28px; box-sizing: border-box; border-bottom: 1px solid ${palette.line};
  background: linear-gradient(180deg, rgba(16, 56, 122, 0.55), rgba(6, 18, 49, 0)); }
.ioc-title { width: 560px; flex: none; overflow: hidden; text-overflow: ellipsis; font-size: 34px; font-weight: 700; letter-spacing: 3px; white-space: nowrap;
  background: linear-gradient(180deg, #ffffff, #7fd4ff); -webkit-background-clip: text; background-clip: text;
  color: transparent; }
.ioc-tabs { flex: 1; display: flex; justify-content: center; gap: 8px; }
.ioc-tab { font-size: 18px; padding: 8px 16px; white-space: nowrap; border: 1px solid ${palette.line}; border-radius: 4px;
  background: rgba(12, 40, 90, 0.5); color: ${palette.muted}; cursor: pointer; font-family: inherit; }
.ioc-tab[aria-selected="true"] { color: #fff; border-color: ${palette.accent};
  background: linear-gradient(180deg, rgba(63, 208, 255, 0.35), rgba(22, 104, 220, 0.25));
  box-shadow: 0 0 12px rgba(63, 208, 255, 0.35) inset; }
.ioc-tab:disabled { cursor: default; opacity: 0.45; }
.ioc-status { width: 620px; display: flex; align-items: center; justify-content: flex-end; gap: 16px; }
.ioc-clock { text-align: right; line-height: 1.15; white-space: nowrap; }
.ioc-clock-time { font-size: 28px; font-weight: 600; font-variant-numeric: tabular-nums; color: #fff; }
.ioc-clock-date { font-size: 14px; color: ${palette.muted}; }
.ioc-badge { font-size: 18px; font-weight: 700; padding: 4px 14px; border-radius: 4px; letter-spacing: 2px; }
.ioc-badge[data-mode="routine"] { color: ${palette.good}; border: 1px solid ${palette.good}; }
.ioc-badge[data-mode="emergency"] { color: #fff; background: ${palette.bad}; border: 1px solid ${palette.bad};
  animation: ioc-blink 1.2s ease-in-out infinite; }
.ioc-live { display: flex; align-items: center; gap: 8px; font-size: 15px; white-space: nowrap; }
.ioc-live-dot { width: 12px; height: 12px; border-radius: 50%; background: ${palette.online};
  box-shadow: 0 0 8px ${palette.online}; }
.ioc-live[data-state="connecting"] .ioc-live-dot { background: ${palette.warn}; box-shadow: 0 0 8px ${palette.warn}; }
.ioc-live[data-state="stale"] { color: ${palette.bad}; font-weight: 600; }
.ioc-live[data-state="stale"] .ioc-live-dot { background: ${palette.bad}; box-shadow: 0 0 8px ${palette.bad};
  animation: ioc-blink 1s ease-in-out infinite; }
.ioc-live small { display: block; font-size: 12px; color: ${palette.muted}; font-weight: 400; }
.ioc-icon-button { font-size: 14px; white-space: nowrap; padding: 4px 10px; border-radius: 4px; border: 1px solid ${palette.line};
  background: transparent; color: ${palette.muted}; cursor: pointer; font-family: inherit; }
.ioc-icon-button:disabled { cursor: default; opacity: 0.5; }
.ioc-exit { position: absolute; right: 6px; top: 4px; font-size: 12px; padding: 1px 8px; opacity: 0.35;
  border: none; background: transparent; color: ${palette.muted}; cursor: pointer; font-family: inherit; z-index: 5; }
.ioc-exit:hover, .ioc-exit:focus-visible { opacity: 1; }
.ioc-body { position: absolute; left: 20px; top: 112px; width: 1880px; height: 948px; display: flex; gap: 20px; }
.ioc-column { width: 460px; height: 948px; display: flex; flex-direction: column; gap: 16px; }
.ioc-centre { width: 920px; height: 948px; display: flex; flex-direction: column; gap: 14px; }
.ioc-panel { position: relative; flex: 1 1 0; min-height: 0; display: flex; flex-direction: column;
  border: 1px solid ${palette.line}; background: linear-gradient(180deg, rgba(10, 36, 84, 0.72), rgba(6, 20, 52, 0.72));
  box-shadow: 0 0 18px rgba(22, 104, 220, 0.18) inset; }
.ioc-panel::before { content: ""; position: absolute; left: -1px; top: -1px; width: 18px; height: 18px;
  border-left: 2px solid ${palette.accent}; border-top: 2px solid ${palette.accent}; }
.ioc-panel::after { content: ""; position: absolute; right: -1px; bottom: -1px; width: 18px; height: 18px;
  border-right: 2px solid ${palette.accent}; border-bottom: 2px solid ${palette.accent}; }
.ioc-panel-title { flex: none; height: 40px; line-height: 40px; padding: 0 16px; font-size: 19px; font-weight: 600;
  letter-spacing: 1px; color: #fff; border-bottom: 1px solid ${palette.line};
  background: linear-gradient(90deg, rgba(63, 208, 255, 0.22), rgba(63, 208, 255, 0)); }
.ioc-panel-title::before { content: ""; display: inline-block; width: 4px; height: 18px; margin-right: 10px;
  vertical-align: -3px; background: ${palette.accent}; }
.ioc-panel-body { flex: 1; min-height: 0; padding: 12px 16px; overflow: hidden; display: flex; flex-direction: column;
  gap: 10px; }
.ioc-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 14px; }
.ioc-grid.three { grid-template-columns: 1fr 1fr 1fr; }
.ioc-figure { min-width: 0; }
.ioc-figure-label { font-size: 14px; color: ${palette.muted}; white-space: nowrap; }
.ioc-figure-value { font-size: 30px; font-weight: 700; color: ${palette.accent}; font-variant-numeric: tabular-nums;
  line-height: 1.2; white-space: nowrap; font-family: "DIN Alternate", "Roboto Condensed", "Noto Sans CJK SC", sans-serif; }
.ioc-figure-value small { font-size: 15px; margin-left: 3px; color: ${palette.muted}; font-weight: 400; }
.ioc-figure[data-tone="bad"] .ioc-figure-value { color: ${palette.bad}; }
.ioc-figure[data-tone="good"] .ioc-figure-value { color: ${palette.good}; }
.ioc-figure[data-tone="warn"] .ioc-figure-value { color: ${palette.warn}; }
.ioc-figure.small .ioc-figure-value { font-size: 22px; }
.ioc-rings { display: flex; justify-content: space-around; }
.ioc-ring { display: flex; flex-direction: column; align-items: center; gap: 2px; font-size: 14px; color: ${palette.muted}; }
.ioc-bars { display: flex; flex-direction: column; gap: 7px; min-height: 0; }
.ioc-bar { display: grid; grid-template-columns: 132px 1fr 78px; align-items: center; gap: 8px; font-size: 14px; }
.ioc-bar-name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: ${palette.text}; }
.ioc-bar-track { height: 10px; background: rgba(63, 140, 255, 0.12); border-radius: 5px; overflow: hidden; }
.ioc-bar-fill { height: 100%; border-radius: 5px; transition: width 0.6s ease; }
.ioc-bar-value { text-align: right; font-variant-numeric: tabular-nums; color: #fff; }
.ioc-kpis { flex: none; height: 104px; display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
.ioc-kpi { border: 1px solid ${palette.line}; background: rgba(8, 30, 72, 0.7); display: flex; flex-direction: column;
  justify-content: center; align-items: center; gap: 4px; }
.ioc-kpi .ioc-figure-value { font-size: 32px; color: #fff; text-shadow: 0 0 10px rgba(63, 208, 255, 0.8); }
.ioc-kpi .ioc-figure-label { font-size: 15px; }
.ioc-map { position: relative; flex: 1; min-height: 0; border: 1px solid ${palette.line};
  background: radial-gradient(ellipse at center, rgba(18, 64, 140, 0.35), rgba(4, 14, 38, 0.2)); }
.ioc-map-canvas { position: absolute; inset: 0; }
.ioc-layers { position: absolute; left: 10px; top: 10px; display: flex; flex-direction: column; gap: 6px; z-index: 2; }
.ioc-layer { font-size: 14px; padding: 4px 10px; text-align: left; border-radius: 3px; cursor: pointer;
  border: 1px solid ${palette.line}; background: rgba(4, 16, 44, 0.8); color: ${palette.muted}; font-family: inherit; }
.ioc-layer[aria-pressed="true"] { color: #fff; border-color: ${palette.accent}; background: rgba(22, 104, 220, 0.55); }
.ioc-layer i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
.ioc-legend { position: absolute; left: 10px; bottom: 10px; z-index: 2; font-size: 13px; color: ${palette.muted};
  display: flex; align-items: center; gap: 6px; }
.ioc-legend-ramp { width: 140px; height: 10px; background: linear-gradient(90deg, #12305f, #1f6fd1, #3fd0ff, #b5f5ff); }
.ioc-card { position: absolute; right: 12px; top: 12px; width: 260px; z-index: 3; padding: 12px 14px;
  border: 1px solid ${palette.accent}; background: rgba(4, 18, 48, 0.92); box-shadow: 0 0 16px rgba(63, 208, 255, 0.35); }
.ioc-card h3 { margin: 0 0 8px; font-size: 19px; color: #fff; display: flex; justify-content: space-between; }
.ioc-card dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 15px; }
.ioc-card dt { color: ${palette.muted}; }
.ioc-card dd { margin: 0; text-align: right; color: ${palette.accent}; font-variant-numeric: tabular-nums; }
.ioc-pick { position: absolute; right: 12px; bottom: 10px; z-index: 2; font-size: 13px; color: ${palette.muted}; }
.ioc-control { position: absolute; right: 12px; bottom: 34px; z-index: 3; }
.ioc-trends { flex: none; height: 240px; }
.ioc-chart { width: 100%; height: 100%; }
.ioc-feed { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; min-height: 0; }
.ioc-feed-line { display: grid; grid-template-columns: 72px auto 1fr; gap: 8px; align-items: baseline; font-size: 15px;
  padding: 5px 8px; background: rgba(63, 140, 255, 0.07); border-left: 3px solid ${palette.warning};
  animation: ioc-feed-in 0.8s ease-out; }
.ioc-feed-line[data-kind="alarm"] { border-left-color: var(--ioc-severity, ${palette.bad}); }
.ioc-feed-time { color: ${palette.muted}; font-variant-numeric: tabular-nums; }
.ioc-feed-kind { min-width: 38px; font-size: 13px; text-align: center; border-radius: 3px; padding: 0 4px; color: #fff;
  background: rgba(64, 169, 255, 0.5); }
.ioc-feed-line[data-kind="alarm"] .ioc-feed-kind { background: var(--ioc-severity, ${palette.bad}); }
.ioc-feed-text { min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ioc-feed-text b { font-weight: 600; color: #fff; margin-right: 8px; }
.ioc-feed-text span { color: ${palette.muted}; }
.ioc-rows { display: flex; flex-direction: column; gap: 6px; font-size: 15px; min-height: 0; }
.ioc-row { display: grid; grid-template-columns: 1fr auto; gap: 8px; padding: 4px 8px; background: rgba(63, 140, 255, 0.07); }
.ioc-row span:first-child { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ioc-row span:last-child { font-variant-numeric: tabular-nums; }
.ioc-empty { color: ${palette.muted}; font-size: 15px; padding: 8px 0; }
.ioc-loading { position: absolute; left: 0; top: 96px; width: 1920px; height: 984px; display: flex;
  align-items: center; justify-content: center; font-size: 28px; letter-spacing: 4px; color: ${palette.muted}; }
.ioc-emergency { flex: 1; min-height: 0; overflow: hidden; border: 1px solid ${palette.bad};
  box-shadow: 0 0 24px rgba(255, 77, 79, 0.35) inset; }
@keyframes ioc-blink { 50% { opacity: 0.45; } }
@keyframes ioc-feed-in { from { opacity: 0; transform: translateY(-12px); background: rgba(63, 208, 255, 0.35); }
  to { opacity: 1; transform: none; } }
`;
