import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import { devices } from '../schema.ts';
import { observeTelemetry } from './protocol-test-kit.ts';

describe.each(databaseKinds)('the HTTP device API (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let seen: ReturnType<typeof observeTelemetry>;
  let dust: Awaited<ReturnType<typeof t.addDevice>>;

  beforeAll(async () => {
    t = await iotPlatform(kind);
    seen = observeTelemetry(t.p.modules.iot.telemetry);
    dust = await t.addDevice({ code: 'DS-0001', profile: 'dust', department: 'CGJ' });
  });
  afterAll(() => t?.p.close());

  const post = (path: string, body: string, type = 'application/json', lang = 'en') =>
    t.p.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': type, 'accept-language': lang },
      payload: body,
    });

  it('POST /api/v1/<token>/telemetry stores the values, without signing in', async () => {
    const res = await post(`/api/v1/${dust.token}/telemetry`, '{"pm10":85,"noise":61.5}');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, rejected: 0 });
    expect(seen.points().map((p) => [p.code, p.key, p.num])).toEqual([
      ['DS-0001', 'pm10', 85],
      ['DS-0001', 'noise', 61.5],
    ]);
  });

  it('a payload with bad values stores the good ones and answers 400 naming each reason', async () => {
    const res = await post(`/api/v1/${dust.token}/telemetry`, '[{"pm10":90,"noise":500},{"smoke":1}]');
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem).toMatchObject({ code: 'bad_payload', params: { accepted: 1, rejected: 2 } });
    expect(problem.errors).toMatchObject([
      { field: 'noise', reason: 'out_of_range', message: 'is out of the valid range' },
      { field: 'smoke', reason: 'unknown_key', message: 'is not a key of the device profile' },
    ]);
    expect(problem.detail).toContain('2 values were refused; the other 1 were stored');
    expect(seen.points().at(-1)).toMatchObject({ code: 'DS-0001', key: 'pm10', num: 90 });
    expect(seen.bad.map((b) => b.reason)).toEqual(['out_of_range', 'unknown_key']);
  });

  it('a body that is not JSON is counted on the device as not_json, whatever its content type', async () => {
    const plain = await post(`/api/v1/${dust.token}/telemetry`, 'pm10=3', 'text/plain', 'zh-CN');
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors).toMatchObject([
      { field: 'body', reason: 'not_json', message: '不是有效的 JSON' },
    ]);
    const broken = await post(`/api/v1/${dust.token}/telemetry`, '{"pm10":');
    expect(broken.json().errors).toMatchObject([{ reason: 'not_json' }]);
    expect(seen.bad.slice(-2)).toMatchObject([
      { deviceCode: 'DS-0001', reason: 'not_json', sample: 'pm10=3' },
      { deviceCode: 'DS-0001', reason: 'not_json', sample: '{"pm10":' },
    ]);
  });

  it('POST /api/v1/<token>/attributes merges client attributes', async () => {
    const res = await post(`/api/v1/${dust.token}/attributes`, '{"fw":"1.2","site":"湘江新区工地"}');
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.p.database.db.select().from(devices).where(eq(devices.id, dust.id));
    expect(row!.attributes).toEqual({ fw: '1.2', site: '湘江新区工地' });
    const bad = await post(`/api/v1/${dust.token}/attributes`, '[1,2]');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toMatchObject([{ reason: 'bad_shape' }]);
  });

  it('an unknown token, or a retired device, is refused with 401 and nothing is taken', async () => {
    const retired = await t.addDevice({
      code: 'DS-0099',
      profile: 'dust',
      department: 'CGJ',
      status: 'retired',
    });
    const stored = seen.stored.length;
    for (const token of ['NoSuchToken123456789', retired.token]) {
      for (const kind of ['telemetry', 'attributes']) {
        const res = await post(`/api/v1/${token}/${kind}`, '{"pm10":1}');
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'device_token_unknown' });
      }
    }
    expect(seen.stored.length).toBe(stored);
    const [row] = await t.p.database.db.select().from(devices).where(eq(devices.id, retired.id));
    expect(row!.attributes).toEqual({});
  });

  it('the routes are in the API docs with a Chinese summary', async () => {
    const doc = (await t.p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/{token}/telemetry'].post.summary).toMatch(/遥测/);
    expect(doc.paths['/api/v1/{token}/attributes'].post.summary).toMatch(/属性/);
  });
});
