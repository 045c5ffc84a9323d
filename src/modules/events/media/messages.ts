import { addMessages } from '../../../core/messages.ts';

// The photo upload's refusals, in zh-CN and en (registered once, at import).
addMessages('events', {
  media_empty: { 'zh-CN': '请上传照片', en: 'Send the photo as the request body' },
  media_too_large: { 'zh-CN': '照片不能超过 {maxMb} MB', en: 'A photo is at most {maxMb} MB' },
  not_an_image: {
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的照片',
    en: 'Only JPEG, PNG and WebP photos are accepted',
  },
  media_name_format: { 'zh-CN': '照片名称不对', en: 'not a photo name' },
});
