/**
 * The MQTT topics of the ThingsBoard device API: what a device may publish and subscribe to on the embedded broker,
 * and how a message read from an external broker names its device.
 */

export type DeviceKind = 'telemetry' | 'attributes';
export type GatewayKind = 'connect' | 'disconnect' | 'telemetry' | 'attributes';

/** What a published message is: a device's own data, or a gateway's message about its devices. */
export type TopicRoute = { to: 'device'; kind: DeviceKind } | { to: 'gateway'; kind: GatewayKind };

const deviceKinds: readonly string[] = ['telemetry', 'attributes'] satisfies DeviceKind[];
const gatewayKinds: readonly string[] = [
  'connect',
  'disconnect',
  'telemetry',
  'attributes',
] satisfies GatewayKind[];

/** The profile whose devices may use the gateway API. */
export const GATEWAY_PROFILE = 'gateway';

/** What a device may publish to on the embedded broker (gateway topics only for gateways); null: refused. */
export function publishRoute(topic: string, isGateway: boolean): TopicRoute | null {
  const parts = topic.split('/');
  if (parts.length !== 4 && parts.length !== 3) return null;
  if (parts.length === 4 && parts[0] === 'v1' && parts[1] === 'devices' && parts[2] === 'me')
    return deviceKinds.includes(parts[3]!) ? { to: 'device', kind: parts[3] as DeviceKind } : null;
  if (isGateway && parts.length === 3 && parts[0] === 'v1' && parts[1] === 'gateway')
    return gatewayKinds.includes(parts[2]!) ? { to: 'gateway', kind: parts[2] as GatewayKind } : null;
  return null;
}

// What firmware subscribes to for attribute updates, attribute responses and RPC. Accepted; nothing is sent yet.
const subscribable = [
  /^v1\/devices\/me\/attributes$/,
  /^v1\/devices\/me\/attributes\/response\/\+$/,
  /^v1\/devices\/me\/rpc\/request\/\+$/,
];

/** Whether a device may subscribe to this topic filter on the embedded broker. */
export function maySubscribe(filter: string): boolean {
  return subscribable.some((re) => re.test(filter));
}

/**
 * The shared subscriptions one OneCity process takes on an external broker. Every process of a district uses the
 * same group (`onecity`) so that each message goes to one of them.
 */
export function sharedSubscriptions(group = 'onecity'): string[] {
  return [
    `$share/${group}/v1/devices/+/telemetry`,
    `$share/${group}/v1/devices/+/attributes`,
    ...gatewayKinds.map((kind) => `$share/${group}/v1/gateway/+/${kind}`),
  ];
}

/**
 * A message read from an external broker: `v1/devices/<token>/<kind>` or `v1/gateway/<token>/<kind>` (the broker
 * rewrote `me` into the publisher's user name, or the device put its token there). Null: not ours.
 */
export function externalRoute(topic: string): { token: string; route: TopicRoute } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== 'v1' || !parts[2]) return null;
  const [, area, token, kind] = parts as [string, string, string, string];
  if (area === 'devices' && deviceKinds.includes(kind))
    return { token, route: { to: 'device', kind: kind as DeviceKind } };
  if (area === 'gateway' && gatewayKinds.includes(kind))
    return { token, route: { to: 'gateway', kind: kind as GatewayKind } };
  return null;
}
