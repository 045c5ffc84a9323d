// What a page costs to load before it runs, as the server sends it: the page's HTML fetched with
// `accept-encoding: br, gzip`, and every script, module preload and stylesheet it names fetched the same way, each
// counted in the bytes that came over the wire (compressed), not as they are once unpacked.
import http from 'node:http';
import zlib from 'node:zlib';

export type LoadedFile = {
  url: string;
  kind: 'html' | 'script' | 'modulepreload' | 'stylesheet';
  /** Bytes of the body as sent. */
  bytes: number;
  /** Bytes once decompressed. */
  raw: number;
  encoding: string;
};

/** A GET whose body is kept as sent: Node's fetch would decompress it and hide its size. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        })
        .on('error', reject);
    },
  );
}

function decode(body: Buffer, encoding: string) {
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  return body;
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find(Boolean);

/** The files an HTML page makes the browser load before it runs: its scripts, module preloads, stylesheets. */
export function filesOfPage(html: string): { url: string; kind: LoadedFile['kind'] }[] {
  const files: { url: string; kind: LoadedFile['kind'] }[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src) files.push({ url: src, kind: 'script' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const href = attribute(tag, 'href');
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) files.push({ url: href, kind: rel });
  }
  return files;
}

/** The page at `path` and the files it names, each fetched as a browser asking for br or gzip would be sent it. */
export async function firstLoadOf(base: string, path: string): Promise<LoadedFile[]> {
  const headers = { 'accept-encoding': 'br, gzip' };
  const get = async (url: string, kind: LoadedFile['kind']): Promise<LoadedFile & { text: string }> => {
    const res = await rawGet(new URL(url, base).href, headers);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    const encoding = String(res.headers['content-encoding'] ?? 'identity');
    const plain = decode(res.body, encoding);
    return { url, kind, bytes: res.body.length, raw: plain.length, encoding, text: plain.toString() };
  };
  const page = await get(path, 'html');
  const files = await Promise.all(filesOfPage(page.text).map((f) => get(f.url, f.kind)));
  return [page, ...files].map(({ text: _text, ...file }) => file);
}
