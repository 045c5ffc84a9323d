import { addMessages } from '../../../core/messages.ts';

// Errors of the usage statistics, in zh-CN and en (registered once, at import).
addMessages('sharing', {
  unknown_resource_ref: { 'zh-CN': '资源 {resource} 不存在', en: 'Resource {resource} does not exist' },
});
