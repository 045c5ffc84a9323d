import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { handleError } from './http-errors.ts';

/** An error whose problem document carries extension members, as a refused import's does. */
class WithExtensions extends InputError {
  override readonly extensions = { saved: false, status: 999 };
}

/** A server whose one route throws `error`, answering with the app's error handler. */
async function thrown(error: Error, lang?: string) {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.addHook('onRequest', async (request) => {
    (request as any).lang = lang;
  });
  app.get('/', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return res;
}

describe('problem documents', () => {
  it('names fields of an uploaded file by sheet and row, or by record', async () => {
    const res = await thrown(
      new InputError('invalid_input', 'bad file', [
        { sheet: '资源目录', row: 3, field: '共享条件', reason: 'required' },
        { row: 7, field: 'name', reason: 'required' },
        { dataset: 0, field: 'dct:title', reason: 'required' },
        { field: 'alias', reason: 'required' },
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.detail).toBe(
      '输入有误; “资源目录”第 3 行“共享条件”: 必填; 第 7 行“name”: 必填; dataset[0] 的 dct:title: 必填; alias: 必填',
    );
    expect(body.errors[0]).toEqual({
      sheet: '资源目录',
      row: 3,
      field: '共享条件',
      reason: 'required',
      message: '必填',
    });
    expect(body.errors[2]).toMatchObject({ dataset: 0, field: 'dct:title' });
  });

  it('lists the first five fields in the detail and every one in errors', async () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ row: i + 2, field: 'name', reason: 'required' }));
    const body = (await thrown(new InputError('invalid_input', 'bad file', fields), 'en')).json();
    expect(body.errors).toHaveLength(8);
    expect(body.detail).toBe(
      'The input is invalid; row 2, name: is required; row 3, name: is required; row 4, name: is required; ' +
        'row 5, name: is required; row 6, name: is required; 3 more',
    );
  });

  it('adds extension members without letting them replace the standard ones', async () => {
    const body = (await thrown(new WithExtensions('invalid_input', 'x'))).json();
    expect(body).toMatchObject({ saved: false, status: 400, code: 'invalid_input' });
  });
});
