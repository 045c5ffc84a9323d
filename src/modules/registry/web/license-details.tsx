import { type DescriptionsProps, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { Verification } from './license-api.ts';

type DescriptionItems = NonNullable<DescriptionsProps['items']>;

/**
 * A license's details as both the verification page and a citizen's own license show them: holder, issuer, issue
 * date, end of validity (long-term when it has none), then `more`, and last its identifier to copy.
 */
export function licenseDetails(
  t: TFunction<'registry'>,
  license: NonNullable<Verification['license']>,
  more: DescriptionItems = [],
): DescriptionItems {
  return [
    {
      key: 'holder',
      label: t('licenses.fields.holderName'),
      children: license.holderName ?? (
        <Typography.Text type="secondary">{t('licenses.verify.holderByQr')}</Typography.Text>
      ),
    },
    { key: 'issuer', label: t('licenses.fields.issuer'), children: license.issuerName },
    { key: 'issueDate', label: t('licenses.fields.issueDate'), children: license.issueDate },
    {
      key: 'validUntil',
      label: t('licenses.fields.validUntil'),
      children: license.validUntil ?? t('licenses.longTerm'),
    },
    ...more,
    {
      key: 'id',
      label: t('licenses.fields.id'),
      children: (
        <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {license.id}
        </Typography.Text>
      ),
    },
  ];
}
