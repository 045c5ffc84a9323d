// The test kit's platform is what the citizen and forms tests stand on: its registries hold the residents and the
// company it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenPlatform, company, residents } from './citizen-test-kit.ts';

describe('the citizen test platform', () => {
  let platform: Awaited<ReturnType<typeof citizenPlatform>>;
  beforeAll(async () => {
    platform = await citizenPlatform('pglite');
  });
  afterAll(() => platform?.p.close());

  it('has the residents and the company in the registries, and the residents signed in', async () => {
    const { p, call, as } = platform;
    const zhang = await p.modules.registry.service.get('population', residents.zhang.idNumber);
    expect(zhang.values).toMatchObject({
      name: '张三',
      phone: residents.zhang.phone,
      address: residents.zhang.address,
    });
    const firm = await p.modules.registry.service.get('legal_person', company.creditCode);
    expect(firm.values).toMatchObject({ name: company.name, legal_rep_id_number: residents.zhang.idNumber });
    const me = await call('GET', '/api/auth/me', as.zhang!);
    expect(me.json()).toMatchObject({ displayName: '张三', roles: ['citizen'] });
  });
});
