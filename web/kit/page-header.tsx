import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a console page, with tags beside the title and the page's main actions on the right. */
export function PageHeader({
  title,
  description,
  tags,
  extra,
}: {
  title: string;
  description?: ReactNode;
  tags?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }}>
      <div>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
