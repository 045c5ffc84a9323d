import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import type { Resource } from '../../catalog/contract.ts';
import { ingestPolicy } from '../policy.ts';
import { uploadPath } from './ingest-api.ts';

/**
 * 上传数据: opens the upload with this resource chosen. Shown to those who deliver data, and usable by center
 * staff and the providing department (who the server lets deliver it); `quiet` hides it from everyone else.
 */
export function UploadDataButton({ resource, quiet = false }: { resource: Resource; quiet?: boolean }) {
  const { t } = useTranslation('ingest');
  const navigate = useNavigate();
  const me = useSignedInUser();
  if (!allowed(me.roles, ingestPolicy.deliver)) return null;
  const ours = ingestPolicy.mayDeliverTo(me, resource);
  if (quiet && !ours) return null;
  return (
    <Tooltip title={ours ? undefined : t('upload.notOurs')}>
      <Button
        type={quiet ? 'primary' : 'default'}
        icon={<CloudUploadOutlined />}
        disabled={!ours}
        onClick={() => navigate(uploadPath(resource.code))}
        data-testid="resource-upload"
      >
        {t('upload.button')}
      </Button>
    </Tooltip>
  );
}
