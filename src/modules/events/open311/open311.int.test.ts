import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { eventsPlatform } from '../cases/case-test-kit.ts';
import { childText, readXml } from './xml-reader.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
// The reporter's contact: none of it may appear in any Open311 answer.
const contact = {
  email: 'zhang.sanfeng@example.com',
  first_name: '三丰',
  last_name: '张',
  phone: '13812345678',
};
const secrets = [contact.email, contact.first_name, contact.phone, '张三丰', 'sanfeng'];

describe.each(databaseKinds)('Open311 GeoReport v2 (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  let apiKey: string;
  let keyId: number;
  const bodies: string[] = [];

  /** An Open311 call; every answer's raw body is kept for the contact check. */
  async function open311(method: 'GET' | 'POST', url: string, payload?: string | object, headers = {}) {
    const res = await t.p.app.inject({
      method,
      url: `/open311/v2/${url}`,
      headers: typeof payload === 'string' ? { ...form, ...headers } : headers,
      ...(payload !== undefined && { payload }),
    });
    bodies.push(res.body);
    return res;
  }
  const post = (fields: Record<string, string>) =>
    open311('POST', 'requests.json', new URLSearchParams(fields).toString());

  beforeAll(async () => {
    t = await eventsPlatform(kind);
    const made = await t.call('POST', '/api/events/keys', t.as.admin!, { name: '城市随手拍 App' });
    expect(made.statusCode, made.body).toBe(201);
    ({ apiKey } = made.json());
    keyId = made.json().key.id;
  });
  afterAll(() => t?.p.close());

  it('keys are made, listed without the key and audited, by the center only', async () => {
    expect(apiKey).toMatch(/^o311_[\w-]{43}$/);
    const list = await t.call('GET', '/api/events/keys', t.as.admin!);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(apiKey);
    expect(list.json().items[0]).toMatchObject({
      id: keyId,
      name: '城市随手拍 App',
      prefix: apiKey.slice(0, 13),
    });
    for (const who of [t.as.operator!, t.as.cgj!, null]) {
      const res = await t.call('POST', '/api/events/keys', who, { name: 'x' });
      expect(res.statusCode).toBe(who ? 403 : 401);
      expect((await t.call('GET', '/api/events/keys', who)).statusCode).toBe(who ? 403 : 401);
    }
    const { items } = await t.p.modules.audit.service.list(
      { actor: null, ip: null, requestId: null },
      { action: 'events.key_create', page: 1, pageSize: 10, sort: 'newest' },
    );
    expect(items.map((i) => i.targetId)).toContain(String(keyId));
    expect(JSON.stringify(items)).not.toContain(apiKey);
  });

  it('lists the categories as services, in JSON and XML, and defines each', async () => {
    const json = await open311('GET', 'services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const services = json.json();
    // The events seed's 25, and the sensing layer's overload cases (transport.overload).
    expect(services).toHaveLength(26);
    expect(services.find((s: { service_code: string }) => s.service_code === 'city.manhole')).toMatchObject({
      service_name: '井盖缺失或破损',
      metadata: false,
      type: 'realtime',
      group: expect.stringContaining('城'),
    });
    const xml = await open311('GET', 'services.xml');
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    const root = readXml(xml.body);
    expect(root.name).toBe('services');
    expect(root.children).toHaveLength(26);
    expect(root.children.every((c) => c.name === 'service')).toBe(true);
    expect(root.children[0]!.children.map((c) => c.name)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
    const definition = await open311('GET', 'services/city.road.json');
    expect(definition.json()).toEqual({ service_code: 'city.road', attributes: [] });
    expect(readXml((await open311('GET', 'services/city.road.xml')).body).name).toBe('service_definition');
    const unknown = await open311('GET', 'services/no.such.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('no.such') }]);
    const discovery = await open311('GET', 'discovery.json');
    expect(discovery.json().endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
    });
    expect(readXml((await open311('GET', 'discovery.xml')).body).name).toBe('discovery');
  });

  it('takes a form-encoded request with a key: classified by its service code, placed and dispatched', async () => {
    const posted = await post({
      api_key: apiKey,
      service_code: 'city.manhole',
      lat: '28.3495',
      long: '112.8201',
      address_string: '望城区高塘岭街道郭亮中路88号',
      description: '人行道井盖缺失 <危险> & 无警示',
      media_url: 'https://example.com/photo.jpg',
      account_id: 'acct-77',
      device_id: 'dev-1',
      ...contact,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const [answer] = posted.json();
    expect(answer).toMatchObject({ account_id: 'acct-77', service_notice: expect.stringContaining('城') });
    const id: string = answer.service_request_id;
    expect(id).toMatch(/^\d{13}$/);

    // The desk sees an ordinary case, dispatched by the rules, the contact stored for those who may read it.
    const c = (await t.call('GET', `/api/events/cases/${id}`, t.as.operator!)).json();
    expect(c).toMatchObject({
      channel: 'open311',
      status: 'dispatched',
      categoryCode: 'city.manhole',
      departmentId: t.ids.CGJ,
    });
    const stored = (await t.call('GET', `/api/events/cases/${id}/contact`, t.as.operator!)).json();
    expect(stored).toEqual({
      reporterName: '张三丰',
      reporterPhone: contact.phone,
      reporterEmail: contact.email,
    });
    expect((await t.audited('events.case_receive', id))[0]).toMatchObject({
      actorName: `open311:${apiKey.slice(0, 13)}`,
    });

    const one = await open311('GET', `requests/${id}.json`);
    expect(one.statusCode).toBe(200);
    const [view] = one.json();
    expect(view).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: 'city.manhole',
      service_name: '井盖缺失或破损',
      description: '人行道井盖缺失 <危险> & 无警示',
      address: '望城区高塘岭街道郭亮中路88号',
      lat: 28.3495,
      long: 112.8201,
      media_url: 'https://example.com/photo.jpg',
      agency_responsible: c.departmentName,
    });
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
      expect(view[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(Object.keys(view).sort()).toEqual(
      [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
      ].sort(),
    );

    const xml = await open311('GET', `requests/${id}.xml`);
    const root = readXml(xml.body);
    expect(root.name).toBe('service_requests');
    expect(root.children.map((c) => c.name)).toEqual(['request']);
    expect(childText(root.children[0]!, 'service_request_id')).toBe(id);
    expect(childText(root.children[0]!, 'description')).toBe('人行道井盖缺失 <危险> & 无警示');
    expect(childText(root.children[0]!, 'status')).toBe('open');

    // The token leads to the id as well.
    const token = await open311('GET', `tokens/${answer.token}.json`);
    expect(token.json()).toEqual([{ service_request_id: id, token: answer.token }]);
    expect(
      childText(
        readXml((await open311('GET', `tokens/${answer.token}.xml`)).body).children[0]!,
        'service_request_id',
      ),
    ).toBe(id);
    expect((await open311('GET', 'tokens/00000000-0000-4000-8000-000000000000.json')).statusCode).toBe(404);

    // Once replied, the reply is the status notes; once closed, the request is closed.
    await t.act(id, t.as.cgj!, { action: 'accept' });
    await t.act(id, t.as.cgj!, { action: 'reply', reply: '已补装井盖' });
    expect((await open311('GET', `requests/${id}.json`)).json()[0]).toMatchObject({
      status: 'open',
      status_notes: '已补装井盖',
    });
    await t.act(id, t.as.operator!, { action: 'review', approve: true });
    await t.act(id, t.as.operator!, { action: 'callback', satisfaction: 'satisfied' });
    expect((await open311('GET', `requests/${id}.json`)).json()[0]).toMatchObject({ status: 'closed' });
  });

  it('takes JSON too, and finds requests by the spec filters', async () => {
    const posted = await open311('POST', 'requests.json', {
      api_key: apiKey,
      service_code: 'env.noise',
      address_string: '金星北路一段工地',
      description: '夜间施工噪声',
      ...contact,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const noise: string = posted.json()[0].service_request_id;
    const road = (
      await post({
        api_key: apiKey,
        service_code: 'city.road',
        lat: '28.35',
        long: '112.82',
        description: '路面塌陷',
      })
    ).json()[0].service_request_id as string;
    // A call to the 12345 line is not public.
    const hotline = await t.receive({
      content: '邻居装修噪声',
      categoryCode: 'env.noise',
      reporterPhone: '13900001111',
    });

    const ids = (res: { json: () => { service_request_id: string }[] }) =>
      res.json().map((r) => r.service_request_id);
    const all = await open311('GET', 'requests.json');
    expect(ids(all)).toEqual(expect.arrayContaining([noise, road]));
    expect(ids(all)).not.toContain(hotline.number);
    expect((await open311('GET', `requests/${hotline.number}.json`)).statusCode).toBe(404);
    expect(ids(await open311('GET', 'requests.json?service_code=env.noise'))).toEqual([noise]);
    expect(ids(await open311('GET', 'requests.json?service_code=env.noise,city.road')).sort()).toEqual(
      [noise, road].sort(),
    );
    expect(
      ids(
        await open311('GET', `requests.json?service_request_id=${noise},${road}&service_code=city.manhole`),
      ).sort(),
    ).toEqual([noise, road].sort());
    expect(ids(await open311('GET', 'requests.json?status=closed'))).not.toContain(noise);
    expect(ids(await open311('GET', 'requests.json?status=open'))).toContain(noise);
    expect(ids(await open311('GET', 'requests.json?end_date=2020-01-01T00:00:00%2B08:00'))).toEqual([]);
    expect(ids(await open311('GET', 'requests.json?start_date=2020-01-01T00:00:00Z'))).toContain(noise);
    const bad = await open311('GET', 'requests.json?start_date=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('start_date') });
    const list = readXml((await open311('GET', 'requests.xml?service_code=env.noise')).body);
    expect(list.name).toBe('service_requests');
    expect(list.children.map((c) => childText(c, 'service_request_id'))).toEqual([noise]);
  });

  it('takes many posts at once (written in batches): each its own case, number and audit entry', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post({
          api_key: apiKey,
          service_code: i % 2 ? 'city.garbage' : 'water.flood',
          lat: '28.34',
          long: '112.81',
          description: `并发提交 ${i}`,
          ...contact,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const ids = answers.map((a) => a.json()[0].service_request_id as string);
    expect(new Set(ids).size).toBe(40);
    const listed = (await open311('GET', `requests.json?service_request_id=${ids.join(',')}`)).json();
    expect(listed).toHaveLength(40);
    expect(listed.every((r: { agency_responsible: string | null }) => r.agency_responsible)).toBe(true);
    for (const id of ids.slice(0, 5)) expect(await t.audited('events.case_receive', id)).toHaveLength(1);
    // Entries appended a batch at a time still make one unbroken chain.
    expect(await t.p.modules.audit.service.verify()).toMatchObject({ ok: true, brokenAt: null });
  });

  it('refuses without a valid key (403), an unknown service or no location (400), in the spec shape', async () => {
    const fields = { service_code: 'city.road', lat: '28.35', long: '112.82', description: '路面坑洼' };
    const none = await post(fields);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect((await post({ ...fields, api_key: 'o311_not-a-key' })).statusCode).toBe(403);
    const xml = await open311('POST', 'requests.xml', new URLSearchParams(fields).toString());
    expect(xml.statusCode).toBe(403);
    const errors = readXml(xml.body);
    expect(errors.name).toBe('errors');
    expect(errors.children[0]!.name).toBe('error');
    expect(childText(errors.children[0]!, 'code')).toBe('403');

    const unknown = await post({ ...fields, api_key: apiKey, service_code: 'city.unicorn' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()[0].description).toContain('service_code');
    const missing = await post({ ...fields, api_key: apiKey, service_code: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toContain('service_code');
    const nowhere = await post({ api_key: apiKey, service_code: 'city.road', description: '路面坑洼' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json()[0].description).toContain('address_string');
    const half = await post({ api_key: apiKey, service_code: 'city.road', lat: '28.3' });
    expect(half.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('long') });
    const badLat = await post({ api_key: apiKey, service_code: 'city.road', lat: 'north', long: '112.8' });
    expect(badLat.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('lat') });
    const badPhone = await post({ ...fields, api_key: apiKey, phone: 'call me' });
    expect(badPhone.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('phone') });
    expect((await open311('GET', 'requests/209901010001.json')).json()).toEqual([
      { code: 404, description: expect.stringContaining('209901010001') },
    ]);
    expect((await open311('GET', 'nothing.json')).statusCode).toBe(404);

    // A revoked key is refused from then on; revoking twice is a conflict; only the center revokes.
    expect((await t.call('POST', `/api/events/keys/${keyId}/revoke`, t.as.operator!)).statusCode).toBe(403);
    const revoked = await t.call('POST', `/api/events/keys/${keyId}/revoke`, t.as.admin!);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toMatch(/\+08:00$/);
    expect((await t.call('POST', `/api/events/keys/${keyId}/revoke`, t.as.admin!)).statusCode).toBe(409);
    expect((await t.call('POST', '/api/events/keys/9999/revoke', t.as.admin!)).statusCode).toBe(404);
    const after = await post({ ...fields, api_key: apiKey });
    expect(after.statusCode).toBe(403);
    expect(after.json()[0].code).toBe(403);
    const { items } = await t.p.modules.audit.service.list(
      { actor: null, ip: null, requestId: null },
      {
        action: 'events.key_revoke',
        targetType: 'api_key',
        targetId: String(keyId),
        page: 1,
        pageSize: 10,
        sort: 'newest',
      },
    );
    expect(items).toHaveLength(1);
  });

  it("never shows a reporter's contact in any Open311 answer", () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  });
});
