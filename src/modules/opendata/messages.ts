import { addMessages } from '../../core/messages.ts';

// Open data's error messages in zh-CN and en (registered once, at import).
addMessages('opendata', {
  // One message for a dataset that does not exist and one that is not open (or has no data yet): nothing leaks.
  open_dataset_not_found: {
    'zh-CN': '开放数据集 {name} 不存在或未开放',
    en: 'Open dataset {name} does not exist or is not open',
  },
});
