import { addMessages } from '../../../core/messages.ts';

// The classifier's codes, in the events module's namespace.
addMessages('events', {
  classify_text_empty: { 'zh-CN': '诉求内容为空，无法分类', en: 'The text is empty: nothing to classify' },
  classify_text_or_input: {
    'zh-CN': '请给出一段文本或 --input 文件（二者选一）',
    en: 'Give either a TEXT or --input FILE, not both',
  },
  classify_input_unreadable: { 'zh-CN': '无法读取 {file}：{reason}', en: 'Cannot read {file}: {reason}' },
  classify_line_not_json: { 'zh-CN': '第 {line} 行不是 JSON 对象', en: 'line {line} is not a JSON object' },
  classify_line_field: {
    'zh-CN': '第 {line} 行的“{field}”{reason}',
    en: 'line {line}: {field} {reason}',
  },
});
