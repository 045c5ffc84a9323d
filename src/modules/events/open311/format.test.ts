import { describe, expect, it } from 'vitest';
import { escapeXml, renderErrors, renderList, splitFormat, xmlDocument } from './format.ts';

describe('Open311 formats', () => {
  it('escapes markup and drops what XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001d\uD800`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
    expect(escapeXml('井盖 😀')).toBe('井盖 😀');
  });

  it('writes lists as a root with one element per item, empty elements for nulls', () => {
    expect(
      renderList('xml', 'services', 'service', [{ service_code: 'a&b', metadata: false, group: null }]),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a&amp;b</service_code><metadata>false</metadata><group></group></service></services>',
    );
    expect(renderList('json', 'services', 'service', [{ a: 1 }])).toBe('[{"a":1}]');
    expect(xmlDocument('service_definition', { service_code: 'x', attributes: [] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>x</service_code></service_definition>',
    );
  });

  it("writes errors in the spec's shape", () => {
    expect(JSON.parse(renderErrors('json', 403, ['no key']))).toEqual([{ code: 403, description: 'no key' }]);
    expect(renderErrors('xml', 400, ['lat <'])).toContain(
      '<errors><error><code>400</code><description>lat &lt;</description></error></errors>',
    );
  });

  it('reads the format from the ending', () => {
    expect(splitFormat('202612060001.xml')).toEqual({ base: '202612060001', format: 'xml' });
    expect(splitFormat('city.road.json')).toEqual({ base: 'city.road', format: 'json' });
    expect(splitFormat('x.html')).toBeUndefined();
  });
});
