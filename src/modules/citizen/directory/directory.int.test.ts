// The services directory and the notices: anyone reads the active services and the published notices; the
// center's staff keep both, every change audited, bad input refused field by field; the demo seed runs twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { queryRows } from '../../../core/db.ts';
import { citizenPlatform } from '../citizen-test-kit.ts';
import { seedCitizenDirectory } from '../index.ts';

const service = (name: string, more: Record<string, unknown> = {}) => ({
  name,
  category: '户籍办理',
  summary: `${name}的办理说明`,
  place: '望城区政务服务中心一楼 A 区',
  hours: '周一至周五 9:00–17:30',
  phone: '0731-88081101',
  materials: ['居民身份证原件'],
  ...more,
});

describe.each(databaseKinds)('the services directory and notices on %s', (kind) => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);

  const audits = (action: string) =>
    queryRows<{ actor_name: string; target_id: string; detail: Record<string, unknown> }>(
      platform.p.database.db,
      sql`select actor_name, target_id, detail from audit.entries where action = ${action} order by id`,
    );
  const create = async (body: object) => {
    const res = await platform.call('POST', '/api/citizen/admin/services', platform.as.steward!, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    platform = await citizenPlatform(kind, now);
  });
  afterAll(() => platform?.p.close());

  it('lets the center add services that anyone finds by words and category, with counts and pages', async () => {
    const { call, as, ids } = platform;
    expect((await call('GET', '/api/citizen/services', null)).json()).toEqual({
      items: [],
      total: 0,
      categories: [],
    });
    const birth = await create(
      service('新生儿落户', { departmentId: ids.GAFJ, formCode: 'xsr-lhyb', online: true, sortOrder: 1 }),
    );
    expect(birth).toMatchObject({
      name: '新生儿落户',
      departmentName: '公安分局',
      formCode: 'xsr-lhyb',
      online: true,
      active: true,
    });
    await create(service('身份证换领', { sortOrder: 2 }));
    await create(service('医保参保登记', { category: '医疗保障', summary: '城乡居民医保', sortOrder: 3 }));
    await create(service('停用的事项', { active: false }));

    // Anyone, signed in or not, reads the active ones.
    const all = await call('GET', '/api/citizen/services', null);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(3);
    expect(all.json().items.map((s: { name: string }) => s.name)).toEqual([
      '新生儿落户',
      '身份证换领',
      '医保参保登记',
    ]);
    expect(all.json().categories).toEqual([
      { category: '户籍办理', count: 2 },
      { category: '医疗保障', count: 1 },
    ]);
    const byWord = (
      await call('GET', `/api/citizen/services?q=${encodeURIComponent('医保')}`, as.zhang!)
    ).json();
    expect(byWord.items.map((s: { name: string }) => s.name)).toEqual(['医保参保登记']);
    expect(byWord.categories).toEqual([{ category: '医疗保障', count: 1 }]);
    const inCategory = (
      await call(
        'GET',
        `/api/citizen/services?category=${encodeURIComponent('户籍办理')}&pageSize=1&page=2`,
        null,
      )
    ).json();
    expect(inCategory).toMatchObject({ total: 2, items: [{ name: '身份证换领' }] });
    // The categories still count the whole search, so the chips stay as they were.
    expect(inCategory.categories).toHaveLength(2);
    // A search for % matches a literal %, not everything.
    expect((await call('GET', '/api/citizen/services?q=%25', null)).json().total).toBe(0);

    const one = await call('GET', `/api/citizen/services/${birth.id}`, null);
    expect(one.json()).toMatchObject({
      name: '新生儿落户',
      materials: ['居民身份证原件'],
      phone: '0731-88081101',
    });
    // An inactive service is not in the directory; the console sees it.
    const hidden = (await call('GET', '/api/citizen/admin/services?state=inactive', as.steward!)).json();
    expect(hidden.items.map((s: { name: string }) => s.name)).toEqual(['停用的事项']);
    expect((await call('GET', `/api/citizen/services/${hidden.items[0].id}`, null)).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/citizen/admin/services/${hidden.items[0].id}`, as.admin!)).statusCode,
    ).toBe(200);
    expect((await call('GET', '/api/citizen/services/999999', null)).statusCode).toBe(404);

    const created = await audits('citizen.service_create');
    expect(created).toHaveLength(4);
    expect(created[0]).toMatchObject({ actor_name: 'steward', detail: { name: '新生儿落户' } });
  });

  it('refuses bad services naming the field, and a name already used', async () => {
    const { call, as, ids } = platform;
    const post = (body: object) => call('POST', '/api/citizen/admin/services', as.steward!, body);
    const fieldsOf = async (body: object) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors.map((e: { field: string; reason: string }) => [e.field, e.reason]);
    };
    expect(await fieldsOf({ category: '户籍办理' })).toEqual([['name', 'required']]);
    expect(await fieldsOf(service('  '))).toEqual([['name', 'required']]);
    expect(await fieldsOf(service('x', { phone: '请拨打客服' }))).toEqual([['phone', 'invalid_format']]);
    expect(await fieldsOf(service('x', { formCode: 'Bad Code' }))).toEqual([['formCode', 'invalid_format']]);
    expect(await fieldsOf(service('x', { materials: ['身份证', ''] }))).toEqual([
      ['materials.1', 'required'],
    ]);
    expect(await fieldsOf(service('x', { sortOrder: -1 }))).toEqual([['sortOrder', 'too_small']]);
    expect(await fieldsOf(service('x', { secret: 1 }))).toEqual([['secret', 'unknown_field']]);
    const unknownDepartment = await post(service('x', { departmentId: 999_999 }));
    expect(unknownDepartment.statusCode).toBe(400);
    expect(unknownDepartment.json().errors).toMatchObject([
      { field: 'departmentId', reason: 'unknown_department' },
    ]);
    expect(unknownDepartment.json().detail).toContain('999999');
    const twice = await post(service('身份证换领', { departmentId: ids.GAFJ }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'duplicate_service', errors: [{ field: 'name' }] });
    expect(twice.json().detail).toContain('身份证换领');
  });

  it('lets the center edit and delete a service, audited', async () => {
    const { call, as } = platform;
    const made = await create(service('临时事项'));
    const edited = await call(
      'PUT',
      `/api/citizen/admin/services/${made.id}`,
      as.admin!,
      service('临时事项', { hours: '全天 24 小时', materials: [] }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ hours: '全天 24 小时', materials: [] });
    expect((await audits('citizen.service_update')).at(-1)).toMatchObject({
      actor_name: 'admin',
      target_id: String(made.id),
      detail: { changed: ['hours', 'materials'] },
    });
    // Renaming onto another service's name is refused; onto its own is fine.
    const clash = await call(
      'PUT',
      `/api/citizen/admin/services/${made.id}`,
      as.admin!,
      service('身份证换领'),
    );
    expect(clash.statusCode).toBe(409);
    expect((await call('DELETE', `/api/citizen/admin/services/${made.id}`, as.steward!)).statusCode).toBe(
      204,
    );
    expect((await call('GET', `/api/citizen/services/${made.id}`, null)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/citizen/admin/services/${made.id}`, as.steward!)).statusCode).toBe(
      404,
    );
    expect(
      (await call('PUT', `/api/citizen/admin/services/${made.id}`, as.steward!, service('y'))).statusCode,
    ).toBe(404);
    expect((await audits('citizen.service_delete')).map((a) => a.target_id)).toEqual([String(made.id)]);
  });

  it('keeps the upkeep to the center: residents, departments and leaders are refused, strangers asked to sign in', async () => {
    const { call, as } = platform;
    const some = (await call('GET', '/api/citizen/services', null)).json().items[0];
    const writes: [method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, body?: object][] = [
      ['GET', '/api/citizen/admin/services'],
      ['POST', '/api/citizen/admin/services', service('越权')],
      ['PUT', `/api/citizen/admin/services/${some.id}`, service('越权')],
      ['DELETE', `/api/citizen/admin/services/${some.id}`],
      ['GET', '/api/citizen/admin/notices'],
      ['POST', '/api/citizen/admin/notices', { title: '越权', body: '越权' }],
      ['POST', '/api/citizen/admin/notices/1/publish'],
    ];
    for (const [method, url, body] of writes) {
      for (const who of ['zhang', 'cgj', 'leader', 'operator'])
        expect((await call(method, url, as[who]!, body)).statusCode, `${who} ${method} ${url}`).toBe(403);
      expect((await call(method, url, null, body)).statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    expect((await call('GET', `/api/citizen/services/${some.id}`, null)).json().name).toBe(some.name);
  });

  it('publishes notices to residents, pinned first, and takes them back', async () => {
    const { call, as } = platform;
    const write = async (title: string, pinned = false) => {
      const res = await call('POST', '/api/citizen/admin/notices', as.steward!, {
        title,
        body: `${title}。\n\n详情请咨询 0731-88081000。`,
        pinned,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const publish = (id: number) => call('POST', `/api/citizen/admin/notices/${id}/publish`, as.steward!);
    const first = await write('第一条公告');
    expect(first).toMatchObject({ state: 'draft', publishedAt: null });
    // A draft is the center's alone.
    expect((await call('GET', '/api/citizen/notices', null)).json()).toEqual({ items: [], total: 0 });
    expect((await call('GET', `/api/citizen/notices/${first.id}`, null)).statusCode).toBe(404);

    expect((await publish(first.id)).json()).toMatchObject({ state: 'published' });
    offset += 60_000;
    const pinned = await write('置顶公告', true);
    await publish(pinned.id);
    offset += 60_000;
    const latest = await write('最新公告');
    await publish(latest.id);
    const draft = await write('未发布的草稿');

    const list = (await call('GET', '/api/citizen/notices', null)).json();
    expect(list.total).toBe(3);
    expect(list.items.map((n: { title: string }) => n.title)).toEqual(['置顶公告', '最新公告', '第一条公告']);
    expect(list.items[0]).toMatchObject({ pinned: true, excerpt: '置顶公告。 详情请咨询 0731-88081000。' });
    expect(list.items[0].body).toBeUndefined();
    expect(
      (await call('GET', '/api/citizen/notices?pageSize=1&page=3', as.zhang!)).json().items,
    ).toMatchObject([{ title: '第一条公告' }]);
    const one = (await call('GET', `/api/citizen/notices/${latest.id}`, null)).json();
    expect(one.body).toContain('0731-88081000');

    const again = await publish(first.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('notice_published');
    const unpublished = await call('POST', `/api/citizen/admin/notices/${first.id}/unpublish`, as.admin!);
    expect(unpublished.json()).toMatchObject({ state: 'draft', publishedAt: null });
    expect((await call('GET', `/api/citizen/notices/${first.id}`, null)).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/citizen/admin/notices/${draft.id}/unpublish`, as.admin!)).json().code,
    ).toBe('notice_not_published');

    // The console lists drafts first, and edits keep a notice published.
    const admin = (await call('GET', '/api/citizen/admin/notices', as.steward!)).json();
    expect(admin.items.slice(0, 2).map((n: { state: string }) => n.state)).toEqual(['draft', 'draft']);
    expect(admin.total).toBe(4);
    const drafts = (await call('GET', '/api/citizen/admin/notices?state=draft', as.steward!)).json();
    expect(drafts.total).toBe(2);
    const edited = await call('PUT', `/api/citizen/admin/notices/${latest.id}`, as.steward!, {
      title: '最新公告（更正）',
      body: '更正后的内容',
      pinned: false,
    });
    expect(edited.json()).toMatchObject({ title: '最新公告（更正）', state: 'published' });
    const badEdit = await call('PUT', `/api/citizen/admin/notices/${latest.id}`, as.steward!, {
      title: '',
      body: 'x',
    });
    expect(badEdit.json().errors).toMatchObject([{ field: 'title', reason: 'required' }]);

    expect((await call('DELETE', `/api/citizen/admin/notices/${latest.id}`, as.steward!)).statusCode).toBe(
      204,
    );
    expect((await call('GET', `/api/citizen/notices/${latest.id}`, null)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/citizen/admin/notices/${latest.id}`, as.steward!)).statusCode).toBe(
      404,
    );

    for (const action of ['create', 'publish', 'unpublish', 'update', 'delete'])
      expect((await audits(`citizen.notice_${action}`)).length, action).toBeGreaterThan(0);
    expect((await audits('citizen.notice_delete'))[0]).toMatchObject({
      target_id: String(latest.id),
      detail: { title: '最新公告（更正）', wasPublished: true },
    });
  });

  it("seeds the demo's directory once, with the services the demo's forms do", async () => {
    const { call, p } = platform;
    const first = await seedCitizenDirectory(p.modules.citizen.directory, p.modules.org.service);
    expect(first.services).toBeGreaterThanOrEqual(30);
    expect(first.notices).toBe(5);
    const again = await seedCitizenDirectory(p.modules.citizen.directory, p.modules.org.service);
    expect(again).toEqual({ services: 0, notices: 0 });

    const all = (await call('GET', '/api/citizen/services?pageSize=50', null)).json();
    const codes = all.items.flatMap((s: { formCode: string | null }) => (s.formCode ? [s.formCode] : []));
    expect(codes.sort()).toEqual(['fgfc-jkdj', 'fhwry-dj', 'xsr-lhyb', 'xsr-lhyb']);
    expect(all.categories.length).toBeGreaterThanOrEqual(10);
    for (const s of all.items) expect(s.phone).toMatch(/^0731-88\d{6}$/);
    const notices = (await call('GET', '/api/citizen/notices', null)).json();
    expect(notices.total).toBe(6);
    // The seed's pinned notice among the pinned ones at the top; the others by date, the newest first.
    const pinned = notices.items
      .filter((n: { pinned: boolean }) => n.pinned)
      .map((n: { title: string }) => n.title);
    expect(pinned).toContain('望城区政务服务中心周六延时服务的通知');
    expect(notices.items.slice(0, pinned.length).every((n: { pinned: boolean }) => n.pinned)).toBe(true);
    const seeded = notices.items.filter((n: { title: string }) => n.title.includes('医保集中缴费'));
    expect(new Date(seeded[0].publishedAt).getTime()).toBeLessThan(Date.now() - 10 * 86_400_000);
  });
});
