import { Empty, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabels } from './labels.ts';
import { type EntityView, entityPath } from './registry-api.ts';

/** A titled group of links to related entities. */
function Group({ title, children }: { title: string; children: ReactNode[] }) {
  return (
    <div>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <List size="small" dataSource={children} renderItem={(child) => <List.Item>{child}</List.Item>} />
    </div>
  );
}

/** An entity's related entities as links: a person's companies and licenses, a company's legal representative. */
export function EntityLinks({ entity }: { entity: EntityView }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(entity.registry);
  const { companies = [], licenses = [], legalRep, holder } = entity.links;
  const groups: ReactNode[] = [];
  if (legalRep)
    groups.push(
      <Group key="legalRep" title={t('entity.legalRep')}>
        {[
          <Link key={legalRep.ref} to={entityPath('population', legalRep.ref)} data-testid="link-legal-rep">
            {legalRep.name ?? '—'}
          </Link>,
        ]}
      </Group>,
    );
  if (holder)
    groups.push(
      <Group key="holder" title={t('entity.holder')}>
        {[
          <Link key={holder.ref} to={entityPath(holder.registry, holder.ref)} data-testid="link-holder">
            {holder.name ?? '—'}
          </Link>,
        ]}
      </Group>,
    );
  if (companies.length)
    groups.push(
      <Group key="companies" title={t('entity.companies')}>
        {companies.map((c) => (
          <Flex key={c.ref} justify="space-between" gap={8} style={{ width: '100%' }}>
            <Link to={entityPath('legal_person', c.ref)} data-testid="link-company">
              {c.name ?? c.key}
            </Link>
            {c.status && <Tag>{labels.value(c.status)}</Tag>}
          </Flex>
        ))}
      </Group>,
    );
  if (licenses.length)
    groups.push(
      <Group key="licenses" title={t('entity.licenses')}>
        {licenses.map((l) => (
          <Flex key={l.ref} justify="space-between" gap={8} style={{ width: '100%' }}>
            <Link to={entityPath('license', l.ref)} data-testid="link-license">
              {l.typeName ?? l.key}
            </Link>
            {l.status && <Tag>{labels.value(l.status)}</Tag>}
          </Flex>
        ))}
      </Group>,
    );
  if (!groups.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entity.noLinks')} />;
  return (
    <Flex vertical gap={12} data-testid="entity-links">
      {groups}
    </Flex>
  );
}
