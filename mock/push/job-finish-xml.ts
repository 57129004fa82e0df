/**
 * The MASSSENDJOBFINISH event body, shaped as WeChat sends it (wechat-facts §3.2): `MsgID` with a
 * capital D (ordinary messages say `MsgId`; SDKs key on the exact name), strings in CDATA, counts as
 * bare integers, then CopyrightCheckResult and ArticleUrlResult. Pure: the caller supplies every value.
 */

/** `err(N)` carries WeChat's review or protection code, e.g. err(40001) when the admin rejects. */
export type JobFinishStatus = 'send success' | 'send fail' | `err(${number})`;

export interface MassSendJobFinishEvent {
  /** The account's original id, `gh_` + 12 hex. */
  toUserName: string;
  /** The pushing account (an openid-like value; WeChat's old doc says the 群发助手 "mphelper"). */
  fromUserName: string;
  /** Unix seconds; with FromUserName it is what receivers dedupe retries by. */
  createTime: number;
  /** The msg_id that sendall/send answered. */
  msgId: number;
  status: JobFinishStatus;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
  /** The send's msgtype; only mpnews goes through the originality (copyright) check. */
  msgtype: string;
  /** One per article, in order; WeChat numbers them from 1. Empty gives an empty ArticleUrlResult. */
  articleUrls: string[];
}

/**
 * A CDATA section that survives any text: `]]>` would end the section early, so it is split across
 * two sections (`]]` closes one, `>` opens the next), which every XML parser joins back.
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Counts and ids go out bare; a fraction or NaN would be a bug upstream, so refuse it here. */
function int(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return String(value);
}

/**
 * Statuses err(30001..30003) are the originality check refusing the send (wechat-facts §3.2 table),
 * so they get CheckState 3 "被判为转载不能群发"; anything else passed the check: CheckState 1
 * "未被判为转载可群发", as the real payload [C10] shows.
 */
function isCopyrightRefusal(status: JobFinishStatus): boolean {
  return /^err\(3000[123]\)$/.test(status);
}

function copyrightCheckResult(event: MassSendJobFinishEvent): string {
  const refused = isCopyrightRefusal(event.status);
  // Only mpnews articles are checked for originality; other types carry an empty list, as [C10] shows.
  const items =
    event.msgtype === 'mpnews'
      ? event.articleUrls.map(
          (_url, index) =>
            '<item>' +
            `<ArticleIdx>${index + 1}</ArticleIdx>` +
            // 0 未声明原创: the mock has no originality declarations.
            '<UserDeclareState>0</UserDeclareState>' +
            // 11 校验通过 when sent; 2 (a failed check, as in the official example) when refused.
            `<AuditState>${refused ? 2 : 11}</AuditState>` +
            // No original was matched, so the URL is empty (real payloads show empty CDATA here).
            `<OriginalArticleUrl>${cdata('')}</OriginalArticleUrl>` +
            '<OriginalArticleType>1</OriginalArticleType>' +
            `<CanReprint>${refused ? 0 : 1}</CanReprint>` +
            `<NeedReplaceContent>${refused ? 1 : 0}</NeedReplaceContent>` +
            `<NeedShowReprintSource>${refused ? 1 : 0}</NeedShowReprintSource>` +
            '</item>',
        )
      : [];
  return (
    '<CopyrightCheckResult>' +
    `<Count>${items.length}</Count>` +
    `<ResultList>${items.join('')}</ResultList>` +
    `<CheckState>${refused ? 3 : 1}</CheckState>` +
    '</CopyrightCheckResult>'
  );
}

function articleUrlResult(urls: string[]): string {
  const items = urls.map(
    (url, index) => `<item><ArticleIdx>${index + 1}</ArticleIdx><ArticleUrl>${cdata(url)}</ArticleUrl></item>`,
  );
  return `<ArticleUrlResult><Count>${items.length}</Count><ResultList>${items.join('')}</ResultList></ArticleUrlResult>`;
}

export function massSendJobFinishXml(event: MassSendJobFinishEvent): string {
  // One top-level field per line, as WeChat's pushes arrive; parsers ignore the whitespace.
  const fields = [
    `<ToUserName>${cdata(event.toUserName)}</ToUserName>`,
    `<FromUserName>${cdata(event.fromUserName)}</FromUserName>`,
    `<CreateTime>${int('createTime', event.createTime)}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata('MASSSENDJOBFINISH')}</Event>`,
    `<MsgID>${int('msgId', event.msgId)}</MsgID>`,
    `<Status>${cdata(event.status)}</Status>`,
    `<TotalCount>${int('totalCount', event.totalCount)}</TotalCount>`,
    `<FilterCount>${int('filterCount', event.filterCount)}</FilterCount>`,
    `<SentCount>${int('sentCount', event.sentCount)}</SentCount>`,
    `<ErrorCount>${int('errorCount', event.errorCount)}</ErrorCount>`,
    copyrightCheckResult(event),
    articleUrlResult(event.articleUrls),
  ];
  return `<xml>\n${fields.join('\n')}\n</xml>`;
}
