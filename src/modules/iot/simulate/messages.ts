import { addMessages } from '../../../core/messages.ts';

// The simulator's errors (`onecity simulate`), in zh-CN and en.
addMessages('iot', {
  simulate_too_few_tokens: {
    'zh-CN': '{file} 中只有 {found} 个令牌，少于 {wanted} 个：加上 --register 注册设备，或减小 --devices',
    en: '{file} holds {found} tokens, not {wanted}: add --register, or lower --devices',
  },
});
