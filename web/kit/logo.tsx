import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The console's mark and name; `dark` for light text on a dark background. */
export function Logo({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const color = dark ? '#fff' : undefined;
  return (
    <Flex align="center" gap={10}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && (
        <Flex vertical style={{ lineHeight: 1.2 }}>
          <Typography.Text strong style={{ color, fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text
            style={{ color: dark ? 'rgba(255,255,255,0.7)' : undefined, fontSize: 12 }}
            type={dark ? undefined : 'secondary'}
          >
            {t('app.center')}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}
