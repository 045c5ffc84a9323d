import { addMessages } from '../../../core/messages.ts';

// "My information" and its objections: errors ('citizen' namespace).
addMessages('citizen', {
  unknown_item: { 'zh-CN': '{code} 不是可纠错的信息项', en: '{code} is not an item you can correct' },
});
