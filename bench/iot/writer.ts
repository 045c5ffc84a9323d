// Benchmark of the telemetry writer alone (no broker), printed, not asserted: many concurrent callers store a few
// points each, as the protocol does per message, on a fresh database; then the same points are COPY'd into the same
// table in one stream (the baseline, same run). Prints both rates, the ratio and where the writer's time went.
// Usage: npx node bench/iot/writer.ts [points] [devices] [pglite|postgres] [concurrency]
//        (default 500,000 points, 2,000 devices, postgres, the service's concurrency)
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/core/db.ts';
import { createLogger } from '../../src/core/logger.ts';
import {
  createProfileService,
  createTelemetryService,
  telemetryCsvLine as csvLine,
  type DeviceRef,
  type Point,
} from '../../src/modules/iot/index.ts';
import { freshDatabaseConfig } from '../../test/databases.ts';

const total = Number(process.argv[2] ?? 500_000);
const deviceCount = Number(process.argv[3] ?? 2_000);
const kind = (process.argv[4] ?? 'postgres') as 'pglite' | 'postgres';
const concurrency = process.argv[5] ? Number(process.argv[5]) : undefined; // default: the service's
const PER_MESSAGE = 4; // a lamppost's message: lamp, power, pm25, noise
const IN_FLIGHT = 2_000; // messages being handled at once (MQTT clients publishing together)

const { config, drop } = await freshDatabaseConfig(kind);
const database = await openDatabase(config);
try {
  await database.migrate();
  const profiles = createProfileService({ db: database.db, audit: undefined as never });
  await profiles.seed();
  await database.query(
    `insert into iot.devices (code, profile_code, name, lng, lat, department_id, token_hash, token_hint)
     select 'LP-' || i, 'lamppost', 'LP-' || i, 112.8, 28.3, 1, md5(i::text), 'x' from generate_series(1, $1::int) i`,
    [deviceCount],
  );
  const rows = await database.query<{ id: number; code: string }>(
    'select id, code from iot.devices order by id',
  );
  const devices: DeviceRef[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.code,
    profileCode: 'lamppost',
    departmentId: 1,
    status: 'offline',
    attributes: {},
    gatewayId: null,
    lng: 112.8,
    lat: 28.3,
    subdistrictCode: null,
    communityCode: null,
  }));
  const byId = new Map(devices.map((d) => [d.id, d]));
  const telemetry = createTelemetryService({
    database,
    profiles,
    logger: createLogger('warn'),
    now: () => new Date(),
    writer: concurrency ? { concurrency } : {},
  });
  await telemetry.ensurePartitions();
  const start = Date.now() - 3600_000;
  const messages: Point[][] = [];
  for (let m = 0; m < total / PER_MESSAGE; m++) {
    const d = devices[m % devices.length]!;
    const ts = new Date(start + m);
    messages.push(
      ['lamp', 'power', 'pm25', 'noise'].map((key, k) => ({
        deviceId: d.id,
        key,
        ts,
        num: (m + k) % 500,
        txt: null,
      })),
    );
  }

  // The writer: IN_FLIGHT callers at a time, each storing one message and waiting for its commit.
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < messages.length) {
        const points = messages[next++]!;
        await telemetry.store(points, [byId.get(points[0]!.deviceId)!]);
      }
    }),
  );
  await telemetry.flush();
  const writerSec = (performance.now() - t0) / 1000;
  const s = telemetry.stats();
  await telemetry.stop();

  // The baseline: the same points COPY'd into the same (emptied) table in one stream.
  await database.query('truncate iot.telemetry');
  const t1 = performance.now();
  await database.rawTransaction((tx) =>
    tx.copyIn(
      'iot.telemetry',
      ['device_id', 'key', 'ts', 'num', 'txt'],
      (async function* () {
        let chunk = '';
        for (const points of messages) {
          for (const p of points) chunk += csvLine(p);
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    ),
  );
  const copySec = (performance.now() - t1) / 1000;
  const rate = (n: number, sec: number) => Math.round(n / sec).toLocaleString('en');
  const per = (ms: number) => (ms / s.batches).toFixed(2);
  console.log(
    `${kind}: ${total.toLocaleString('en')} points of ${deviceCount} devices, ${PER_MESSAGE} per call`,
  );
  console.log(
    `writer   ${rate(total, writerSec)} points/s (${s.batches} batches, ${Math.round(s.points / s.batches)} points each)`,
  );
  console.log(`raw COPY ${rate(total, copySec)} points/s`);
  console.log(`ratio    ${((copySec / writerSec) * 100).toFixed(0)} % of raw COPY`);
  console.log(
    `per batch (ms): prepare ${per(s.prepareMs)}, copy ${per(s.copyMs)}, upserts ${per(s.upsertMs)}, ` +
      `begin/commit ${per(s.commitMs)}, listeners ${per(s.deliverMs)}`,
  );
} finally {
  await database.close();
  await drop();
}
