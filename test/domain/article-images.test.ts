import { describe, expect, it } from 'vitest';
import { keepWechatImages } from '../../mock/domain/article-images.js';

const QPIC = 'https://mmbiz.qpic.cn/mmbiz_jpg/abc/0?wx_fmt=jpeg';

describe('keepWechatImages', () => {
  it.each([
    ['https, mmbiz.qpic.cn (where uploadimg puts them)', `<img src="${QPIC}">`],
    ['http', '<img src="http://mmbiz.qpic.cn/mmbiz_png/abc/0">'],
    ['no scheme', '<img src="//mmbiz.qpic.cn/mmbiz_png/abc/0">'],
    ['mmbiz.qlogo.cn', '<img src="https://mmbiz.qlogo.cn/mmbiz/abc/0">'],
    ['the host in capitals', '<IMG SRC="HTTPS://MMBIZ.QPIC.CN/a/0">'],
    ['single quotes', `<img class="x" src='${QPIC}' alt="">`],
    ['no quotes', `<img src=${QPIC} />`],
    ['white space around =', `<img src = "${QPIC}">`],
  ])("keeps an image on WeChat's image host: %s", (_, tag) => {
    const content = `<p>a</p>${tag}<p>b</p>`;
    expect(keepWechatImages(content)).toBe(content);
  });

  it.each([
    ['another host', '<img src="https://example.com/a.png">'],
    ['single quotes', "<img src='https://example.com/a.png'>"],
    ['no quotes', '<img src=https://example.com/a.png>'],
    ['white space around =', '<img src =\t"https://example.com/a.png">'],
    ['other attributes first', '<img data-ratio="1" src="https://example.com/a.png" width="10">'],
    ["WeChat's host only in the query", `<img src="https://example.com/?u=${QPIC}">`],
    ["WeChat's host as a subdomain of another", '<img src="https://mmbiz.qpic.cn.example.com/a.png">'],
    ['another scheme', '<img src="ftp://mmbiz.qpic.cn/a/0">'],
    ['an empty src', '<img src="">'],
  ])('removes an image from elsewhere: %s', (_, tag) => {
    expect(keepWechatImages(`<p>a</p>${tag}<p>b</p>`)).toBe('<p>a</p><p>b</p>');
  });

  it('removes each foreign image and keeps the rest of the content as it was', () => {
    const content = `<p>one <img src="https://a.example/1.png"> two <img src="${QPIC}"> three <img src='http://b.example/2.gif'/></p>`;
    expect(keepWechatImages(content)).toBe(`<p>one  two <img src="${QPIC}"> three </p>`);
  });

  it('keeps an <img> without src, such as one that only names data-src', () => {
    const content = '<p><img data-src="https://example.com/a.png"><img alt="x"></p>';
    expect(keepWechatImages(content)).toBe(content);
  });

  it('leaves content without images alone', () => {
    expect(keepWechatImages('<p>src="https://example.com/a.png"</p>')).toBe('<p>src="https://example.com/a.png"</p>');
  });
});
