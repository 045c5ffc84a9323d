import { addMessages } from '../../core/messages.ts';

addMessages('ingest', {
  missing_required: { 'zh-CN': '必填项为空', en: 'a required value is missing' },
  date_invalid: { 'zh-CN': '日期无效', en: 'the date is not valid' },
  value_invalid: { 'zh-CN': '取值不符合要求', en: 'the value is not allowed' },
  type_invalid: { 'zh-CN': '数据类型错误', en: 'the value has the wrong type' },
  control_character: {
    'zh-CN': '含有空字符（NUL），无法入库',
    en: 'the value holds a NUL character, which cannot be stored',
  },
  bad_encoding: {
    'zh-CN': '含有无法按文件编码读取的字节（乱码）',
    en: "the value holds bytes the file's encoding cannot read (garbled text)",
  },
  id_number_as_number: {
    'zh-CN': '身份证号被存成了数字，后几位已丢失，请把该列设为文本后重新导出',
    en: 'the ID number was stored as a number and lost its last digits: set the column to text and export again',
  },
  id_number_upgraded: {
    'zh-CN': '15 位身份证号已升级为 18 位',
    en: '15-digit ID number upgraded to 18 digits',
  },
  excel_lost_digits: {
    'zh-CN': '数字被 Excel 截断（科学计数法）',
    en: 'Excel cut the number (scientific notation)',
  },
  excel_serial_date: {
    'zh-CN': '日期为 Excel 序列号，已转换',
    en: 'date was an Excel day number and was converted',
  },
  birth_date_mismatch: { 'zh-CN': '出生日期与身份证号不一致', en: 'birth date disagrees with the ID number' },
  duplicate_key: {
    'zh-CN': '主键重复且内容不同，以后出现的行为准',
    en: 'key repeated with other values; the later row wins',
  },
  sex_mismatch: { 'zh-CN': '性别与身份证号不一致', en: 'sex disagrees with the ID number' },
  unknown_resource: { 'zh-CN': '资源 {resource} 不存在', en: 'Resource {resource} does not exist' },
  unmapped_key: { 'zh-CN': '主键数据项 {code} 没有对应的列', en: 'No column maps to the key item {code}' },
  unknown_item: { 'zh-CN': '{code} 不是该资源的数据项', en: '{code} is not an item of this resource' },
  unknown_upload: {
    'zh-CN': '上传的文件已不存在，请重新上传',
    en: 'The uploaded file is gone; upload it again',
  },
  upload_quota_exceeded: {
    'zh-CN': '本部门待归集的上传文件已超过 {quotaMb} MB 的限额，请先完成或等待清理已上传的文件',
    en: 'Your department’s uploads waiting to be loaded exceed the {quotaMb} MB quota; load or let the earlier ones expire first',
  },
  not_your_department_delivery: {
    'zh-CN': '只能以本部门的名义交付数据',
    en: 'You may only deliver data in the name of your own department',
  },
  received_in_future: {
    'zh-CN': '数据交付时间不能晚于当前时间',
    en: 'A delivery cannot be received in the future',
  },
  not_your_resource_data: {
    'zh-CN': '只能向本部门提供的资源归集数据',
    en: 'You may only deliver data for resources your department provides',
  },
  item_mapped_twice: { 'zh-CN': '有两列都对应数据项 {code}', en: 'Two columns map to the item {code}' },
  unreadable_file: { 'zh-CN': '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  empty_file: { 'zh-CN': '文件没有表头或数据', en: 'The file has no header or data' },
  header_rows_invalid: {
    'zh-CN': '所选的第 {{rows}} 行不是表头（或不在前 30 行中）',
    en: 'The chosen row {{rows}} holds no header (or is not among the first 30 rows)',
  },
  not_your_batch: {
    'zh-CN': '只能查看本部门交付的批次或本部门提供的资源的批次',
    en: 'You may only see batches your department delivered or of resources it provides',
  },
  not_key_item: { 'zh-CN': '{code} 不是该资源的主键数据项', en: '{code} is not a key item of this resource' },
  field_too_long: {
    'zh-CN': '第 {row} 行“{column}”列的内容超过 {limit} 个字符的上限',
    en: 'Row {row}, column {column}: a field longer than the limit of {limit} characters',
  },
  record_too_long: {
    'zh-CN': '第 {row} 行超过 {limit} 个字符的上限',
    en: 'Row {row} is longer than the limit of {limit} characters',
  },
  // Why a batch failed (batch-errors.ts), besides the input errors above.
  database_error: {
    'zh-CN': '数据库出错，本批次数据未入库',
    en: 'The database failed; nothing of the batch was kept',
  },
  interrupted: {
    'zh-CN': '服务在归集过程中停止，本批次数据未入库',
    en: 'The service stopped while loading; nothing of the batch was kept',
  },
});
