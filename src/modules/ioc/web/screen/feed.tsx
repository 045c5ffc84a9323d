import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedItem } from '../../contract.ts';
import { Panel } from './figures.tsx';
import { timeText } from './format.ts';
import { severityColor } from './styles.ts';

/** How many lines fit in the feed's panel; older ones stay in the (capped) cache, unseen. */
const SHOWN = 14;

/**
 * The feed of new alarms (naming the device by code and name) and cases, newest on top; a line pushed by the
 * stream slides in, pushing the others down.
 */
export function FeedPanel({ items, grow = 1.3 }: { items: FeedItem[]; grow?: number }) {
  const { t } = useTranslation('ioc');
  return (
    <Panel title={t('screen.panels.feed')} testId="panel-feed" grow={grow}>
      {items.length ? (
        <ul className="ioc-feed">
          {items.slice(0, SHOWN).map((item) => (
            <li
              key={`${item.kind}-${item.ref}`}
              className="ioc-feed-line"
              data-testid="feed-line"
              data-kind={item.kind}
              data-ref={item.ref}
              style={{ '--ioc-severity': severityColor(item.severity) } as CSSProperties}
            >
              <span className="ioc-feed-time">{timeText(item.at)}</span>
              <span className="ioc-feed-kind">
                {item.kind === 'alarm' && item.severity
                  ? t(`screen.severity.${item.severity}`, { defaultValue: t('screen.feed.alarm') })
                  : t(`screen.feed.${item.kind}`)}
              </span>
              <span className="ioc-feed-text" title={`${item.title} ${item.detail}`}>
                <b>{item.title}</b>
                <span>
                  {item.detail}
                  {item.subdistrict ? ` · ${item.subdistrict}` : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <div className="ioc-empty">{t('screen.feed.empty')}</div>
      )}
    </Panel>
  );
}
