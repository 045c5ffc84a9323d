import { addMessages } from '../../../core/messages.ts';

// The directory's errors, in the citizen namespace.
addMessages('citizen', {
  duplicate_service: { 'zh-CN': '已有名为“{name}”的服务事项', en: 'A service named “{name}” exists already' },
  notice_published: { 'zh-CN': '该公告已发布', en: 'This notice is published already' },
  notice_not_published: { 'zh-CN': '该公告尚未发布', en: 'This notice is not published' },
});
