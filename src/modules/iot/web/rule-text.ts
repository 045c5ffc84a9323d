import type { Profile, Rule } from './iot-types.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A threshold's value as written in a rule: a number, or the name of a device attribute (`{ attr }`). */
export function limitText(
  value: unknown,
  profile: Profile | undefined,
  name: (d: { name: string; nameEn: string }) => string,
) {
  if (value && typeof value === 'object' && 'attr' in value) {
    const attr = String((value as { attr: unknown }).attr);
    const def = profile?.attributes.find((a) => a.key === attr);
    return def ? name(def) : attr;
  }
  return String(value);
}

/** A rule's condition in words ("水位 > 警戒水位", "倾角 > 15 持续 10 分钟"), from its kind and params. */
export function ruleText(
  rule: Pick<Rule, 'kind' | 'params'>,
  profile: Profile | undefined,
  t: Translate,
  name: (d: { name: string; nameEn: string }) => string,
): string {
  const p = rule.params as Record<string, any>;
  const key = (k: unknown) => {
    const def = profile?.keys.find((d) => d.key === k);
    return def ? name(def) : String(k);
  };
  const unit = (k: unknown) => profile?.keys.find((d) => d.key === k)?.unit ?? '';
  const cond = (c: Record<string, any>) =>
    `${key(c.key)} ${c.op} ${limitText(c.value, profile, name)}${typeof c.value === 'number' ? unit(c.key) : ''}`;
  switch (rule.kind) {
    case 'threshold':
      return p.hysteresis ? `${cond(p)}${t('rules.text.hysteresis', { value: p.hysteresis })}` : cond(p);
    case 'duration':
      return `${cond(p)}${t('rules.text.lasting', { minutes: p.minutes })}`;
    case 'rate':
      return t('rules.text.rate', { key: key(p.key), delta: `${p.delta}${unit(p.key)}`, minutes: p.minutes });
    case 'nodata':
      return p.minutes
        ? t('rules.text.nodata', { minutes: p.minutes })
        : t('rules.text.nodataDefault', { minutes: profile?.offlineMinutes ?? '?' });
    case 'combination':
      return ((p.all ?? []) as Record<string, any>[]).map(cond).join(t('rules.text.and'));
    case 'overweight':
      return t('rules.text.overweight', { percent: p.tolerancePercent ?? 0 });
    default:
      return JSON.stringify(p);
  }
}
