/**
 * WeChat filters images from other hosts out of an article's content (the 2015 notice on
 * uploadimg: "系统将自动过滤图文内容中的外链图片"): only images on its own image hosts, where
 * media/uploadimg and add_material put them, stay.
 */

const IMAGE_TAG = /<img\b[^>]*>/gi;
/** The src attribute: after white space, so data-src (which \b would match) is not it. */
const SOURCE = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
/** mmbiz.qpic.cn serves uploadimg and material images; mmbiz.qlogo.cn older ones. */
const WECHAT_IMAGE_HOST = /^(?:https?:)?\/\/mmbiz\.q(?:pic|logo)\.cn\//i;

/** `content` without the <img> tags whose src is on another host; an <img> without src is kept. */
export function keepWechatImages(content: string): string {
  return content.replace(IMAGE_TAG, (tag) => {
    const source = SOURCE.exec(tag);
    if (!source) return tag;
    const url = source[1] ?? source[2] ?? source[3] ?? '';
    return WECHAT_IMAGE_HOST.test(url) ? tag : '';
  });
}
