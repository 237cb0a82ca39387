import { Parser } from 'htmlparser2';
import type { FieldMap } from './RecordMapper.js';

/**
 * The article of an HTML page as record fields: title, main text, published date, url, source.
 *
 * - title: og:title / twitter:title meta, else the first <h1>, else <title>;
 * - date: article:published_time, og:published_time, datePublished, pubdate, date, DC.date,
 *   sailthru.date, parsely-pub-date metas, else the first <time datetime>;
 * - url: og:url or <link rel="canonical">; source: og:site_name;
 * - text: the text blocks (p, h2-h6, li, blockquote, figcaption, pre, td) inside <article> if
 *   the page has one, else <main>, else the whole body, one block per paragraph; script, style,
 *   nav, footer, header (outside <article>), aside, form, noscript, template and svg content is skipped.
 * @example parseHtmlArticle('<title>T</title><article><p>Body.</p></article>').text // 'Body.'
 */
export function parseHtmlArticle(html: string): Partial<Record<keyof FieldMap, string>> {
  const meta = new Map<string, string>();
  const blocks: { text: string; inArticle: boolean; inMain: boolean; h1: boolean }[] = [];
  let title = '';
  let inTitle = false;
  let skip = 0;
  let article = 0;
  let main = 0;
  let timeDate: string | undefined;
  let canonical: string | undefined;
  let buf = '';
  let bufH1 = false;
  let h1Text: string | undefined;
  const headers: boolean[] = [];
  const inArticleHeader = () => headers.some((skipped) => !skipped) && article > 0;

  const flush = () => {
    const text = buf.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ text, inArticle: article > 0, inMain: main > 0, h1: bufH1 });
    if (bufH1 && text && h1Text === undefined) h1Text = text;
    buf = '';
    bufH1 = false;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        // a page header is chrome, but an <article>'s own header holds its headline and date
        if (name === 'header') headers.push(skip === 0 && article === 0);
        if (SKIP.has(name) && (name !== 'header' || headers[headers.length - 1])) skip++;
        if (skip > 0) return;
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase();
          if (key && attrs.content && !meta.has(key)) meta.set(key, attrs.content);
        } else if (name === 'link' && (attrs.rel ?? '').toLowerCase() === 'canonical' && attrs.href) {
          canonical ??= attrs.href;
        } else if (name === 'title') {
          inTitle = true;
        } else if (name === 'time' && attrs.datetime) {
          timeDate ??= attrs.datetime;
        } else if (name === 'article') {
          flush();
          article++;
        } else if (name === 'main') {
          flush();
          main++;
        } else if (name === 'br') {
          buf += ' ';
        }
        if (BLOCK.has(name)) {
          flush();
          bufH1 = name === 'h1';
        }
      },
      ontext(data) {
        if (skip > 0) return;
        if (inTitle) title += data;
        // an article's own header holds its headline, kicker, date and author: only the
        // headline is wanted, and it comes from the <h1>
        else if (!inArticleHeader() || bufH1) buf += data;
      },
      onclosetag(name) {
        if (name === 'header' ? headers.pop() : SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip > 0) return;
        if (name === 'title') inTitle = false;
        if (BLOCK.has(name)) flush();
        if (name === 'article') article = Math.max(0, article - 1);
        if (name === 'main') main = Math.max(0, main - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();

  const pick = blocks.some((b) => b.inArticle) ? blocks.filter((b) => b.inArticle)
    : blocks.some((b) => b.inMain) ? blocks.filter((b) => b.inMain) : blocks;
  const headline = clean(meta.get('og:title') ?? meta.get('twitter:title') ?? h1Text ?? title);
  const body = pick.filter((b) => !(b.h1 && clean(b.text) === headline)).map((b) => b.text);
  const date = DATE_METAS.map((k) => meta.get(k)).find(Boolean) ?? timeDate;
  const out: Partial<Record<keyof FieldMap, string>> = {};
  if (headline) out.title = headline;
  if (body.length) out.text = body.join('\n\n');
  if (date) out.date = date.trim();
  const url = meta.get('og:url') ?? canonical;
  if (url) out.url = url.trim();
  const source = meta.get('og:site_name');
  if (source) out.source = source.trim();
  return out;
}

const SKIP = new Set(['script', 'style', 'nav', 'footer', 'header', 'aside', 'form', 'noscript', 'template', 'svg', 'iframe', 'button']);
const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'pre', 'td', 'div', 'section', 'dd', 'dt']);
const DATE_METAS = [
  'article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'date', 'dc.date',
  'dc.date.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'publication_date',
];
const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
