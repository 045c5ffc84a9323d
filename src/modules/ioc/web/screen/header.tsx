import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { clockText, timeText } from './format.ts';
import { liveness, type ScreenStream } from './live.ts';
import { useNow } from './ticker.ts';
import { type ViewId, views } from './views.ts';

/** The date and time in China, ticking each second. */
function Clock() {
  const { i18n } = useTranslation();
  const { date, time } = clockText(useNow(), i18n.language);
  return (
    <div className="ioc-clock" data-testid="screen-clock">
      <div className="ioc-clock-time">{time}</div>
      <div className="ioc-clock-date">{date}</div>
    </div>
  );
}

/**
 * Whether the figures are live: a green dot while events (at least the heartbeat) keep coming; "data stale ·
 * reconnecting" with the time the data was last fresh when the stream dropped or went quiet for over 40 s.
 */
function LiveIndicator({ stream }: { stream: ScreenStream }) {
  const { t } = useTranslation('ioc');
  const state = useSyncExternalStore(stream.subscribe, stream.snapshot);
  const now = useNow();
  const status = liveness(state, now);
  return (
    <div
      className="ioc-live"
      data-testid="screen-live"
      data-state={status}
      data-last-event={state.lastEventAt ?? ''}
      role="status"
    >
      <span className="ioc-live-dot" />
      {status === 'stale' ? (
        <span data-testid="screen-stale">
          {t('screen.stale')}
          {state.lastEventAt !== null && (
            <small>{t('screen.lastFresh', { time: timeText(state.lastEventAt) })}</small>
          )}
        </span>
      ) : (
        <span>{t(status === 'live' ? 'screen.live' : 'screen.connecting')}</span>
      )}
    </div>
  );
}

/** The header: the district's title, the views' tabs, the clock, the mode badge and the live indicator. */
export function ScreenHeader({
  districtName,
  view,
  onView,
  emergency,
  rotating,
  onRotate,
  stream,
}: {
  districtName: string | null;
  view: ViewId;
  onView: (view: ViewId) => void;
  emergency: boolean;
  rotating: boolean;
  onRotate: () => void;
  stream: ScreenStream;
}) {
  const { t } = useTranslation('ioc');
  const mode = emergency ? 'emergency' : 'routine';
  return (
    <header className="ioc-header">
      <div className="ioc-title" data-testid="screen-title">
        {districtName ? t('screen.title', { district: districtName }) : t('screen.titleNoDistrict')}
      </div>
      <div className="ioc-tabs" role="tablist">
        {views.map((v) => (
          <button
            type="button"
            role="tab"
            key={v.id}
            className="ioc-tab"
            data-testid={`view-${v.id}`}
            aria-selected={v.id === view}
            disabled={emergency}
            onClick={() => onView(v.id)}
          >
            {t(`screen.views.${v.id}`)}
          </button>
        ))}
      </div>
      <div className="ioc-status">
        <button
          type="button"
          className="ioc-icon-button"
          data-testid="rotation-toggle"
          data-rotating={rotating}
          disabled={emergency}
          onClick={onRotate}
        >
          {emergency ? '■ ' : rotating ? '❚❚ ' : '▶ '}
          {t(
            emergency
              ? 'screen.rotation.stopped'
              : rotating
                ? 'screen.rotation.pause'
                : 'screen.rotation.resume',
          )}
        </button>
        <LiveIndicator stream={stream} />
        <span className="ioc-badge" data-testid="screen-mode" data-mode={mode}>
          {t(`screen.mode.${mode}`)}
        </span>
        <Clock />
      </div>
    </header>
  );
}
