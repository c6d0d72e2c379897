/**
 * The sandbox page and options without a server: escaping, option validation and the
 * default examples. The router over HTTP is tests/sandbox/sandbox.router.test.ts.
 */
import { parse } from 'graphql';
import { defaultExamples, useLocalSandbox } from '../../../gateway/sandbox';
import { jsonForScriptElement } from '../../../gateway/html-page';
import { renderSandboxPage } from '../../../gateway/sandbox/page';

describe('sandbox page rendering', () => {
  it('escapes the title and keeps embedded JSON from closing its script element', () => {
    const nasty = '</script><script>alert(1)</script><!--';
    const page = renderSandboxPage({
      title: `<b>"x" & 'y'</b>`,
      endpoint: '/graphql',
      assetBase: '/sandbox/assets/abc/',
      config: { endpoint: '/graphql', examples: [{ name: 'X', query: `# ${nasty}\nquery X { a }` }] },
    });
    expect(page).toContain('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    expect(page).not.toContain('<b>');
    expect(page.match(/<script/g)).toHaveLength(5); // config block + 4 scripts, nothing injected
    expect(JSON.parse(jsonForScriptElement({ q: nasty, s: '\u2028' }))).toEqual({ q: nasty, s: '\u2028' });
    expect(jsonForScriptElement(nasty)).not.toMatch(/[<>&]/);
  });
});

describe('useLocalSandbox options', () => {
  const bad: Array<[string, Parameters<typeof useLocalSandbox>[0]]> = [
    ['protocol-relative endpoint', { endpoint: '//evil.example/graphql' }],
    ['absolute URL endpoint', { endpoint: 'https://evil.example/graphql' }],
    ['relative endpoint', { endpoint: 'graphql' }],
    ['empty title', { title: '  ' }],
    ['unparsable example', { examples: [{ name: 'A', description: 'a', query: 'query A {' }] }],
    ['misnamed example', { examples: [{ name: 'A', description: 'a', query: 'query B { a }' }] }],
    ['anonymous example', { examples: [{ name: 'A', description: 'a', query: '{ a }' }] }],
    [
      'duplicate names',
      {
        examples: [
          { name: 'A', description: 'a', query: 'query A { a }' },
          { name: 'A', description: 'a', query: 'query A { b }' },
        ],
      },
    ],
    ['array variables', { examples: [{ name: 'A', description: 'a', query: 'query A { a }', variables: [] as unknown as Record<string, unknown> }] }],
  ];
  it.each(bad)('rejects %s', (_label, options) => {
    expect(() => useLocalSandbox(options)).toThrow(TypeError);
  });

  it('accepts a same-origin endpoint, a title and examples with variables', () => {
    expect(() =>
      useLocalSandbox({
        endpoint: '/graphql',
        title: 'Test',
        examples: [{ name: 'A', description: 'a', query: 'query A($id: ID!) { a(id: $id) }', variables: { id: '1' } }],
      }),
    ).not.toThrow();
  });
});

describe('defaultExamples', () => {
  it.each(defaultExamples.map((e) => [e.name, e] as const))('%s is a named operation led by its description', (name, example) => {
    const [firstLine] = example.query.split('\n');
    expect(firstLine).toBe(`# ${example.description}`);
    const operations = parse(example.query).definitions;
    expect(operations).toHaveLength(1);
    // Reads, and the one write that shows how a region writes.
    const operation = name.startsWith('Write') ? 'mutation' : 'query';
    expect(operations[0]).toMatchObject({ kind: 'OperationDefinition', operation, name: { value: name } });
  });
});
