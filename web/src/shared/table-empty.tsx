import { Empty } from 'antd';

/** What an empty table shows: antd's empty picture with a sentence saying what is missing. */
export function TableEmpty({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}
