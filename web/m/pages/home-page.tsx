import { Grid, NoticeBar } from 'antd-mobile';
import { Link } from 'react-router';
import { actingFor, actingForName } from '../api.ts';
import { useT } from '../i18n.ts';
import { homeSections, homeTiles } from '../modules.ts';
import { useMe } from '../session.ts';

function TileLabel({ ns, label }: { ns: string; label: string }) {
  return <>{useT(ns)(label)}</>;
}

/** The home screen: greeting, the modules' tiles (for oneself or the company acted for), their sections. */
export function HomePage() {
  const t = useT('m');
  const me = useMe().data;
  const company = actingFor() !== null;
  const tiles = homeTiles.filter((tile) => tile.company === undefined || tile.company === company);
  return (
    <div>
      <div
        style={{
          background: 'linear-gradient(135deg,#c8102e,#e8573f)',
          color: '#fff',
          padding: '28px 16px 20px',
        }}
      >
        <h1 style={{ fontSize: 20, fontWeight: 600, margin: 0 }}>{t('appName')}</h1>
        <div style={{ marginTop: 6, opacity: 0.9 }} data-testid="home-greeting">
          {t('home.greeting', { name: me?.displayName ?? '' })}
        </div>
      </div>
      {company && <NoticeBar content={t('me.actingFor', { name: actingForName()! })} color="info" />}
      <Grid columns={4} gap={8} style={{ background: '#fff', padding: '16px 8px' }} data-testid="home-tiles">
        {tiles.map((tile) => (
          <Grid.Item key={tile.key}>
            <Link
              to={tile.path}
              style={{
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                gap: 6,
                color: '#333',
                minHeight: 64,
              }}
            >
              <span style={{ fontSize: 28, color: '#c8102e' }}>{tile.icon}</span>
              <span style={{ fontSize: 13 }}>
                <TileLabel ns={tile.ns} label={tile.label} />
              </span>
            </Link>
          </Grid.Item>
        ))}
      </Grid>
      {homeSections.map(({ component: Section, key }) => (
        <Section key={key} />
      ))}
    </div>
  );
}
