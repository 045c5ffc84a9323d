import { addMessages } from '../../../core/messages.ts';

// The device API's errors, and why a payload or a value of it was refused (the bad reasons of ports.ts).
addMessages('iot', {
  device_token_unknown: {
    'zh-CN': '访问令牌无效，或设备已停用',
    en: 'No device in service holds this access token',
  },
  bad_payload: {
    'zh-CN': '上报数据中有 {rejected} 项被拒绝，其余 {accepted} 项已保存',
    en: '{rejected} values were refused; the other {accepted} were stored',
  },
  not_json: { 'zh-CN': '不是有效的 JSON', en: 'is not valid JSON' },
  bad_shape: {
    'zh-CN': '结构不对：应为键值对象、带 ts 与 values 的对象，或它们的数组',
    en: 'has the wrong shape: send an object of keys and values, {ts, values}, or an array of these',
  },
  unknown_key: { 'zh-CN': '不是该设备类型的数据项', en: 'is not a key of the device profile' },
  wrong_type: { 'zh-CN': '数据类型不对', en: 'has the wrong type' },
  out_of_range: { 'zh-CN': '超出有效范围', en: 'is out of the valid range' },
  future_ts: { 'zh-CN': '时间戳超前当前时间 5 分钟以上', en: 'has a timestamp more than 5 minutes ahead' },
  old_ts: { 'zh-CN': '时间戳早于原始数据保留期', en: 'has a timestamp older than the raw data is kept' },
  unknown_device: {
    'zh-CN': '网关所报设备不存在、已停用或不属于本部门',
    en: "names a device that does not exist, is retired or is not the gateway's department's",
  },
});
