// 随手拍 from the resident's side: photos, suggestions, a report that becomes a dispatched case, following it to
// the department's reply and rating it; and what nobody else may do with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { citizenPlatform, residents } from '../citizen-test-kit.ts';

// A JPEG's first bytes and some filler: the server knows an image by its bytes, not by a decoder.
const jpeg = (fill: number, size = 64) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size, fill)]);
// 高塘岭街道 (inside the district) and a point in Beijing (outside).
const inside = { lng: 112.82, lat: 28.36 };
const beijing = { lng: 116.4, lat: 39.9 };
const manhole = '郭亮中路人行道上的井盖缺了一块，晚上很危险，差点有人掉进去';

describe.each(databaseKinds)('随手拍 reports (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof citizenPlatform>>;
  beforeAll(async () => {
    t = await citizenPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const upload = (who: { cookie: string } | null, body: Buffer, type = 'image/jpeg', lang = 'zh-CN') =>
    t.p.app.inject({
      method: 'POST',
      url: '/api/citizen/photos',
      headers: { 'content-type': type, 'accept-language': lang, ...(who ?? {}) },
      payload: body,
    });
  /** Uploads a photo as `who`; returns its name. */
  async function photo(who: { cookie: string }, fill: number) {
    const res = await upload(who, jpeg(fill));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().name as string;
  }
  /** Reports as `who`; returns the answer. */
  async function report(who: { cookie: string }, body: Record<string, unknown>, status = 201) {
    const res = await t.call('POST', '/api/citizen/reports', who, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  }
  const desk = (number: string, who: { cookie: string }, body: Record<string, unknown>) =>
    t.call('POST', `/api/events/cases/${number}/actions`, who, body).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    });
  const mine = (number: string, who = t.as.zhang!) =>
    t.call('GET', `/api/citizen/reports/${number}`, who).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    });

  it('takes a resident’s photo and shows it to them alone', async () => {
    const res = await upload(t.as.zhang!, jpeg(1), 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: expect.stringMatching(/^[0-9a-f]{64}\.jpg$/),
      contentType: 'image/jpeg',
    });
    const name = res.json().name;
    const read = await t.call('GET', `/api/citizen/photos/${name}`, t.as.zhang!);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(read.rawPayload.equals(jpeg(1))).toBe(true);
    // Another resident, staff, nobody.
    expect((await t.call('GET', `/api/citizen/photos/${name}`, t.as.li!)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/citizen/photos/${name}`, t.as.operator!)).statusCode).toBe(403);
    expect((await t.call('GET', `/api/citizen/photos/${name}`, null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/citizen/photos/..%2F..%2Faudit.key', t.as.zhang!)).statusCode).toBe(
      400,
    );
    expect((await upload(null, jpeg(2))).statusCode).toBe(401);
    expect((await upload(t.as.cgj!, jpeg(2))).statusCode).toBe(403);
  });

  it('refuses what is not a photo, and a photo over 5 MB, saying why', async () => {
    const svg = await upload(t.as.zhang!, Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(svg.statusCode).toBe(400);
    expect(svg.json()).toMatchObject({ code: 'photo_not_image', detail: expect.stringContaining('JPEG') });
    expect((await upload(t.as.zhang!, Buffer.alloc(0))).json().code).toBe('photo_empty');
    const big = await upload(t.as.zhang!, jpeg(3, 5 * 1024 * 1024));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'photo_too_large', detail: expect.stringContaining('5 MB') });
    const en = await upload(t.as.zhang!, jpeg(3, 5 * 1024 * 1024), 'image/jpeg', 'en');
    expect(en.json().detail).toContain('at most 5 MB');
  });

  it('suggests categories as the resident types, and says where a point is', async () => {
    const q = new URLSearchParams({ text: manhole, lng: String(inside.lng), lat: String(inside.lat) });
    const res = await t.call('GET', `/api/citizen/report-suggestions?${q}`, t.as.zhang!);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.categories).toHaveLength(3);
    expect(s.categories[0]).toEqual({
      code: 'city.manhole',
      name: '井盖缺失或破损',
      departmentName: '城管局',
    });
    expect(s.place).toMatchObject({
      ...inside,
      inDistrict: true,
      subdistrictName: expect.stringContaining('高塘岭'),
    });
    const far = await t.call(
      'GET',
      `/api/citizen/report-suggestions?lng=${beijing.lng}&lat=${beijing.lat}`,
      t.as.li!,
    );
    expect(far.json()).toEqual({
      categories: [],
      place: { ...beijing, inDistrict: false, subdistrictName: null, communityName: null },
    });
    expect((await t.call('GET', '/api/citizen/report-suggestions?text=abc', null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/citizen/report-suggestions?text=abc', t.as.operator!)).statusCode).toBe(
      403,
    );
  });

  it('turns a report into a dispatched case that the console shows with the reporter masked', async () => {
    const name = await photo(t.as.zhang!, 10);
    const r = await report(t.as.zhang!, { content: manhole, photos: [name], ...inside });
    expect(r).toMatchObject({
      stage: 'dispatched',
      categoryName: '井盖缺失或破损',
      departmentName: '城管局',
      content: manhole,
      subdistrictName: expect.stringContaining('高塘岭'),
      photos: [name],
      canRate: false,
      reply: null,
      ...inside,
    });
    expect(r.steps.map((s: { kind: string }) => s.kind)).toEqual(['received', 'dispatched']);
    expect(r.steps[1].departmentName).toBe('城管局');
    // The desk and the department see a case of the app channel; the reporter masked, the registry's phone.
    const c = (await t.call('GET', `/api/events/cases/${r.number}`, t.as.cgj!)).json();
    expect(c).toMatchObject({
      channel: 'app',
      status: 'dispatched',
      categoryCode: 'city.manhole',
      departmentId: t.ids.CGJ,
      reporterName: '张*',
      reporterPhone: '138****8000',
      mediaUrls: [`/api/events/media/${name}`],
    });
    expect(c.steps[0]).toMatchObject({ action: 'receive', actorName: '张*', detail: { channel: 'app' } });
    const contact = (await t.call('GET', `/api/events/cases/${r.number}/contact`, t.as.operator!)).json();
    expect(contact).toMatchObject({ reporterName: '张三', reporterPhone: residents.zhang.phone });
    // The department's staff read the photo through the events module.
    expect((await t.call('GET', `/api/events/media/${name}`, t.as.cgj!)).statusCode).toBe(200);
    // A phone given with the report is the one the desk calls.
    const other = await report(t.as.zhang!, {
      content: '月亮岛路口的路灯坏了好几天了，晚上一片漆黑',
      address: '望城区月亮岛街道银星路8号',
      contactPhone: '13812345678',
    });
    const desk2 = (await t.call('GET', `/api/events/cases/${other.number}/contact`, t.as.operator!)).json();
    expect(desk2.reporterPhone).toBe('13812345678');
  });

  it('refuses a report without a place, outside the district, too short, or with another’s photo', async () => {
    const zhangs = await photo(t.as.zhang!, 20);
    const noPlace = await report(t.as.li!, { content: manhole }, 400);
    expect(noPlace.code).toBe('place_required');
    const far = await report(t.as.li!, { content: manhole, ...beijing }, 400);
    expect(far).toMatchObject({ code: 'outside_district', errors: [{ field: 'lng' }] });
    const short = await report(t.as.li!, { content: '井盖坏了', ...inside }, 400);
    expect(short.errors[0].field).toBe('content');
    const stolen = await report(t.as.li!, { content: manhole, photos: [zhangs], ...inside }, 400);
    expect(stolen).toMatchObject({ code: 'photo_unknown', errors: [{ field: 'photos.0' }] });
    const tooMany = await report(
      t.as.li!,
      { content: manhole, photos: Array(7).fill(zhangs), ...inside },
      400,
    );
    expect(tooMany.errors[0].field).toBe('photos');
    expect(
      (await t.call('POST', '/api/citizen/reports', null, { content: manhole, ...inside })).statusCode,
    ).toBe(401);
    expect(
      (await t.call('POST', '/api/citizen/reports', t.as.operator!, { content: manhole, ...inside }))
        .statusCode,
    ).toBe(403);
  });

  it('lists my reports only, newest first, by stage and page; another resident’s report is not there', async () => {
    const a = await report(t.as.li!, {
      content: '银星路上有人占道摆摊卖水果，行人只能走机动车道',
      ...inside,
    });
    const b = await report(t.as.li!, { content: '小区门口垃圾堆了三天没有人清运，味道很大', ...inside });
    const list = (await t.call('GET', '/api/citizen/reports?pageSize=1', t.as.li!)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { number: string }) => i.number)).toEqual([b.number]);
    const second = (await t.call('GET', '/api/citizen/reports?pageSize=1&page=2', t.as.li!)).json();
    expect(second.items[0].number).toBe(a.number);
    expect((await t.call('GET', '/api/citizen/reports?status=closed', t.as.li!)).json()).toEqual({
      items: [],
      total: 0,
    });
    expect((await t.call('GET', '/api/citizen/reports?status=dispatched', t.as.li!)).json().total).toBe(2);
    const zhangs = (await t.call('GET', '/api/citizen/reports', t.as.zhang!)).json();
    expect(zhangs.items.some((i: { number: string }) => i.number === a.number)).toBe(false);
    // Another resident's report, staff, nobody.
    expect((await t.call('GET', `/api/citizen/reports/${a.number}`, t.as.zhang!)).statusCode).toBe(404);
    const rate = await t.call('POST', `/api/citizen/reports/${a.number}/rating`, t.as.zhang!, {
      satisfaction: 'unsatisfied',
    });
    expect(rate.statusCode).toBe(404);
    expect((await t.call('GET', '/api/citizen/reports', t.as.operator!)).statusCode).toBe(403);
    expect((await t.call('GET', `/api/citizen/reports/${a.number}`, t.as.steward!)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/citizen/reports', null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/citizen/reports/20990101000001', t.as.li!)).statusCode).toBe(404);
  });

  it('follows a report to the reply; a rating before the review becomes the callback when the desk approves', async () => {
    const r = await report(t.as.zhang!, {
      content: '郭亮中路88号门前的路面塌了一个大坑，电动车经过很危险',
      ...inside,
    });
    const early = await t.call('POST', `/api/citizen/reports/${r.number}/rating`, t.as.zhang!, {
      satisfaction: 'satisfied',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('not_rateable');
    await desk(r.number, t.as.cgj!, { action: 'accept' });
    await desk(r.number, t.as.cgj!, { action: 'start', note: '内部备注：安排二中队' });
    expect((await mine(r.number)).stage).toBe('handling');
    await desk(r.number, t.as.cgj!, { action: 'reply', reply: '已安排施工队于今日完成坑槽修补。' });
    const replied = await mine(r.number);
    expect(replied).toMatchObject({
      stage: 'replied',
      reply: '已安排施工队于今日完成坑槽修补。',
      canRate: true,
    });
    expect(replied.steps.map((s: { kind: string }) => s.kind)).toEqual([
      'received',
      'dispatched',
      'accepted',
      'handling',
      'replied',
    ]);
    expect(replied.steps.at(-1)).toMatchObject({
      departmentName: '城管局',
      text: '已安排施工队于今日完成坑槽修补。',
    });
    // No staff names and no internal notes reach the resident.
    const body = JSON.stringify(replied);
    expect(body).not.toContain('内部备注');
    expect(body).not.toContain('"cgj"');
    expect(body).not.toContain('actorName');
    const listed = (await t.call('GET', '/api/citizen/reports', t.as.zhang!)).json();
    expect(listed.items.find((i: { number: string }) => i.number === r.number)).toMatchObject({
      canRate: true,
    });

    const rated = await t.call('POST', `/api/citizen/reports/${r.number}/rating`, t.as.zhang!, {
      satisfaction: 'satisfied',
      comment: '修得很快，谢谢',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ stage: 'replied', canRate: false, satisfaction: 'satisfied' });
    expect(rated.json().steps.at(-1)).toMatchObject({
      kind: 'rated',
      satisfaction: 'satisfied',
      text: '修得很快，谢谢',
    });
    const again = await t.call('POST', `/api/citizen/reports/${r.number}/rating`, t.as.zhang!, {
      satisfaction: 'unsatisfied',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_rated');
    // The desk approves the reply: the resident's rating is the callback, and the case closes.
    const c = await desk(r.number, t.as.operator!, { action: 'review', approve: true });
    expect(c).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect(c.steps.at(-3)).toMatchObject({ action: 'rating', actorName: '张*', note: '修得很快，谢谢' });
    expect(c.steps.at(-2)).toMatchObject({ action: 'review', actorName: 'operator' });
    expect(c.steps.at(-1)).toMatchObject({
      action: 'callback',
      detail: { fromRating: true, satisfaction: 'satisfied' },
    });
    const closed = await mine(r.number);
    expect(closed).toMatchObject({ stage: 'closed', canRate: false, satisfaction: 'satisfied' });
    expect(closed.steps.map((s: { kind: string }) => s.kind).slice(-3)).toEqual([
      'replied',
      'rated',
      'closed',
    ]);
    const audit = (await t.call('GET', `/api/audit?targetId=${r.number}&pageSize=50`, t.as.admin!)).json();
    const actions = audit.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['events.case_rating', 'citizen.report_read', 'events.case_callback']),
    );
  });

  it('an unsatisfied rating of a reviewed reply sends it back; a rejected reply never shows; the desk’s callback still works', async () => {
    const r = await report(t.as.zhang!, {
      content: '郭亮中路的路灯一到晚上就一闪一闪的，已经一个星期了',
      ...inside,
    });
    await desk(r.number, t.as.cgj!, { action: 'accept' });
    await desk(r.number, t.as.cgj!, { action: 'reply', reply: '草稿答复' });
    await desk(r.number, t.as.operator!, { action: 'review', approve: false, reason: '答复不具体' });
    const sentBack = await mine(r.number);
    expect(sentBack).toMatchObject({ stage: 'handling', reply: null, canRate: false });
    expect(sentBack.steps.map((s: { kind: string }) => s.kind)).not.toContain('replied');
    await desk(r.number, t.as.cgj!, { action: 'reply', reply: '已更换路灯镇流器。' });
    await desk(r.number, t.as.operator!, { action: 'review', approve: true });
    expect((await mine(r.number)).canRate).toBe(true);
    const rated = await t.call('POST', `/api/citizen/reports/${r.number}/rating`, t.as.zhang!, {
      satisfaction: 'unsatisfied',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ stage: 'dispatched', canRate: false });
    expect(
      rated
        .json()
        .steps.map((s: { kind: string }) => s.kind)
        .slice(-3),
    ).toEqual(['replied', 'rated', 'reopened']);
    const c = (await t.call('GET', `/api/events/cases/${r.number}`, t.as.operator!)).json();
    expect(c).toMatchObject({ status: 'dispatched', reopenCount: 1, satisfaction: 'unsatisfied' });
    expect(c.steps.at(-1)).toMatchObject({
      action: 'callback',
      actorName: '张*',
      detail: { byReporter: true, reopened: true },
    });
    // Handled again and answered: the new reply may be rated once more; this time the desk calls back by phone.
    await desk(r.number, t.as.cgj!, { action: 'accept' });
    await desk(r.number, t.as.cgj!, { action: 'reply', reply: '已整体更换灯具。' });
    await desk(r.number, t.as.operator!, { action: 'review', approve: true });
    expect((await mine(r.number)).canRate).toBe(true);
    const called = await desk(r.number, t.as.operator!, {
      action: 'callback',
      satisfaction: 'basically_satisfied',
      note: '电话回访',
    });
    expect(called.status).toBe('closed');
    // The resident's rating of a closed case is kept on its history; the desk's callback stands.
    const late = await t.call('POST', `/api/citizen/reports/${r.number}/rating`, t.as.zhang!, {
      satisfaction: 'satisfied',
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ stage: 'closed', canRate: false, satisfaction: 'satisfied' });
    expect(JSON.stringify(late.json())).not.toContain('电话回访');
    const after = (await t.call('GET', `/api/events/cases/${r.number}`, t.as.operator!)).json();
    expect(after).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied' });
    expect(after.steps.at(-1)).toMatchObject({
      action: 'rating',
      detail: { byReporter: true, satisfaction: 'satisfied' },
    });
  });
});
