import { addMessages } from '../../core/messages.ts';
import './dashboard/messages.ts';
import './facilities/messages.ts';
import './incidents/messages.ts';
import './briefings/messages.ts';
import './screen/messages.ts';

// The operations center's errors and field reasons, in zh-CN and en, in the 'ioc' namespace. Each area adds its
// own codes in its messages.ts (imported here); codes must not clash across areas.
addMessages('ioc', {
  period_format: {
    'zh-CN': '期次应写作 2026-W49（周）或 2026-11（月）',
    en: 'A period is written 2026-W49 (a week) or 2026-11 (a month)',
  },
});
