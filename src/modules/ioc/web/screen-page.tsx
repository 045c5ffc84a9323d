import { useQueryClient } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout, useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { isScreenOnly } from '../../../core/policy.ts';
import { type PanelName, panelNames, type ScreenSummary } from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import { EmergencyControl } from './emergency-control.tsx';
import { EmergencyPanel } from './emergency-panel.tsx';
import { FeedPanel } from './screen/feed.tsx';
import { ScreenHeader } from './screen/header.tsx';
import { LayerPanel, type LayerPanelName } from './screen/layer-panels.tsx';
import { createScreenStream, type ScreenStream } from './screen/live.ts';
import { Kpis, SummaryPanel } from './screen/panels.tsx';
import {
  type Feed,
  useBoundaries,
  useDistrict,
  useFeed,
  useMode,
  useScreenMap,
  useSummary,
  useTrends,
} from './screen/screen-api.ts';
import { ScreenMap } from './screen/screen-map.tsx';
import { Stage } from './screen/stage.tsx';
import { screenCss } from './screen/styles.ts';
import { useNow } from './screen/ticker.ts';
import { TrendsPanel } from './screen/trends-chart.tsx';
import {
  type Block,
  emergencyRight,
  type LayerId,
  nextView,
  ROTATE_MS,
  type ViewId,
  viewOf,
} from './screen/views.ts';

/** The layers on in emergency mode: what is near the incident. */
const emergencyLayers: LayerId[] = ['devices', 'alarms', 'casePoints', 'facilities'];

/**
 * The operations center's big screen (/ioc): a dark 1920×1080 stage scaled to the display, with the district's
 * map, the panels of the modules' figures, the 30 days' trends and the feed, in six views that rotate; pushed live
 * over the screen's stream, never polled. `?view=<id>` opens a view, `?rotate=0` starts with the rotation paused.
 */
export function ScreenPage() {
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#1668dc' } }}>
      <style>{screenCss}</style>
      <Screen />
    </ConfigProvider>
  );
}

function Screen() {
  const queryClient = useQueryClient();
  const [stream, setStream] = useState<ScreenStream | null>(null);
  useEffect(() => {
    const opened = createScreenStream(queryClient);
    opened.start();
    setStream(opened);
    return () => opened.close();
  }, [queryClient]);
  return stream ? <Wall stream={stream} /> : <div className="ioc-root" data-testid="ioc-screen" />;
}

function Wall({ stream }: { stream: ScreenStream }) {
  const { t } = useTranslation('ioc');
  const me = useSignedInUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const summary = useSummary();
  const trends = useTrends();
  const map = useScreenMap();
  const feed = useFeed();
  const mode = useMode();
  const district = useDistrict();
  const boundaries = useBoundaries();

  const [params] = useState(() => new URLSearchParams(window.location.search));
  const [viewId, setViewId] = useState<ViewId>(() => viewOf(params.get('view')).id);
  const [rotating, setRotating] = useState(() => params.get('rotate') !== '0');
  const view = viewOf(viewId);
  const emergencyView = mode.data?.mode === 'emergency' ? mode.data.view : null;
  const emergency = !!emergencyView;
  const incident = emergencyView?.incident ?? null;

  // The rotation: the next view after ROTATE_MS, restarted by any change of view; none in emergency mode.
  useEffect(() => {
    if (!rotating || emergency) return;
    const timer = setTimeout(() => setViewId(nextView(viewId)), ROTATE_MS);
    return () => clearTimeout(timer);
  }, [viewId, rotating, emergency]);

  // Each view (and emergency mode) starts with its own layers; toggles on the map last until the next change.
  const [layers, setLayers] = useState<ReadonlySet<LayerId>>(() => new Set(view.layers));
  useEffect(() => {
    setLayers(new Set(emergency ? emergencyLayers : viewOf(viewId).layers));
  }, [viewId, emergency]);
  const toggle = (layer: LayerId) =>
    setLayers((on) => {
      const next = new Set(on);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });

  const [pick, setPick] = useState<{ lng: number; lat: number } | null>(null);
  const [drawn, setDrawn] = useState({ map: false, trends: false });
  const mapDrawn = useMemo(() => () => setDrawn((d) => (d.map ? d : { ...d, map: true })), []);
  const trendsDrawn = useMemo(() => () => setDrawn((d) => (d.trends ? d : { ...d, trends: true })), []);

  usePanelAges(stream, summary.data);
  const root = useRef<HTMLDivElement>(null);
  useStreamMarks(stream, root);

  const loaded =
    summary.data &&
    trends.data &&
    map.data &&
    feed.data &&
    mode.data &&
    district.data &&
    (boundaries.data || boundaries.isError);
  const ready = !!loaded && drawn.map && drawn.trends;
  const failed = [summary, trends, map, feed, mode, district].some((q) => q.isError);

  const block = (b: Block) =>
    (panelNames as readonly string[]).includes(b) ? (
      <SummaryPanel key={b} name={b as PanelName} summary={summary.data!} />
    ) : b === 'feed' ? (
      <FeedPanel key={b} items={(feed.data as Feed).items} />
    ) : (
      <LayerPanel key={b} name={b as LayerPanelName} map={map.data!} />
    );

  const screenOnly = isScreenOnly(me);
  return (
    <div
      ref={root}
      className="ioc-root"
      data-testid="ioc-screen"
      data-ready={ready}
      data-view={viewId}
      data-mode={emergency ? 'emergency' : 'routine'}
    >
      <Stage>
        <ScreenHeader
          districtName={district.data?.district.name ?? null}
          view={viewId}
          onView={setViewId}
          emergency={emergency}
          rotating={rotating}
          onRotate={() => setRotating((r) => !r)}
          stream={stream}
        />
        <button
          type="button"
          className="ioc-exit"
          data-testid="screen-exit"
          onClick={() => (screenOnly ? void logout() : navigate('/'))}
        >
          {t(screenOnly ? 'screen.signOut' : 'screen.exit')}
        </button>
        <DayWatcher onNewDay={stream.refetchAll} />
        {loaded ? (
          <main className="ioc-body">
            <div className="ioc-column" data-testid="screen-left">
              {emergencyView ? (
                <div className="ioc-emergency" data-testid="screen-emergency">
                  <EmergencyPanel view={emergencyView} />
                </div>
              ) : (
                view.left.map(block)
              )}
            </div>
            <div className="ioc-centre">
              <Kpis summary={summary.data as ScreenSummary} />
              <ScreenMap
                district={district.data!}
                boundaries={boundaries.data}
                data={map.data!}
                layers={layers}
                onToggle={toggle}
                incident={incident}
                onPick={setPick}
                pick={pick}
                onDrawn={mapDrawn}
              >
                {allowed(me.roles, iocPolicy.emergency) && (
                  <EmergencyControl current={incident} pick={pick} />
                )}
              </ScreenMap>
              <TrendsPanel trends={trends.data!} series={view.trends} onDrawn={trendsDrawn} />
            </div>
            <div className="ioc-column" data-testid="screen-right">
              {(emergency ? emergencyRight : view.right).map(block)}
            </div>
          </main>
        ) : (
          <div className="ioc-loading" data-testid="screen-loading">
            {failed ? t('screen.loadFailed') : t('screen.connecting')}
          </div>
        )}
      </Stage>
    </div>
  );
}

/** Fetches everything again when a new day starts in China ("today" figures restart, the 30 days move on). */
function DayWatcher({ onNewDay }: { onNewDay: () => void }) {
  const day = todayInShanghai(new Date(useNow()));
  const first = useRef(day);
  useEffect(() => {
    if (day !== first.current) {
      first.current = day;
      onNewDay();
    }
  }, [day, onNewDay]);
  return null;
}

/** Tells the stream which panels' figures changed with each new summary (loaded, refetched or pushed). */
function usePanelAges(stream: ScreenStream, summary: ScreenSummary | undefined) {
  const last = useRef<ScreenSummary | undefined>(undefined);
  useEffect(() => {
    if (!summary) return;
    const before = last.current;
    last.current = summary;
    // Unchanged panels keep their objects across refetches (react-query shares what is equal).
    const changed = panelNames.filter((p) => !before || before[p] !== summary[p]);
    if (changed.length) stream.loaded(changed);
  }, [stream, summary]);
}

/**
 * Marks the screen's root with the events received and each panel's last change (epoch ms), for the soak bench,
 * written straight to the element: a re-render of the whole screen for every heartbeat would be waste.
 */
function useStreamMarks(stream: ScreenStream, root: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const mark = () => {
      const state = stream.snapshot();
      const element = root.current;
      if (!element) return;
      element.dataset.events = String(state.events);
      element.dataset.panelAt = JSON.stringify(state.panelAt);
    };
    mark();
    return stream.subscribe(mark);
  }, [stream, root]);
}
