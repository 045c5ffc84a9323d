import type { TFunction } from 'i18next';
import type { Notification } from './sharing-api.ts';

const kinds = [
  'application_waiting',
  'application_forwarded',
  'application_approved',
  'application_rejected',
  'grant_revoked',
];

/** A notification's sentence in the user's language, from its kind and parameters. */
export function notificationText(t: TFunction<'sharing'>, n: Notification): string {
  const kind = kinds.includes(n.kind) ? n.kind : 'unknown';
  const stage = typeof n.params.stage === 'string' ? t(`stages.${n.params.stage}`) : '';
  return t(`notifications.kinds.${kind}`, {
    ...n.params,
    stageName: stage,
    interpolation: { escapeValue: false },
  });
}
