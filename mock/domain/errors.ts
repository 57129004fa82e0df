/**
 * The one catalog of WeChat error texts, keyed by errcode, with the text real traffic shows
 * (wechat-facts §2.5, §4.3). Tests import it; nothing else spells these strings.
 */

/** How WeChat appends its request id: most texts take ` rid: …`, a few a comma, 45065 none. */
export type RidStyle = 'space' | 'comma' | 'none';

export interface CatalogEntry {
  readonly text: string;
  readonly rid: RidStyle;
  /**
   * false: no captured answer shows this text; the comment beside it says where it comes from (most
   * are WxJava's error enum, WeChat's old global return-code page). Absent: real traffic shows it.
   */
  readonly live?: false;
}

export const WX_ERRORS = {
  [-1]: { text: 'system error', rid: 'space' },
  40001: {
    text: 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r',
    rid: 'space',
  },
  40002: { text: 'invalid grant_type', rid: 'space' },
  40003: { text: 'invalid openid', rid: 'space' },
  40004: { text: 'invalid media type', rid: 'space', live: false },
  // Seen with a rid on media/upload (w7corp/easywechat#1931).
  40005: { text: 'invalid file type', rid: 'space' },
  // WeChat's return-code page spells it "meida"; WxJava copies it, and so does the mock.
  40006: { text: 'invalid meida size', rid: 'space', live: false },
  40007: { text: 'invalid media_id', rid: 'space' },
  40008: { text: 'invalid message type', rid: 'space' },
  40013: { text: 'invalid appid', rid: 'space' },
  40014: { text: 'invalid access_token', rid: 'space' },
  40059: { text: 'invalid msg id', rid: 'space' },
  40060: { text: 'invalid article_idx', rid: 'space' },
  40125: { text: 'invalid appsecret', rid: 'space' },
  40130: { text: 'invalid openid list size, at least two openid', rid: 'space' },
  // The real text embeds the caller's address; the mock reports loopback.
  40164: { text: 'invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist', rid: 'space' },
  41001: { text: 'access_token missing', rid: 'space' },
  // Seen on media/upload and material/add_material (binarywang/WxJava#316, silenceper/wechat#832).
  41005: { text: 'media data missing', rid: 'space' },
  42001: { text: 'access_token expired', rid: 'space' },
  43002: { text: 'require POST method', rid: 'space' },
  44002: { text: 'empty post data', rid: 'space' },
  // Seen with a rid on draft/add (other-blowsnow/n8n-nodes-wechat-offiaccount#21).
  44003: { text: 'empty news data', rid: 'space' },
  // Seen on uploadnews (node-webot/co-wechat-api#106).
  45008: { text: 'article size out of limit', rid: 'space' },
  45009: { text: 'reach max api daily quota limit', rid: 'space' },
  45011: { text: 'api minute-quota reach limit must slower retry next minute', rid: 'space' },
  45028: { text: 'has no masssend quota', rid: 'space' },
  45065: { text: 'clientmsgid exist', rid: 'none' },
  45066: { text: 'same clientmsgid retry too fast', rid: 'space' },
  45067: { text: 'clientmsgid size out of limit', rid: 'space' },
  45083: { text: 'the speed out of range', rid: 'space' },
  45084: { text: 'No speed message', rid: 'space' },
  47001: { text: 'data format error', rid: 'space' },
  48001: { text: 'api unauthorized', rid: 'comma' },
  89504: { text: '正在等管理员确认,请耐心等待', rid: 'space' },
  89505: { text: '正在等管理员确认,请稍候重试', rid: 'space' },
  // The tags and followers APIs. 40032 and 45159 are texts real answers show; the others are the
  // English texts of WeChat's global return-code table (全局返回码), not yet seen in a real answer.
  40032: { text: 'invalid openid list size', rid: 'space' },
  45056: { text: 'too many tag now, no need to add new', rid: 'space' },
  45057: { text: "can't delete the tag that has too many fans", rid: 'space' },
  45058: { text: "can't modify sys tag", rid: 'space' },
  45059: { text: 'can not tagging one user too much', rid: 'space' },
  45157: { text: 'invalid tag name', rid: 'space' },
  45158: { text: 'tag name too long', rid: 'space' },
  45159: { text: 'invalid tag id', rid: 'space' },
  49003: { text: 'not match openid with appid', rid: 'space' },
  // WeChat's generic "不合法的参数" (global return codes): the mock's answer to a count, offset or index
  // out of range in the draft and material lists. The English text is inferred, not captured.
  40035: { text: 'invalid args', rid: 'space', live: false },
  // material/add_news since WeChat withdrew it for the draft box: the text this call's specification
  // quotes from WeChat's answers; no captured answer is at hand.
  45103: { text: 'This API has been unsupported', rid: 'space', live: false },
} as const satisfies Record<number, CatalogEntry>;

export type WxErrcode = keyof typeof WX_ERRORS;

export function isCatalogued(errcode: number): errcode is WxErrcode {
  return Object.prototype.hasOwnProperty.call(WX_ERRORS, errcode);
}

/** The errmsg WeChat sends for `errcode`, with `rid` appended in the code's own style. */
export function errmsgFor(errcode: WxErrcode, rid: string): string {
  const entry: CatalogEntry = WX_ERRORS[errcode];
  if (entry.rid === 'none') return entry.text;
  return `${entry.text}${entry.rid === 'comma' ? ',' : ''} rid: ${rid}`;
}
