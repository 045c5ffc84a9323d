import type { BadReason, DeviceRef } from '../ports.ts';
import type { TopicRoute } from './topics.ts';

/** What became of one payload: values stored, values refused, and why each was refused. */
export type Accepted = { accepted: number; rejected: number; bad: { reason: BadReason; key?: string }[] };

/** What the brokers (embedded and external) call: who a token is, and take a message. */
export type BrokerHandlers = {
  authenticate: (token: string) => Promise<DeviceRef | null>;
  accept: (device: DeviceRef, route: TopicRoute, payload: Buffer) => Promise<Accepted | null>;
  unknownToken: () => void;
  failed: () => void;
};
