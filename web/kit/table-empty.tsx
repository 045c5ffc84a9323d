import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** What an empty table shows: antd's empty picture with a sentence saying what is missing, and maybe a way on. */
export function TableEmpty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {children}
    </Empty>
  );
}
