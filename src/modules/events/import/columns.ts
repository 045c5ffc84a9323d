/**
 * The columns of a former system's case export, as data items: aggregation's header mapping (autoMap) finds each
 * by its code, name or synonyms, in Chinese or English, the way it maps a department's file to a resource.
 */
import type { DataItem } from '../../catalog/index.ts';

export type ImportColumn =
  | 'number'
  | 'received_at'
  | 'channel'
  | 'content'
  | 'address'
  | 'category'
  | 'status'
  | 'closed_at'
  | 'satisfaction';

const item = (code: ImportColumn, name: string, synonyms: string[], required = false): DataItem => ({
  code,
  name,
  type: 'string',
  required,
  personal: false,
  synonyms,
});

/** The columns, with the names the 12345 systems in use give them. */
export const importColumns: DataItem[] = [
  item(
    'number',
    '工单编号',
    ['工单号', '编号', '单号', '案件编号', '事件编号', '受理编号', 'number', 'no', 'case number', 'id'],
    true,
  ),
  item(
    'received_at',
    '受理时间',
    ['来电时间', '登记时间', '上报时间', '创建时间', '接收时间', 'received', 'received at', 'received time'],
    true,
  ),
  item('channel', '来源', ['渠道', '来源渠道', '受理渠道', '诉求来源', 'channel', 'source']),
  item(
    'content',
    '诉求内容',
    ['问题描述', '内容', '事件描述', '工单内容', '来电内容', '诉求', 'content', 'description', 'text'],
    true,
  ),
  item('address', '事发地址', ['地址', '事发地点', '发生地址', '详细地址', '地点', 'address', 'location']),
  item('category', '诉求类别', [
    '事件类型',
    '类别',
    '事件类别',
    '问题类别',
    '诉求分类',
    '分类',
    'category',
    'type',
    'service code',
  ]),
  item('status', '办理状态', ['状态', '工单状态', '处理状态', 'status', 'state']),
  item('closed_at', '办结时间', [
    '结案时间',
    '完成时间',
    '关闭时间',
    '办结日期',
    'closed',
    'closed at',
    'closed time',
  ]),
  item('satisfaction', '满意度', ['回访结果', '回访满意度', '评价', '满意度评价', 'satisfaction', 'rating']),
];
