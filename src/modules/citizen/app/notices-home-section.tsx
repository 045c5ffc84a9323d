import { List, Tag } from 'antd-mobile';
import { SoundOutline } from 'antd-mobile-icons';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../../../web/m/i18n.ts';
import { noticeDate, useLatestNotices } from './services-api.ts';

/** The home screen's block of the center's three newest notices (pinned first), with a way to all of them. */
export function NoticesHomeSection() {
  const t = useT('citizen');
  const navigate = useNavigate();
  const latest = useLatestNotices(3);
  const items = latest.data?.items ?? [];
  if (!items.length) return null;
  return (
    <List
      style={{ marginTop: 12 }}
      data-testid="home-notices"
      header={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span style={{ fontSize: 16, fontWeight: 600, color: '#333' }}>
            <SoundOutline style={{ color: '#c8102e', marginRight: 6 }} />
            {t('notices.home')}
          </span>
          <Link to="/notices" style={{ fontSize: 14, padding: '8px 0' }}>
            {t('notices.more')}
          </Link>
        </div>
      }
    >
      {items.map((n) => (
        <List.Item
          key={n.id}
          onClick={() => navigate(`/notices/${n.id}`)}
          description={noticeDate(n.publishedAt, t.lang)}
        >
          {n.pinned && (
            <Tag color="danger" fill="outline" style={{ marginRight: 6 }}>
              {t('notices.pinned')}
            </Tag>
          )}
          {n.title}
        </List.Item>
      ))}
    </List>
  );
}
