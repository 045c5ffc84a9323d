import { addMessages } from '../../../core/messages.ts';

// Errors of the early warning's settings, in zh-CN and en (registered once, at import), in the events namespace.
addMessages('events', {
  invalid_cluster_rule: {
    'zh-CN': '聚集预警规则有误（案件数、半径或天数）',
    en: 'The cluster warning rule (cases, radius or days) is invalid',
  },
});
