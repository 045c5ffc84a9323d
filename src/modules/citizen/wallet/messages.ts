import { addMessages } from '../../../core/messages.ts';

// The wallet's errors, in the citizen namespace.
addMessages('citizen', {
  license_revoked_no_share: {
    'zh-CN': '该证照已注销，不能分享',
    en: 'This license is revoked and cannot be shared',
  },
  license_expired_no_share: {
    'zh-CN': '该证照已过期，不能分享',
    en: 'This license has expired and cannot be shared',
  },
  share_already_revoked: { 'zh-CN': '该分享链接已撤销', en: 'This link is already withdrawn' },
  share_unknown: {
    'zh-CN': '分享链接不存在，请确认链接完整，或联系证照持有人重新分享',
    en: 'This link does not exist; check that it was copied whole, or ask the holder to share the license again',
  },
  share_expired: {
    'zh-CN': '分享链接已于 {expiredAt} 过期，请联系证照持有人重新分享',
    en: 'This link expired at {expiredAt}; ask the holder to share the license again',
  },
  share_revoked: {
    'zh-CN': '证照持有人已撤销该分享链接',
    en: 'The holder has withdrawn this link',
  },
});
