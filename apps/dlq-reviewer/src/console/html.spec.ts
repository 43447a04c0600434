import { escapeHtml, html } from './html';

describe('html', () => {
  it('escapes interpolated text, including quotes for attributes', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='y`;
    expect(html`<td title="${hostile}">${hostile}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y</td>',
    );
  });

  it('keeps nested templates and joins arrays, dropping null and false', () => {
    const rows = ['a&b', 'c'].map((cell) => html`<li>${cell}</li>`);
    // prettier-ignore
    const list = html`<ul>${rows}${null}${false}</ul>`;
    expect(list.text).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
