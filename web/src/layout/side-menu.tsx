import { HomeOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSignedInUser } from '../../kit/session.ts';
import { allowed } from '../../kit/web-module.ts';
import { type MenuEntry, menuEntries } from '../modules.ts';

const home: MenuEntry = { path: '/', label: 'nav.home', icon: <HomeOutlined />, order: 0, ns: 'common' };

/** The side menu: home plus every module entry the user's roles allow. */
export function SideMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useSignedInUser();
  const entries = [home, ...menuEntries.filter((e) => allowed(me.roles, e.roles))];
  // The entry whose path is the longest prefix of the current page, so sub-pages keep their entry lit.
  const selected = entries
    .filter((e) => pathname === e.path || (e.path !== '/' && pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const item = (e: MenuEntry) => ({ key: e.path, icon: e.icon, label: t(e.label, { ns: e.ns }) });
  // A group's heading stands where its first entry would, with all its entries under it.
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<
    string,
    { key: string; icon: React.ReactNode; label: string; children: ReturnType<typeof item>[] }
  >();
  for (const e of entries) {
    if (!e.group) {
      items.push(item(e));
      continue;
    }
    const key = `group:${e.ns}.${e.group.key}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, icon: e.group.icon, label: t(e.group.label, { ns: e.ns }), children: [] };
      groups.set(key, group);
      items.push(group);
    }
    group.children.push(item(e));
  }
  const openGroup = selected?.group ? [`group:${selected.ns}.${selected.group.key}`] : [];
  return (
    <Menu
      theme="dark"
      mode="inline"
      aria-label={t('nav.menu')}
      selectedKeys={selected ? [selected.path] : []}
      defaultOpenKeys={openGroup}
      items={items}
      onClick={({ key }) => navigate(key)}
    />
  );
}
