import { Button, Dialog, List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { actingFor } from '../api.ts';
import { currentLang, setLang, useT } from '../i18n.ts';
import { meEntries } from '../modules.ts';
import { useMe, useSession } from '../session.ts';

function EntryLabel({ ns, label }: { ns: string; label: string }) {
  return <>{useT(ns)(label)}</>;
}

/** "Me": who is signed in, the modules' rows (information, licenses, reports, forms, companies), language, sign-out. */
export function MePage() {
  const t = useT('m');
  const me = useMe().data;
  const session = useSession();
  const navigate = useNavigate();
  const company = actingFor() !== null;
  const entries = meEntries.filter((e) => e.company === undefined || e.company === company);
  return (
    <div>
      <div style={{ background: '#fff', padding: 16, fontSize: 18, fontWeight: 600 }} data-testid="me-name">
        {me?.displayName}
      </div>
      <List>
        {entries.map((e) => (
          <List.Item key={e.key} prefix={e.icon} onClick={() => navigate(e.path)}>
            <EntryLabel ns={e.ns} label={e.label} />
          </List.Item>
        ))}
        <List.Item onClick={() => setLang(currentLang() === 'zh' ? 'en' : 'zh')} data-testid="me-language">
          {t('me.language')}
        </List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          data-testid="sign-out"
          onClick={async () => {
            if (await Dialog.confirm({ content: t('me.signOutConfirm') })) {
              await session.signOut();
              navigate('/login', { replace: true });
            }
          }}
        >
          {t('me.signOut')}
        </Button>
      </div>
    </div>
  );
}
