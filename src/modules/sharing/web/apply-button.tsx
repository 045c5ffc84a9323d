import { ShareAltOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Resource } from '../../catalog/contract.ts';
import { applyPath } from './sharing-api.ts';

/**
 * 申请共享 on a resource page: opens the apply form. A 不予共享 resource says so instead, with the basis the
 * catalog records for it, so nobody fills in a form the server would refuse.
 */
export function ApplyButton({ resource }: { resource: Resource }) {
  const { t } = useTranslation('sharing');
  const navigate = useNavigate();
  if (resource.shareType === 'none') {
    const basis = resource.shareBasis ?? t('apply.noBasis');
    return (
      <Tooltip title={t('apply.refusedBasis', { basis })}>
        <Typography.Text
          type="danger"
          data-testid="apply-refused"
          style={{ maxWidth: 360, lineHeight: '32px' }}
          ellipsis
        >
          <StopOutlined /> {t('apply.refusedBasis', { basis })}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Button
      icon={<ShareAltOutlined />}
      onClick={() => navigate(applyPath(resource.alias ?? resource.code))}
      data-testid="resource-apply"
    >
      {t('apply.button')}
    </Button>
  );
}
