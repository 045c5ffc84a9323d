import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { type Todo, useDashboard } from './dashboard-api.ts';

const toneColors: Record<Todo['tone'], string> = { danger: 'red', warning: 'orange', info: 'blue' };

/** The home page's to-do card: each to-do of the user's role with its count, a link to the list where it is done. */
export function TodoCard() {
  const { t } = useTranslation('ioc');
  const dashboard = useDashboard();
  if (dashboard.isError) return <LoadError error={dashboard.error} onRetry={() => dashboard.refetch()} />;
  const todos = dashboard.data?.todos;
  return (
    <Card title={t('dashboard.todos.title')} style={{ height: '100%' }} data-testid="dashboard-todos">
      {!todos ? (
        <Skeleton active />
      ) : todos.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('dashboard.todos.empty')}
          data-testid="todos-empty"
        />
      ) : (
        <Flex vertical>
          {todos.map((todo) => (
            <Link key={todo.key} to={todo.link} data-testid={`todo-${todo.key}`}>
              <Flex
                align="center"
                justify="space-between"
                gap={8}
                style={{ padding: '10px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
              >
                <Typography.Text>{t(`dashboard.todos.${todo.key}`)}</Typography.Text>
                <span>
                  <Tag color={toneColors[todo.tone]} style={{ marginInlineEnd: 4 }}>
                    {formatNumber(todo.count)}
                  </Tag>
                  <RightOutlined style={{ fontSize: 11, color: 'rgba(0, 0, 0, 0.45)' }} />
                </span>
              </Flex>
            </Link>
          ))}
        </Flex>
      )}
    </Card>
  );
}
