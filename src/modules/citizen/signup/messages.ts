import { addMessages } from '../../../core/messages.ts';

// Real-name sign-up's errors and field reasons ('citizen' namespace).
addMessages('citizen', {
  real_name_mismatch: {
    'zh-CN': '实名信息核验未通过，请核对姓名、身份证号和手机号后重试',
    en: 'Your real-name details could not be verified; check your name, ID number and mobile number and try again',
  },
  signup_locked: {
    'zh-CN': '实名核验失败次数过多，已暂停注册，请于 {until} 之后再试',
    en: 'Too many failed real-name checks; sign-up is paused, try again after {until}',
  },
  id_number_registered: {
    'zh-CN': '该身份证号已注册账号，请直接登录；如忘记密码，请联系区数据资源中心',
    en: 'This ID number already has an account: sign in; if you forgot the password, contact the data resource center',
  },
});
