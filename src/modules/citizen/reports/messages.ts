import { addMessages } from '../../../core/messages.ts';

// The reports' (随手拍) refusals, in zh-CN and en, in the citizen module's namespace.
addMessages('citizen', {
  photo_empty: { 'zh-CN': '请选择要上传的照片', en: 'Send the photo as the request body' },
  photo_too_large: {
    'zh-CN': '照片太大了：每张不能超过 {maxMb} MB，请重新拍摄或选择较小的照片',
    en: 'The photo is too large: at most {maxMb} MB each; take it again or pick a smaller one',
  },
  photo_not_image: {
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的照片',
    en: 'Only JPEG, PNG and WebP photos can be sent',
  },
  photo_name_format: { 'zh-CN': '照片名称不对', en: 'not a photo name' },
  photo_unknown: {
    'zh-CN': '照片未上传或不是您上传的，请重新添加',
    en: 'This photo was not uploaded by you; add it again',
  },
  place_required: {
    'zh-CN': '请在地图上选择位置、使用当前位置或填写地址',
    en: 'Pick the place on the map, use your location or write the address',
  },
  outside_district: {
    'zh-CN': '该位置不在望城区内，请重新选择',
    en: 'That place is outside the district; pick another',
  },
});
