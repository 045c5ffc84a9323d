import { addMessages } from '../../../core/messages.ts';

// The sharing API's refusals of form submissions, in the 'forms' namespace.
addMessages('forms', {
  bad_form_cursor: {
    'zh-CN': '游标无效，请使用上次返回的 next',
    en: 'The cursor is invalid; pass the `next` of the last answer',
  },
  bad_form_query: { 'zh-CN': '查询参数有误', en: 'The query is invalid' },
});
