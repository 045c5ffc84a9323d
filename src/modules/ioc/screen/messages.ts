import { addMessages } from '../../../core/messages.ts';

// The screen's errors and field reasons, in zh-CN and en, in the 'ioc' namespace (codes prefixed screen_).
addMessages('ioc', {
  screen_unknown_layer: {
    'zh-CN': '地图没有这些图层：{layers}',
    en: 'The map has no such layers: {layers}',
  },
});
