import { addMessages } from '../../../core/messages.ts';

// Open311 keys' errors, in the events namespace.
addMessages('events', {
  key_revoked: { 'zh-CN': '该密钥已吊销', en: 'This key is already revoked' },
  bad_api_key: {
    'zh-CN': 'api_key 缺失、无效或已吊销',
    en: 'The api_key is missing, invalid or revoked',
  },
});
