import { Flex, Progress, Typography } from 'antd';
import type { DistrictMap } from '../contract.ts';

/** The subdistricts and towns ranked by how many communities and villages each one has. */
export function SubdistrictList({ subdistricts }: { subdistricts: DistrictMap['subdistricts'] }) {
  const ranked = [...subdistricts].sort((a, b) => b.communities - a.communities);
  const most = Math.max(1, ...ranked.map((s) => s.communities));
  return (
    <Flex vertical gap={6} data-testid="subdistrict-list">
      {ranked.map((s) => (
        <Flex key={s.code} align="center" gap={12}>
          <Typography.Text style={{ width: 90, flex: 'none' }} ellipsis={{ tooltip: s.name }}>
            {s.name}
          </Typography.Text>
          <Progress
            percent={(s.communities / most) * 100}
            showInfo={false}
            // The longest bar is 100 %, which antd would otherwise paint green as "done".
            status="normal"
            size="small"
            style={{ margin: 0, flex: 1 }}
          />
          <Typography.Text strong style={{ width: 28, textAlign: 'right' }}>
            {s.communities}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
