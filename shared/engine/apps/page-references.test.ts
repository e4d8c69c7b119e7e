import { describe, expect, it } from 'vitest';
import { findPageReferences } from './page-references';

const PAGE = 'http://www.example.com/news/today.html';
const urls = (html: string, page = PAGE) => findPageReferences(html, page).map((r) => `${r.kind} ${r.url}`);

describe('findPageReferences', () => {
  it('finds stylesheets, scripts and images in document order, resolved against the page', () => {
    const html = `<!doctype html><html><head><title>News</title>
      <link rel="stylesheet" href="/style.css">
      <script src="app.js"></script>
    </head><body><img src="../logo.png" alt="logo"><IMG SRC='pics/cat.gif'>
      <img src=http://img.example.net/photo.png></body></html>`;
    expect(urls(html)).toEqual([
      'stylesheet http://www.example.com/style.css',
      'script http://www.example.com/news/app.js',
      'image http://www.example.com/logo.png',
      'image http://www.example.com/news/pics/cat.gif',
      'image http://img.example.net/photo.png',
    ]);
  });

  it('keeps what was written and resolves scheme-relative and https URLs', () => {
    const refs = findPageReferences('<img src="//cdn.example.org/a.png"><script src="https://x.test:8443/s.js">', PAGE);
    expect(refs).toEqual([
      { kind: 'image', url: 'http://cdn.example.org/a.png', written: '//cdn.example.org/a.png' },
      { kind: 'script', url: 'https://x.test:8443/s.js', written: 'https://x.test:8443/s.js' },
    ]);
  });

  it('fetches the same URL once, drops fragments and the page itself', () => {
    const html = '<img src="a.png#top"><img src="a.png"><img src="/news/a.png"><img src="today.html">';
    expect(urls(html)).toEqual(['image http://www.example.com/news/a.png']);
  });

  it('reads rel as a token list and ignores links that are not stylesheets', () => {
    const html =
      '<link rel="icon" href="/favicon.ico"><link rel="preconnect" href="//cdn.test"><link REL="Alternate StyleSheet" href="b.css"><link href="c.css" rel=stylesheet>';
    expect(urls(html)).toEqual([
      'stylesheet http://www.example.com/news/b.css',
      'stylesheet http://www.example.com/news/c.css',
    ]);
  });

  it('sees no tags inside comments, scripts, styles, titles or textareas', () => {
    const html = `<!-- <img src="commented.png"> --><title><img src="t.png"></title>
      <script>document.write('<img src="written.png">')</script>
      <style>/* <link rel=stylesheet href=x.css> */</style><textarea><img src="typed.png"></textarea>
      <script src="real.js"/>  <img src="inside-script.png"></script><img src="after.png">`;
    expect(urls(html)).toEqual([
      'script http://www.example.com/news/real.js',
      'image http://www.example.com/news/after.png',
    ]);
  });

  it('follows the first <base href> for what comes after it', () => {
    const html =
      '<img src="before.png"><base href="http://static.example.com/v2/"><base href="/ignored/"><img src="after.png">';
    expect(urls(html)).toEqual([
      'image http://www.example.com/news/before.png',
      'image http://static.example.com/v2/after.png',
    ]);
  });

  it('leaves out empty, data:, javascript: and unparsable URLs; decodes entities and trims spaces', () => {
    const html =
      '<img src=""><img src="  "><img src="data:image/png;base64,AAAA"><script src="javascript:void 0"></script>' +
      '<img src="http://[bad"><img src="  x.png?a=1&amp;b=2 "><img>';
    expect(urls(html)).toEqual(['image http://www.example.com/news/x.png?a=1&b=2']);
  });

  it('takes the first of a repeated attribute and survives an unclosed comment or tag', () => {
    expect(urls('<img src="one.png" src="two.png">')).toEqual(['image http://www.example.com/news/one.png']);
    expect(urls('<img src="ok.png"><!-- <img src="no.png">')).toEqual(['image http://www.example.com/news/ok.png']);
    expect(urls('<img src="ok.png"><img src="cut')).toEqual(['image http://www.example.com/news/ok.png']);
    expect(urls('<script>never closed <img src="no.png">')).toEqual([]);
  });
});
