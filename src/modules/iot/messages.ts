import { addMessages } from '../../core/messages.ts';
import './alarms/messages.ts';
import './devices/messages.ts';
import './protocol/messages.ts';
import './telemetry/messages.ts';
import './rules/messages.ts';
import './simulate/messages.ts';

// The sensing layer's errors and field reasons, in zh-CN and en. Each area adds its own codes in its messages.ts
// (imported here) in the 'iot' namespace.
addMessages('iot', {
  unknown_profile: { 'zh-CN': '没有设备类型 {code}', en: 'There is no device profile {code}' },
});
