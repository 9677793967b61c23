import { expect } from '@open-wc/testing';
import { decodeReferences } from '../../src/core/char-references.js';
import { decodeEntities, type HtmlSanitizer, loadSanitizer, type SanitizerEngine, textToFragment } from '../../src/core/sanitize.js';

const hasNative = typeof (Element.prototype as Element & { setHTML?: unknown }).setHTML === 'function';
const isChromium = navigator.userAgent.includes('Chrome/');

/** Engines this browser can run: DOMPurify everywhere, the native API where it exists. */
const engines: SanitizerEngine[] = hasNative ? ['native', 'dompurify'] : ['dompurify'];

/** Sanitizes into a detached div so the result can be inspected. */
function render(sanitizer: HtmlSanitizer, html: string): HTMLDivElement {
  const div = document.createElement('div');
  div.append(sanitizer.toFragment(html));
  return div;
}

const DANGEROUS = 'script, style, img, svg, math, iframe, object, embed, form, input, button, link, meta, base, template, noscript, textarea';

/** Fails if `root`, or its serialization parsed again, holds anything executable. */
function expectInert(root: Element, label: string): void {
  const reparsed = new DOMParser().parseFromString(`<body>${root.innerHTML}`, 'text/html').body;
  for (const tree of [root, reparsed]) {
    expect(tree.querySelector(DANGEROUS), `${label}: dangerous element in ${tree.innerHTML}`).to.equal(null);
    for (const element of tree.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith('on'), `${label}: handler ${attribute.name}`).to.equal(false);
        expect(['style', 'id', 'srcdoc', 'src', 'action', 'formaction', 'xlink:href'], `${label}: ${attribute.name}`).not.to.include(attribute.name);
      }
    }
    for (const anchor of tree.querySelectorAll('a')) {
      expect(anchor.getAttribute('href') ?? '', `${label}: href`).to.match(/^(https?:|mailto:)/);
    }
  }
}

describe('loadSanitizer', () => {
  it('picks the native Sanitizer API where the browser has it, DOMPurify elsewhere', async () => {
    const sanitizer = await loadSanitizer();
    expect(sanitizer.engine).to.equal(hasNative ? 'native' : 'dompurify');
    // Chromium 156 ships Element.setHTML: the native path must really be exercised there.
    if (isChromium) expect(sanitizer.engine).to.equal('native');
  });

  it('returns the same sanitizer to every caller', async () => {
    const [a, b] = await Promise.all([loadSanitizer(), loadSanitizer()]);
    expect(a).to.equal(b);
    expect(await loadSanitizer({ engine: 'dompurify' })).to.equal(await loadSanitizer({ engine: 'dompurify' }));
  });

  it('gives the native engine when forced where present, and rejects where absent', async () => {
    if (hasNative) {
      expect((await loadSanitizer({ engine: 'native' })).engine).to.equal('native');
      return;
    }
    let error: unknown;
    await loadSanitizer({ engine: 'native' }).catch((e) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.contain('Sanitizer API');
  });
});

for (const engine of engines) {
  describe(`HtmlSanitizer (${engine})`, () => {
    let sanitizer: HtmlSanitizer;
    before(async () => {
      sanitizer = await loadSanitizer({ engine });
      expect(sanitizer.engine).to.equal(engine);
    });

    // The expected output, or undefined where parsers legitimately differ (then only inertness counts).
    const hostile: [string, string, string | undefined][] = [
      ['script', '<script>alert(1)</script>hi', 'hi'],
      ['img onerror', '<img src=x onerror=alert(1)>hi', 'hi'],
      ['svg onload', '<svg onload=alert(1)><circle r="1"/></svg>ok', 'ok'],
      ['iframe', '<iframe src="https://evil.test/"></iframe>t', 't'],
      ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>t', 't'],
      ['style element', '<style>body{display:none}</style>t', 't'],
      ['form', '<form action="https://evil.test/"><input name="a"><button formaction="javascript:alert(1)">Go</button></form>t', 't'],
      ['object and embed', '<object data="x.swf"></object><embed src="x.swf">t', 't'],
      ['meta and base and link', '<meta http-equiv="refresh" content="0;url=https://evil.test/"><base href="https://evil.test/"><link rel="stylesheet" href="x.css">t', 't'],
      ['template', '<template><script>alert(1)</script></template>t', 't'],
      ['comment', '<!-- <script>alert(1)</script> -->t', 't'],
      ['handlers and style on kept elements', '<p style="color:red" onclick="alert(1)" onmouseover="x" class="c" id="i" title="t">t</p>', '<p>t</p>'],
      ['javascript: link', '<a href="javascript:alert(1)">x</a>', 'x'],
      ['data: link', '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', 'x'],
      ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', 'x'],
      ['tab-obfuscated javascript: link', '<a href="jav&#x09;ascript:alert(1)">x</a>', 'x'],
      ['newline-obfuscated javascript: link', '<a href="java&#10;script:alert(1)">x</a>', 'x'],
      ['upper-case spaced javascript: link', '<a href="  JAVASCRIPT:alert(1)">x</a>', 'x'],
      ['entity-encoded javascript: link', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', 'x'],
      ['relative link', '<a href="/settings">x</a>', 'x'],
      ['protocol-relative link', '<a href="//evil.test/">x</a>', 'x'],
      ['spoofed mention span', '<span class="mention" data-mention-id="admin">@Admin</span>', '<span>@Admin</span>'],
      ['hostile mention', '<mention id="u1" type="user" onclick="alert(1)"><img src=x onerror=alert(1)><b>@Ann</b></mention>', '<span class="mention" data-mention-id="u1" data-mention-type="user">@Ann</span>'],
      ['mXSS math/mglyph/style', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', undefined],
      ['mXSS svg closing p', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">', undefined],
      ['mXSS noscript title', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', undefined],
      ['mXSS nested forms', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', undefined],
      ['svg link', '<svg><a href="javascript:alert(1)"><text>click</text></a></svg>', ''],
      ['math link', '<math href="javascript:alert(1)"><mi>x</mi></math>', ''],
    ];
    for (const [label, input, expected] of hostile) {
      it(`neutralizes ${label}`, () => {
        const out = render(sanitizer, input);
        expectInert(out, label);
        if (expected !== undefined) expect(out.innerHTML).to.equal(expected);
      });
    }

    it('keeps an http(s) link, adding rel and target and dropping other attributes', () => {
      const out = render(sanitizer, '<a href="https://example.com/a?b=1&amp;c=2" onclick="x()" style="color:red" target="_self" rel="opener" class="c">link</a>');
      const anchor = out.querySelector('a')!;
      expect(anchor.getAttribute('href')).to.equal('https://example.com/a?b=1&c=2');
      expect(anchor.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(anchor.getAttribute('target')).to.equal('_blank');
      expect([...anchor.attributes].map((a) => a.name).sort()).to.deep.equal(['href', 'rel', 'target']);
      expect(anchor.textContent).to.equal('link');
    });

    it('keeps mailto and http links', () => {
      const out = render(sanitizer, '<a href="mailto:ann@example.com">mail</a> <a href="http://example.com">web</a>');
      expect([...out.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['mailto:ann@example.com', 'http://example.com/']);
    });

    it('keeps the chat formatting allowlist', () => {
      const html =
        '<p>a<br>b <b>bold</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <s>s</s> <code>c</code></p>' +
        '<pre><code>if (a &lt; b) {\n  go();\n}</code></pre><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>' +
        '<blockquote>quoted</blockquote>';
      expect(render(sanitizer, html).innerHTML).to.equal(html);
    });

    it('unwraps harmless containers, keeping their text', () => {
      expect(render(sanitizer, '<div><h1>Title</h1><font color="red">red</font> <table><tbody><tr><td>cell</td></tr></tbody></table></div>').innerHTML).to.equal('Titlered cell');
    });

    it('decodes entities in text without creating elements from them', () => {
      const out = render(sanitizer, '<p>it&#x27;s &quot;quoted&quot; &amp; &lt;b&gt;not bold&lt;/b&gt; &#128512;</p>');
      expect(out.querySelector('b')).to.equal(null);
      expect(out.textContent).to.equal('it\'s "quoted" & <b>not bold</b> \u{1F600}');
    });

    it('turns a vendor <mention> into a mention span', () => {
      const out = render(sanitizer, '<p>Hi <mention id="5f3c9e" type="user" value="Ann Lee">@Ann Lee</mention>, see this</p>');
      expect(out.innerHTML).to.equal('<p>Hi <span class="mention" data-mention-id="5f3c9e" data-mention-type="user">@Ann Lee</span>, see this</p>');
    });

    it('returns a fragment owned by the page document', () => {
      const fragment = sanitizer.toFragment('<p>x</p>');
      expect(fragment.ownerDocument).to.equal(document);
      expect(fragment.firstChild!.ownerDocument).to.equal(document);
    });

    it('treats plain text as text', () => {
      expect(render(sanitizer, 'just words & more').textContent).to.equal('just words & more');
      expect(render(sanitizer, '').innerHTML).to.equal('');
    });
  });
}

describe('textToFragment', () => {
  it('never creates elements from markup, only <br> for newlines', () => {
    const div = document.createElement('div');
    div.append(textToFragment('<b>bold?</b> <img src=x onerror=alert(1)>\nsecond\r\nthird\rfourth'));
    expect(div.querySelector('b, img')).to.equal(null);
    expect([...div.children].map((c) => c.localName)).to.deep.equal(['br', 'br', 'br']);
    expect(div.textContent).to.equal('<b>bold?</b> <img src=x onerror=alert(1)>secondthirdfourth');
  });

  it('keeps empty lines as consecutive breaks', () => {
    const div = document.createElement('div');
    div.append(textToFragment('a\n\nb'));
    expect(div.innerHTML).to.equal('a<br><br>b');
  });

  it('does not decode entities', () => {
    expect(textToFragment('&lt;b&gt;').textContent).to.equal('&lt;b&gt;');
  });
});

describe('decodeEntities', () => {
  it('decodes the references chat bodies carry', () => {
    expect(decodeEntities('it&#x27;s &quot;fine&quot; &#39;ok&#39; &amp; &lt;b&gt; &nbsp;&eacute;&hellip;')).to.equal('it\'s "fine" \'ok\' & <b> \u00a0é…');
  });

  it('decodes only once and leaves markup and unknown names alone', () => {
    expect(decodeEntities('&amp;lt; <b>x</b> &unknown; &amp')).to.equal('&lt; <b>x</b> &unknown; &amp');
  });

  it('follows the HTML rules for odd numeric references', () => {
    expect(decodeEntities('&#0;|&#x110000;|&#xD800;|&#128;|&#x1F600;|&#65')).to.equal('\ufffd|\ufffd|\ufffd|\u20ac|\u{1F600}|A');
  });

  it('returns text without ampersands untouched', () => {
    const text = 'plain text';
    expect(decodeEntities(text)).to.equal(text);
  });
});

describe('decodeReferences (what the elements decode before the sanitizer module has loaded)', () => {
  it('decodes numeric references and the common names, and leaves the other names for the full table', () => {
    expect(decodeReferences('it&#x27;s &quot;fine&quot; &apos;ok&apos; &amp; &lt;b&gt; &nbsp;&#128;|&eacute;&hellip;')).to.equal('it\'s "fine" \'ok\' & <b> \u00a0\u20ac|&eacute;&hellip;');
  });

  it('decodes the names of the table it is given', () => {
    expect(decodeReferences('&eacute;&amp;', { eacute: 'é' })).to.equal('é&amp;');
  });
});
