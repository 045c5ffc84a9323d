import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../contract.ts';

const shareColors = { unconditional: 'green', conditional: 'orange', none: 'red' } as const;
const openColors = { open: 'green', conditional: 'orange', closed: undefined } as const;
const classificationColors = { base: 'gold', theme: 'purple', department: 'blue' } as const;

/** 无条件共享 in green, 有条件共享 in orange, 不予共享 in red. */
export function ShareTag({ type }: { type: Resource['shareType'] }) {
  const { t } = useTranslation('catalog');
  return <Tag color={shareColors[type]}>{t(`shareTypes.${type}`)}</Tag>;
}

/** 开放 in green, 有条件开放 in orange, 不开放 in grey (outlined, so it shows on grey backgrounds too). */
export function OpenTag({ type }: { type: Resource['openType'] }) {
  const { t } = useTranslation('catalog');
  return (
    <Tag color={openColors[type]} variant={type === 'closed' ? 'outlined' : undefined}>
      {t(`openTypes.${type}`)}
    </Tag>
  );
}

/** 基础 / 主题 / 部门信息资源, each in its own colour. */
export function ClassificationTag({ classification }: { classification: Resource['classification'] }) {
  const { t } = useTranslation('catalog');
  return <Tag color={classificationColors[classification]}>{t(`classifications.${classification}`)}</Tag>;
}

/** The tag that marks a data item holding personal information (masked when shared unless granted). */
export function PersonalTag() {
  const { t } = useTranslation('catalog');
  return (
    <Tag color="magenta" data-testid="personal-tag">
      {t('personal')}
    </Tag>
  );
}
